import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/connect.js';
import { refreshPlannerStatistics } from '../db/maintenance.js';
import { totalRecordedChanges } from '../modules/audit-log/generations.js';

/**
 * PGlite has no autovacuum, so the planner's statistics are those of the last ANALYZE. As controls, evidence and
 * assessments grow, plans chosen for small tables turn slow (measured: one SoA query went from 60 ms to 2.3 s on
 * stale statistics). Every `intervalMs`, if at least `threshold` changes were recorded since the last refresh,
 * ANALYZE runs again. Returns a function that stops the timer.
 */
export function keepPlannerStatisticsFresh(db: Db, log: FastifyBaseLogger, intervalMs = 30_000, threshold = 200): () => void {
  let analysedAt = totalRecordedChanges();
  let running = false;
  const timer = setInterval(() => {
    const now = totalRecordedChanges();
    if (running || now - analysedAt < threshold) return;
    running = true;
    refreshPlannerStatistics(db)
      .then(() => {
        analysedAt = now;
      })
      .catch((err: unknown) => log.warn({ err }, 'refreshing the planner statistics failed; the next interval tries again'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
