import { mergeBuckets } from './histogram.js';
import type { MetricRollupInsert, RollupInsert, UnregisteredInsert } from './repo.js';
import type { SpanBlock } from './span-block.js';

/** A block of spans ready to store, with the system it maps to and the subject its rollup counts for. */
export interface QueuedBlock {
  block: SpanBlock;
  systemId: string | null;
  subject: string;
}

const MINUTE_MS = 60_000;
export const minuteOf = (t: Date): Date => new Date(Math.floor(t.getTime() / MINUTE_MS) * MINUTE_MS);

/** Merges blocks' minutes into one rollup row per (subject, minute): one upsert per row, however many spans. */
export function rollupBlocks(orgId: string, blocks: QueuedBlock[], into = new Map<string, RollupInsert>()): Map<string, RollupInsert> {
  for (const { block, systemId, subject } of blocks) {
    for (const m of block.minutes) {
      const key = `${subject}|${m.minute}`;
      let r = into.get(key);
      if (!r) {
        r = {
          orgId,
          subject,
          systemId,
          serviceName: block.serviceName,
          minute: new Date(m.minute),
          requests: 0,
          errors: 0,
          latencySumMs: 0,
          latencyBuckets: {},
          inputTokens: 0,
          outputTokens: 0,
          models: {},
        };
        into.set(key, r);
      }
      r.requests += m.requests;
      r.errors += m.errors;
      r.latencySumMs += m.latencySumMs;
      mergeBuckets(r.latencyBuckets as Record<string, number>, m.latencyBuckets);
      r.inputTokens = (r.inputTokens ?? 0) + m.inputTokens;
      r.outputTokens = (r.outputTokens ?? 0) + m.outputTokens;
      mergeBuckets(r.models as Record<string, number>, m.models);
    }
  }
  return into;
}

export function mergeMetricRows(rows: MetricRollupInsert[], into = new Map<string, MetricRollupInsert>()): Map<string, MetricRollupInsert> {
  for (const row of rows) {
    const key = `${row.orgId}|${row.subject}|${row.metric}|${row.series ?? ''}|${row.minute.getTime()}`;
    const r = into.get(key);
    if (r) {
      r.count += row.count;
      r.sum += row.sum;
    } else into.set(key, { ...row });
  }
  return into;
}

export function mergeSightings(rows: UnregisteredInsert[], into = new Map<string, UnregisteredInsert>()): Map<string, UnregisteredInsert> {
  for (const row of rows) {
    const key = `${row.orgId}|${row.serviceName}|${row.model ?? ''}`;
    const r = into.get(key);
    if (!r) {
      into.set(key, { ...row });
      continue;
    }
    r.spans += row.spans;
    if (row.firstSeen < r.firstSeen) r.firstSeen = row.firstSeen;
    if (row.lastSeen > r.lastSeen) r.lastSeen = row.lastSeen;
    r.genAiSystem = row.genAiSystem ?? r.genAiSystem ?? null;
  }
  return into;
}
