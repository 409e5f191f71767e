import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { jobs } from '../../db/schema.js';

/**
 * The job queue's queries. The queue serves every organisation from one worker, so the claim, re-queue and clean-up
 * queries deliberately span organisations (named `unsafe…`); a job's own work is scoped by its org_id.
 */
export type JobRow = typeof jobs.$inferSelect;
export type JobInsert = typeof jobs.$inferInsert;

export async function insertJob(db: Db, row: JobInsert): Promise<JobRow> {
  const [out] = await db.insert(jobs).values(row).returning();
  if (!out) throw new Error('job insert returned nothing');
  return out;
}

/** A queued or running job of this kind for this organisation (or for none), if any. */
export async function pendingJob(db: Db, kind: string, orgId: string | null): Promise<JobRow | undefined> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(
      and(eq(jobs.kind, kind), orgId ? eq(jobs.orgId, orgId) : sql`${jobs.orgId} is null`, inArray(jobs.status, ['queued', 'running'])),
    )
    .limit(1);
  return row;
}

/**
 * Claims up to `limit` due jobs: the inner SELECT … FOR UPDATE SKIP LOCKED passes over rows another claimer holds,
 * so two workers never take the same job; the UPDATE marks them running and counts the attempt.
 */
export async function unsafeClaimDueJobs(db: Db, now: Date, limit: number): Promise<JobRow[]> {
  return db
    .update(jobs)
    .set({ status: 'running', lockedAt: now, attempts: sql`${jobs.attempts} + 1` })
    .where(
      inArray(
        jobs.id,
        sql`(select ${jobs.id} from ${jobs} where ${jobs.status} = 'queued' and ${jobs.runAt} <= ${now.toISOString()}::timestamptz
             order by ${jobs.runAt}, ${jobs.id} limit ${limit} for update skip locked)`,
      ),
    )
    .returning();
}

export async function markDone(db: Db, id: number, now: Date): Promise<void> {
  await db.update(jobs).set({ status: 'done', finishedAt: now, lockedAt: null, lastError: null }).where(eq(jobs.id, id));
}

/** Back into the queue for another attempt at `runAt`, keeping the error that stopped this one. */
export async function markRetry(db: Db, id: number, runAt: Date, error: string): Promise<void> {
  await db.update(jobs).set({ status: 'queued', runAt, lockedAt: null, lastError: error }).where(eq(jobs.id, id));
}

export async function markFailed(db: Db, id: number, now: Date, error: string): Promise<void> {
  await db.update(jobs).set({ status: 'failed', finishedAt: now, lockedAt: null, lastError: error }).where(eq(jobs.id, id));
}

/** Running jobs locked before `staleBefore` were interrupted (a restart, a crashed worker): queue them again. */
export async function unsafeRequeueStale(db: Db, staleBefore: Date): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({ status: 'queued', lockedAt: null, lastError: 'interrupted: re-queued after the worker stopped' })
    .where(and(eq(jobs.status, 'running'), lt(jobs.lockedAt, staleBefore)))
    .returning({ id: jobs.id });
  return rows.length;
}

/** Deletes finished jobs (done) older than `before`; failed ones stay for inspection. */
export async function unsafeDeleteDoneBefore(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(jobs)
    .where(and(eq(jobs.status, 'done'), lt(jobs.finishedAt, before)))
    .returning({ id: jobs.id });
  return rows.length;
}
