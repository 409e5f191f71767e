import { describe, expect, it } from 'vitest';
import { backoffMs, MAX_ATTEMPTS, shouldRetry } from './backoff.js';

describe('job backoff', () => {
  it('doubles from 30 seconds and stops at one hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(3_600_000);
  });

  it('retries until the last allowed attempt', () => {
    expect(shouldRetry(1)).toBe(true);
    expect(shouldRetry(MAX_ATTEMPTS - 1)).toBe(true);
    expect(shouldRetry(MAX_ATTEMPTS)).toBe(false);
    expect(shouldRetry(2, 2)).toBe(false);
  });
});
