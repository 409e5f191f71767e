import type { Db } from '../../db/connect.js';
import { backoffMs, MAX_ATTEMPTS, shouldRetry } from './backoff.js';
import * as repo from './repo.js';

export interface EnqueueInput {
  kind: string;
  orgId?: string | null;
  payload?: Record<string, unknown>;
  /** when the job becomes due (default: now) */
  runAt?: Date;
}

export interface JobContext {
  db: Db;
  job: repo.JobRow;
  /** the worker's clock at the claim: handlers use it instead of `new Date()` so tests control time */
  now: Date;
}

export interface JobHandler {
  run(ctx: JobContext): Promise<void>;
  /** tries before the job is marked failed (default MAX_ATTEMPTS) */
  maxAttempts?: number;
}

export type JobHandlers = Record<string, JobHandler>;

export interface RunOptions {
  handlers: JobHandlers;
  /** jobs claimed per call */
  batch?: number;
  /** a running job locked longer ago than this was interrupted and is queued again */
  staleAfterMs?: number;
}

export interface RunSummary {
  requeued: number;
  done: number;
  retried: number;
  failed: number;
}

export const STALE_AFTER_MS = 10 * 60_000;

export async function enqueue(db: Db, input: EnqueueInput): Promise<repo.JobRow> {
  return repo.insertJob(db, {
    kind: input.kind,
    orgId: input.orgId ?? null,
    payload: input.payload ?? {},
    status: 'queued',
    ...(input.runAt ? { runAt: input.runAt } : {}),
  });
}

/** Enqueues unless a job of the same kind and organisation is already queued or running. */
export async function enqueueOnce(db: Db, input: EnqueueInput): Promise<repo.JobRow | null> {
  if (await repo.pendingJob(db, input.kind, input.orgId ?? null)) return null;
  return enqueue(db, input);
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/**
 * One pass of the worker at time `now`: re-queues interrupted jobs, claims the due ones and runs each with its
 * handler. A failure is retried after a backoff until the handler's attempt limit, then marked failed; a job of an
 * unknown kind fails at once (no later try can succeed).
 */
export async function runDueJobs(db: Db, now: Date, options: RunOptions): Promise<RunSummary> {
  const summary: RunSummary = { requeued: 0, done: 0, retried: 0, failed: 0 };
  summary.requeued = await repo.unsafeRequeueStale(db, new Date(now.getTime() - (options.staleAfterMs ?? STALE_AFTER_MS)));
  const claimed = await repo.unsafeClaimDueJobs(db, now, options.batch ?? 20);
  for (const job of claimed) {
    const handler = options.handlers[job.kind];
    if (!handler) {
      await repo.markFailed(db, job.id, now, `no handler for job kind "${job.kind}"`);
      summary.failed++;
      continue;
    }
    try {
      await handler.run({ db, job, now });
      await repo.markDone(db, job.id, now);
      summary.done++;
    } catch (err) {
      if (shouldRetry(job.attempts, handler.maxAttempts ?? MAX_ATTEMPTS)) {
        await repo.markRetry(db, job.id, new Date(now.getTime() + backoffMs(job.attempts)), errorText(err));
        summary.retried++;
      } else {
        await repo.markFailed(db, job.id, now, errorText(err));
        summary.failed++;
      }
    }
  }
  return summary;
}
