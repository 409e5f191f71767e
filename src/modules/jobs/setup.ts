import type { Db } from '../../db/connect.js';
import { evaluateAlerts } from '../alerts/evaluate.js';
import { pruneTelemetry } from '../telemetry/retention.js';
import { unsafeOrgsWithEnabledRules } from '../alerts/repo.js';
import type { JobHandlers } from './queue.js';
import { unsafeDeleteDoneBefore } from './repo.js';
import { startJobRunner, type JobRunner, type JobRunnerOptions } from './runner.js';
import type { PeriodicJob } from './schedule.js';

/** Finished jobs are kept this long for inspection, then deleted; failed ones stay. */
export const KEEP_DONE_DAYS = 7;

/** The kinds of job this product runs, each with its handler. */
export const jobHandlers: JobHandlers = {
  'alerts.evaluate': {
    async run({ db, job, now }) {
      if (job.orgId) await evaluateAlerts(db, job.orgId, { now });
    },
    // Evaluation runs again next minute anyway: one retry is enough.
    maxAttempts: 2,
  },
  'telemetry.prune': {
    async run({ db, now }) {
      await pruneTelemetry(db, now);
    },
  },
  'jobs.cleanup': {
    async run({ db, now }) {
      await unsafeDeleteDoneBefore(db, new Date(now.getTime() - KEEP_DONE_DAYS * 24 * 60 * 60_000));
    },
  },
};

export const periodicJobs: readonly PeriodicJob[] = [
  { kind: 'alerts.evaluate', every: 'minute', orgs: (db: Db) => unsafeOrgsWithEnabledRules(db) },
  { kind: 'telemetry.prune', every: 'day' },
  { kind: 'jobs.cleanup', every: 'day' },
];

/** The worker the server runs. */
export function startJobs(db: Db, options: Pick<JobRunnerOptions, 'log' | 'intervalMs' | 'clock'>): JobRunner {
  return startJobRunner(db, { ...options, handlers: jobHandlers, periodic: periodicJobs });
}
