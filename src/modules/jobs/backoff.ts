/** Retry policy of the job queue: exponential backoff from 30 s, capped at one hour, `MAX_ATTEMPTS` tries in all. */
export const MAX_ATTEMPTS = 5;
const BASE_MS = 30_000;
const CAP_MS = 60 * 60_000;

/** Delay before the next try after `attempts` failed tries (1 → 30 s, 2 → 60 s, 3 → 120 s …). */
export function backoffMs(attempts: number): number {
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** Whether a job that failed on its `attempts`-th try gets another. */
export const shouldRetry = (attempts: number, maxAttempts = MAX_ATTEMPTS): boolean => attempts < maxAttempts;
