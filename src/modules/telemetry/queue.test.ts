import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import { IngestQueue, defaultQueueLimits, type IngestBatch } from './queue.js';
import { blockOf } from './span-block.js';

const batch = (orgId: string, n: number): IngestBatch => ({
  orgId,
  blocks: [
    {
      systemId: null,
      subject: 'service:x',
      block: blockOf({
        serviceName: 'x',
        aimsSystemId: null,
        spans: Array.from({ length: n }, () => ({
          traceId: 't',
          spanId: 's',
          name: 'n',
          startTime: new Date(),
          durationMs: 1,
          genAiSystem: null,
          model: null,
          operation: null,
          inputTokens: null,
          outputTokens: null,
          error: false,
          errorType: null,
        })),
      }),
    },
  ],
  metrics: [],
  sightings: [],
  bytes: n * 500,
});

describe('IngestQueue admission', () => {
  // no flush runs in these tests, so the database is never touched
  const queue = () => new IngestQueue({} as Db, { ...defaultQueueLimits, maxItems: 1000, maxBytes: 10_000_000, orgShare: 0.5 });

  it('takes whole requests until the queue is full, then refuses them whole with 503 and a Retry-After', () => {
    const q = queue();
    expect(q.offer(batch('a', 400))).toEqual({ accepted: true });
    expect(q.offer(batch('b', 400))).toEqual({ accepted: true });
    const full = q.offer(batch('c', 300));
    expect(full).toMatchObject({ accepted: false, status: 503 });
    expect(full.accepted === false && full.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(q.queuedItems).toBe(800);
  });

  it('answers 429 to an organisation holding more than its share while others still get in', () => {
    const q = queue();
    expect(q.offer(batch('a', 400)).accepted).toBe(true);
    expect(q.offer(batch('a', 200))).toMatchObject({ accepted: false, status: 429 });
    expect(q.offer(batch('b', 200)).accepted).toBe(true);
  });

  it('takes one request larger than the limit when the queue is empty (the body limit bounds it)', () => {
    expect(queue().offer(batch('a', 1500)).accepted).toBe(true);
  });

  it('says before a body is read whether a request could get in at all', () => {
    const q = queue();
    expect(q.refusalNow('a')).toBeNull();
    expect(q.offer(batch('a', 500)).accepted).toBe(true);
    expect(q.refusalNow('a')).toMatchObject({ status: 429 });
    expect(q.refusalNow('b')).toBeNull();
    expect(q.offer(batch('b', 500)).accepted).toBe(true);
    expect(q.refusalNow('c')).toMatchObject({ status: 503 });
  });

  it('refuses by bytes as well as by items', () => {
    const q = new IngestQueue({} as Db, { ...defaultQueueLimits, maxItems: 1_000_000, maxBytes: 100_000 });
    expect(q.offer(batch('a', 150)).accepted).toBe(true);
    expect(q.offer(batch('b', 150))).toMatchObject({ accepted: false, status: 503 });
  });
});

describe('IngestQueue writer', () => {
  it('releases a failed round from the limits and keeps taking requests', async () => {
    const failing = {
      transaction: () => Promise.reject(new Error('database gone')),
    } as unknown as Db;
    const q = new IngestQueue(failing, { ...defaultQueueLimits, maxItems: 1000 });
    expect(q.offer(batch('a', 600)).accepted).toBe(true);
    await q.flush();
    expect(q.queuedItems).toBe(0);
    expect(q.dropped).toBe(600);
    expect(q.offer(batch('a', 600)).accepted).toBe(true);
    await q.close();
  });
});
