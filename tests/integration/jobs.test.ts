import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertRules, jobs } from '../../src/db/schema.js';
import { enqueue, runDueJobs, type JobHandlers } from '../../src/modules/jobs/queue.js';
import { unsafeClaimDueJobs } from '../../src/modules/jobs/repo.js';
import { startJobRunner } from '../../src/modules/jobs/runner.js';
import { nextBoundary, schedulePeriodic } from '../../src/modules/jobs/schedule.js';
import { jobHandlers, periodicJobs } from '../../src/modules/jobs/setup.js';
import { engines, openTestDatabase, type TestDatabase } from '../support/engines.js';
import { buildOrg, type TestOrg } from '../support/factories.js';

const t0 = new Date('2026-11-28T02:00:10Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe.each(engines)('job queue on %s', (engine) => {
  let database: TestDatabase;
  let org: TestOrg;
  const ran: string[] = [];
  const handlers: JobHandlers = {
    ok: {
      async run({ job }) {
        ran.push(String(job.payload && (job.payload as { tag?: string }).tag));
      },
    },
    flaky: {
      async run() {
        throw new Error('upstream unavailable');
      },
      maxAttempts: 3,
    },
  };
  const rowOf = async (id: number) => (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await buildOrg(database.db, 'jobs');
  });
  afterAll(async () => database?.drop());
  beforeEach(async () => {
    ran.length = 0;
    await database.db.delete(jobs);
  });

  it('runs due jobs once, leaves later ones queued', async () => {
    const due = await enqueue(database.db, { kind: 'ok', orgId: org.ctx.org.id, payload: { tag: 'due' }, runAt: t0 });
    const future = await enqueue(database.db, { kind: 'ok', payload: { tag: 'future' }, runAt: later(60_000) });
    expect(await runDueJobs(database.db, t0, { handlers })).toEqual({ requeued: 0, done: 1, retried: 0, failed: 0 });
    expect(ran).toEqual(['due']);
    expect(await rowOf(due.id)).toMatchObject({ status: 'done', attempts: 1, lockedAt: null, finishedAt: t0 });
    expect((await rowOf(future.id)).status).toBe('queued');
    // a second pass at the same time has nothing to do
    expect((await runDueJobs(database.db, t0, { handlers })).done).toBe(0);
    expect(ran).toEqual(['due']);
  });

  it('retries a failing job with growing backoff, then marks it failed', async () => {
    const job = await enqueue(database.db, { kind: 'flaky', runAt: t0 });
    expect((await runDueJobs(database.db, t0, { handlers })).retried).toBe(1);
    let row = await rowOf(job.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'upstream unavailable' });
    expect(row.runAt.getTime()).toBe(later(30_000).getTime());
    // not due before its backoff ends
    expect((await runDueJobs(database.db, later(29_000), { handlers })).retried).toBe(0);
    expect((await runDueJobs(database.db, later(30_000), { handlers })).retried).toBe(1);
    row = await rowOf(job.id);
    expect(row.attempts).toBe(2);
    expect(row.runAt.getTime()).toBe(later(30_000 + 60_000).getTime());
    expect((await runDueJobs(database.db, later(90_000), { handlers })).failed).toBe(1);
    row = await rowOf(job.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'upstream unavailable' });
    expect(row.finishedAt?.getTime()).toBe(later(90_000).getTime());
  });

  it('fails a job of an unknown kind at once', async () => {
    const job = await enqueue(database.db, { kind: 'nobody.handles.this', runAt: t0 });
    expect((await runDueJobs(database.db, t0, { handlers })).failed).toBe(1);
    expect(await rowOf(job.id)).toMatchObject({ status: 'failed', lastError: 'no handler for job kind "nobody.handles.this"' });
  });

  it('re-queues a job whose worker stopped mid-run once its lock is stale', async () => {
    const job = await enqueue(database.db, { kind: 'ok', payload: { tag: 'interrupted' }, runAt: t0 });
    // a worker claims it and dies before finishing
    expect((await unsafeClaimDueJobs(database.db, t0, 10)).map((j) => j.id)).toEqual([job.id]);
    expect((await rowOf(job.id)).status).toBe('running');
    // within the timeout nobody touches it
    expect(await runDueJobs(database.db, later(5 * 60_000), { handlers, staleAfterMs: 10 * 60_000 })).toEqual({
      requeued: 0,
      done: 0,
      retried: 0,
      failed: 0,
    });
    const summary = await runDueJobs(database.db, later(11 * 60_000), { handlers, staleAfterMs: 10 * 60_000 });
    expect(summary).toEqual({ requeued: 1, done: 1, retried: 0, failed: 0 });
    expect(ran).toEqual(['interrupted']);
    expect(await rowOf(job.id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('never hands one job to two concurrent claimers (FOR UPDATE SKIP LOCKED)', async () => {
    for (let i = 0; i < 24; i++) await enqueue(database.db, { kind: 'ok', payload: { tag: `j${i}` }, runAt: t0 });
    // Each claimer holds its claim in an open transaction for a moment, so on PostgreSQL they overlap.
    const claimer = () =>
      database.db.transaction(async (tx) => {
        const got = await unsafeClaimDueJobs(tx as never, t0, 6);
        await new Promise((r) => setTimeout(r, 50));
        return got.map((j) => j.id);
      });
    const claims = await Promise.all([claimer(), claimer(), claimer(), claimer()]);
    const all = claims.flat();
    expect(claims.map((c) => c.length)).toEqual([6, 6, 6, 6]);
    expect(new Set(all).size).toBe(24);
    expect(await unsafeClaimDueJobs(database.db, t0, 6)).toEqual([]);
  });

  it.runIf(engine === 'postgres')('lets a second claimer pass over the jobs another holds instead of waiting', async () => {
    for (let i = 0; i < 6; i++) await enqueue(database.db, { kind: 'ok', runAt: t0 });
    const tooSlow = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the second claimer waited for the first')), 3000));
    await database.db.transaction(async (tx) => {
      const first = (await unsafeClaimDueJobs(tx as never, t0, 3)).map((j) => j.id);
      // another connection, while the first claim's row locks are held
      const second = (await Promise.race([unsafeClaimDueJobs(database.db, t0, 3), tooSlow])).map((j) => j.id);
      expect(first).toHaveLength(3);
      expect(second).toHaveLength(3);
      expect(second.filter((id) => first.includes(id))).toEqual([]);
    });
  });

  it('schedules periodic jobs idempotently: one pending per kind and organisation', async () => {
    const other = await buildOrg(database.db, `jobs-idle-${engine}`);
    await database.db.insert(alertRules).values({
      orgId: org.ctx.org.id,
      name: 'Error rate',
      metric: 'error_rate',
      comparator: 'above',
      threshold: 0.1,
      windowMinutes: 5,
      cooldownMinutes: 60,
    });
    expect(await schedulePeriodic(database.db, t0, periodicJobs)).toBe(3);
    expect(await schedulePeriodic(database.db, later(1000), periodicJobs)).toBe(0);
    const rows = await database.db.select().from(jobs);
    expect(rows.map((r) => [r.kind, r.orgId, r.runAt.toISOString()]).sort()).toEqual([
      ['alerts.evaluate', org.ctx.org.id, '2026-11-28T02:01:00.000Z'],
      ['jobs.cleanup', null, '2026-11-29T00:00:00.000Z'],
      ['telemetry.prune', null, '2026-11-29T00:00:00.000Z'],
    ]);
    expect(rows.some((r) => r.orgId === other.ctx.org.id)).toBe(false);
    expect(nextBoundary(new Date('2026-11-28T02:01:00Z'), 'minute').toISOString()).toBe('2026-11-28T02:02:00.000Z');
  });

  it('ticks with an injected clock: schedules, then runs what is due', async () => {
    let now = t0;
    const runner = startJobRunner(database.db, {
      handlers: jobHandlers,
      periodic: periodicJobs,
      log: { warn: () => undefined },
      intervalMs: 3_600_000,
      clock: () => now,
    });
    try {
      expect((await runner.tick()).done).toBe(0);
      now = new Date('2026-11-28T02:01:00Z');
      // the evaluation of the organisation with a rule (no telemetry: nothing fires)
      expect((await runner.tick()).done).toBe(1);
      const evaluations = async () =>
        (await database.db.select().from(jobs).where(eq(jobs.kind, 'alerts.evaluate')))
          .map((j) => `${j.status} ${j.runAt.toISOString()}`)
          .sort();
      expect(await evaluations()).toEqual(['done 2026-11-28T02:01:00.000Z']);
      // the next pass queues the following minute's evaluation
      expect((await runner.tick()).done).toBe(0);
      expect(await evaluations()).toEqual(['done 2026-11-28T02:01:00.000Z', 'queued 2026-11-28T02:02:00.000Z']);
    } finally {
      await runner.stop();
    }
  });

  it('prunes telemetry through the telemetry module', async () => {
    const job = await enqueue(database.db, { kind: 'telemetry.prune', runAt: t0 });
    expect(await runDueJobs(database.db, t0, { handlers: jobHandlers })).toEqual({ requeued: 0, done: 1, retried: 0, failed: 0 });
    expect((await rowOf(job.id)).status).toBe('done');
  });

  it('cleans up finished jobs older than a week', async () => {
    const old = await enqueue(database.db, { kind: 'ok', runAt: t0 });
    await database.db
      .update(jobs)
      .set({ status: 'done', finishedAt: later(-8 * 24 * 3_600_000) })
      .where(eq(jobs.id, old.id));
    const recent = await enqueue(database.db, { kind: 'ok', runAt: t0 });
    await database.db
      .update(jobs)
      .set({ status: 'done', finishedAt: later(-3_600_000) })
      .where(eq(jobs.id, recent.id));
    const cleanup = await enqueue(database.db, { kind: 'jobs.cleanup', runAt: t0 });
    expect((await runDueJobs(database.db, t0, { handlers: jobHandlers })).done).toBe(1);
    const left = (await database.db.select({ id: jobs.id }).from(jobs)).map((r) => r.id).sort((a, b) => a - b);
    expect(left).toEqual([recent.id, cleanup.id]);
  });
});
