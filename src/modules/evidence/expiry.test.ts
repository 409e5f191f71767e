import { describe, expect, it } from 'vitest';
import { expiryState, expiryWindow } from './expiry.js';

describe('expiry states', () => {
  const w = expiryWindow(new Date('2026-12-20T23:30:00Z'));

  it('measures 30 days from today in UTC, across a year end', () => {
    expect(w).toEqual({ today: '2026-12-20', soon: '2027-01-19' });
  });

  it.each([
    [null, 'no_expiry'],
    ['2026-12-19', 'expired'],
    ['2026-12-20', 'expiring_soon'],
    ['2027-01-19', 'expiring_soon'],
    ['2027-01-20', 'valid'],
  ] as const)('%s is %s', (expiresOn, state) => {
    expect(expiryState(expiresOn, w)).toBe(state);
  });
});
