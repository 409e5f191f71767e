import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/connect.js';
import { runDueJobs, type JobHandlers, type RunSummary } from './queue.js';
import { schedulePeriodic, type PeriodicJob } from './schedule.js';

export interface JobRunnerOptions {
  handlers: JobHandlers;
  periodic: readonly PeriodicJob[];
  log: Pick<FastifyBaseLogger, 'warn'>;
  /** how often the worker looks for due jobs */
  intervalMs?: number;
  clock?: () => Date;
}

export interface JobRunner {
  /** one pass now: schedule the periodic jobs, run the due ones (tests call this instead of waiting) */
  tick(): Promise<RunSummary>;
  /** stops the timer and waits for a pass in progress to finish */
  stop(): Promise<void>;
}

/** The in-process worker the server starts: a timer that runs one pass at a time. */
export function startJobRunner(db: Db, options: JobRunnerOptions): JobRunner {
  const clock = options.clock ?? (() => new Date());
  let current: Promise<unknown> = Promise.resolve();
  let running = false;
  let stopped = false;

  const tick = async (): Promise<RunSummary> => {
    const now = clock();
    await schedulePeriodic(db, now, options.periodic);
    return runDueJobs(db, now, { handlers: options.handlers });
  };

  const timer = setInterval(() => {
    if (running || stopped) return;
    running = true;
    current = tick()
      .catch((err: unknown) => options.log.warn({ err }, 'a job runner pass failed; the next interval tries again'))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs ?? 5_000);
  timer.unref();

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
