import type { Db } from '../../db/connect.js';
import { enqueueOnce } from './queue.js';

/** A job enqueued again and again: at each minute or day boundary (UTC), per organisation or once. */
export interface PeriodicJob {
  kind: string;
  every: 'minute' | 'day';
  /** the organisations to enqueue it for; absent: one job without an organisation */
  orgs?: (db: Db) => Promise<string[]>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The next boundary strictly after `now`. */
export function nextBoundary(now: Date, every: PeriodicJob['every']): Date {
  const step = every === 'minute' ? MINUTE : DAY;
  return new Date((Math.floor(now.getTime() / step) + 1) * step);
}

/**
 * Enqueues each periodic job for its next boundary unless one of the same kind and organisation is already queued
 * or running, so calling it on every tick (or from several processes) keeps at most one pending per kind and org.
 * Returns how many were enqueued.
 */
export async function schedulePeriodic(db: Db, now: Date, periodic: readonly PeriodicJob[]): Promise<number> {
  let added = 0;
  for (const p of periodic) {
    const orgIds: (string | null)[] = p.orgs ? await p.orgs(db) : [null];
    for (const orgId of orgIds) {
      if (await enqueueOnce(db, { kind: p.kind, orgId, runAt: nextBoundary(now, p.every) })) added++;
    }
  }
  return added;
}
