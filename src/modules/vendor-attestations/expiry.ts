import { ATTESTATION_EXPIRING_DAYS, type AttestationExpiry } from './schema.js';

const DAY_MS = 86_400_000;

/** Whole days from `today` to `date` (both calendar dates). */
export const daysBetween = (today: string, date: string): number => Math.round((Date.parse(date) - Date.parse(today)) / DAY_MS);

/** valid, expiring (ends within `within` days, today included), expired (ended before today) or no_expiry. */
export function attestationExpiry(validTo: string | null, today: string, within = ATTESTATION_EXPIRING_DAYS): AttestationExpiry {
  if (!validTo) return 'no_expiry';
  const left = daysBetween(today, validTo);
  if (left < 0) return 'expired';
  return left <= within ? 'expiring' : 'valid';
}
