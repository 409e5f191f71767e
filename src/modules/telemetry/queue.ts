import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/connect.js';
import * as repo from './repo.js';
import { mergeMetricRows, mergeSightings, rollupBlocks, type QueuedBlock } from './rollup.js';

/** What one accepted request adds: all of it is queued, or none of it. */
export interface IngestBatch {
  orgId: string;
  /** the request's spans, a block per resource */
  blocks: QueuedBlock[];
  metrics: repo.MetricRollupInsert[];
  sightings: repo.UnregisteredInsert[];
  /** estimated memory held while queued */
  bytes: number;
}

export interface QueueLimits {
  /** spans and metric points held at most (queued and being written) */
  maxItems: number;
  maxBytes: number;
  /** the share of maxItems one organisation may hold before it gets 429 */
  orgShare: number;
  flushIntervalMs: number;
  /** a flush starts at once when this many items wait */
  flushItems: number;
  /** items written per flush round */
  batchItems: number;
}

export const defaultQueueLimits: QueueLimits = {
  maxItems: 200_000,
  maxBytes: 128 * 1024 * 1024,
  orgShare: 0.5,
  flushIntervalMs: 250,
  flushItems: 20_000,
  batchItems: 40_000,
};

/** Queue limits from the environment (AIMS_TELEMETRY_QUEUE_ITEMS, AIMS_TELEMETRY_QUEUE_BYTES), else the defaults. */
export function queueLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): QueueLimits {
  const n = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
  return {
    ...defaultQueueLimits,
    maxItems: n(env.AIMS_TELEMETRY_QUEUE_ITEMS, defaultQueueLimits.maxItems),
    maxBytes: n(env.AIMS_TELEMETRY_QUEUE_BYTES, defaultQueueLimits.maxBytes),
  };
}

export type Offer = { accepted: true } | { accepted: false; status: 429 | 503; retryAfterSeconds: number; message: string };

const itemsOf = (b: IngestBatch): number => b.blocks.reduce((n, q) => n + q.block.count, 0) + b.metrics.length;

/**
 * The bounded in-process queue between the OTLP receiver and the database, with its single writer. A request is
 * admitted whole or refused whole (503 when the queue is full, 429 when its organisation holds more than its share),
 * so memory stays bounded whatever the senders do. The writer merges each round into one rollup row per
 * (organisation, subject, minute) and writes every organisation's part in its own transaction.
 */
export class IngestQueue {
  private queue: IngestBatch[] = [];
  private items = 0;
  private bytes = 0;
  private readonly perOrg = new Map<string, number>();
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** items written per second in the last round, for Retry-After */
  private rate = 20_000;
  dropped = 0;
  private closed = false;

  constructor(
    private readonly db: Db,
    public limits: QueueLimits = defaultQueueLimits,
    private readonly log?: FastifyBaseLogger,
  ) {}

  /** Starts the flush timer; the first admitted request does it, so an app that receives no telemetry has none. */
  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => this.kick(), this.limits.flushIntervalMs);
    this.timer.unref();
  }

  /** New limits (tests shrink the queue); restarts the flush timer when it runs. */
  setLimits(limits: Partial<QueueLimits>): void {
    this.limits = { ...this.limits, ...limits };
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
      this.start();
    }
  }

  get queuedItems(): number {
    return this.items;
  }

  /**
   * The refusal a request from this organisation would get however small it is, judged before its body is read:
   * when the queue is already full, decoding the request would only take time from the writer.
   */
  refusalNow(orgId: string): Offer | null {
    const retryAfterSeconds = Math.max(1, Math.ceil(this.items / this.rate));
    if (this.items >= this.limits.maxItems || this.bytes >= this.limits.maxBytes) {
      return { accepted: false, status: 503, retryAfterSeconds, message: 'The telemetry queue is full; retry later' };
    }
    if ((this.perOrg.get(orgId) ?? 0) >= this.limits.maxItems * this.limits.orgShare) {
      return {
        accepted: false,
        status: 429,
        retryAfterSeconds,
        message: 'This organisation is sending faster than telemetry is stored; retry later',
      };
    }
    return null;
  }

  offer(batch: IngestBatch): Offer {
    const n = itemsOf(batch);
    if (n === 0) return { accepted: true };
    const retryAfterSeconds = Math.max(1, Math.ceil(this.items / this.rate));
    const orgHeld = this.perOrg.get(batch.orgId) ?? 0;
    if ((this.items + n > this.limits.maxItems || this.bytes + batch.bytes > this.limits.maxBytes) && this.items > 0) {
      return { accepted: false, status: 503, retryAfterSeconds, message: 'The telemetry queue is full; retry later' };
    }
    if (orgHeld + n > this.limits.maxItems * this.limits.orgShare && orgHeld > 0) {
      return {
        accepted: false,
        status: 429,
        retryAfterSeconds,
        message: 'This organisation is sending faster than telemetry is stored; retry later',
      };
    }
    this.queue.push(batch);
    this.items += n;
    this.bytes += batch.bytes;
    this.perOrg.set(batch.orgId, orgHeld + n);
    this.start();
    if (this.items >= this.limits.flushItems) this.kick();
    return { accepted: true };
  }

  /** Writes everything queued so far (and whatever arrives meanwhile) before resolving. */
  async flush(): Promise<void> {
    while (this.running || this.queue.length > 0) {
      this.kick();
      await this.running;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private kick(): void {
    if (this.running || this.queue.length === 0) return;
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      let taken = 0;
      let count = 0;
      while (count < this.queue.length && (taken === 0 || taken + itemsOf(this.queue[count]!) <= this.limits.batchItems)) {
        taken += itemsOf(this.queue[count]!);
        count++;
      }
      const round = this.queue.slice(0, count);
      this.queue = this.queue.slice(count);
      const started = performance.now();
      try {
        await this.write(round);
        const seconds = (performance.now() - started) / 1000;
        if (seconds > 0 && taken > 1000) this.rate = Math.max(1000, taken / seconds);
      } catch (err) {
        this.dropped += taken;
        this.log?.error({ err, items: taken }, 'telemetry write round failed; it was dropped');
      } finally {
        // whatever happened, the round no longer holds memory: release its share of the limits
        for (const b of round) {
          const n = itemsOf(b);
          this.items -= n;
          this.bytes -= b.bytes;
          const left = (this.perOrg.get(b.orgId) ?? 0) - n;
          if (left > 0) this.perOrg.set(b.orgId, left);
          else this.perOrg.delete(b.orgId);
        }
      }
    }
  }

  private async write(round: IngestBatch[]): Promise<void> {
    const byOrg = new Map<string, IngestBatch[]>();
    for (const b of round) {
      const list = byOrg.get(b.orgId);
      if (list) list.push(b);
      else byOrg.set(b.orgId, [b]);
    }
    for (const [orgId, batches] of byOrg) {
      const blocks = batches.flatMap((b) => b.blocks);
      const rollups = rollupBlocks(orgId, blocks);
      const metrics = new Map<string, repo.MetricRollupInsert>();
      const sightings = new Map<string, repo.UnregisteredInsert>();
      for (const b of batches) {
        mergeMetricRows(b.metrics, metrics);
        mergeSightings(b.sightings, sightings);
      }
      try {
        await this.db.transaction(async (tx) => {
          const t = tx as unknown as Db;
          await repo.insertSpans(t, orgId, blocks);
          await repo.upsertRollups(t, [...rollups.values()]);
          await repo.upsertMetricRollups(t, [...metrics.values()]);
          await repo.upsertUnregistered(t, [...sightings.values()]);
        });
      } catch (err) {
        // One organisation's failure (say, deleted meanwhile) must not stop the others' telemetry.
        const items = batches.reduce((n, b) => n + itemsOf(b), 0);
        this.dropped += items;
        this.log?.error({ err, orgId, items }, 'telemetry write failed; the round was dropped');
      }
    }
  }
}
