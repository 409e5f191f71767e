import { describe, expect, it } from 'vitest';
import { attestationExpiry, daysBetween } from './expiry.js';

describe('attestationExpiry', () => {
  const today = '2026-11-28';
  it('reads the status from the end date', () => {
    expect(attestationExpiry(null, today)).toBe('no_expiry');
    expect(attestationExpiry('2026-11-27', today)).toBe('expired');
    expect(attestationExpiry('2026-11-28', today)).toBe('expiring');
    expect(attestationExpiry('2027-01-27', today)).toBe('expiring');
    expect(attestationExpiry('2027-01-28', today)).toBe('valid');
    expect(attestationExpiry('2026-12-10', today, 7)).toBe('valid');
  });
  it('counts whole days across month ends and leap days', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-12-30')).toBe(-1);
  });
});
