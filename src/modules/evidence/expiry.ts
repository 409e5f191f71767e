import { EXPIRING_WITHIN_DAYS, type ExpiryState } from './schema.js';

/** The calendar dates the expiry states are measured against, in UTC. */
export interface ExpiryWindow {
  /** ISO date of today */
  today: string;
  /** the last day that still counts as "expiring soon" */
  soon: string;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function expiryWindow(now: Date = new Date(), withinDays = EXPIRING_WITHIN_DAYS): ExpiryWindow {
  const soon = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + withinDays));
  return { today: isoDay(now), soon: isoDay(soon) };
}

/** Evidence is expired the day after its expiry date, and expiring soon from 30 days before it. */
export function expiryState(expiresOn: string | null, w: ExpiryWindow): ExpiryState {
  if (!expiresOn) return 'no_expiry';
  if (expiresOn < w.today) return 'expired';
  if (expiresOn <= w.soon) return 'expiring_soon';
  return 'valid';
}
