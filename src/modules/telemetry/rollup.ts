import { addSample, type LatencyBuckets } from './histogram.js';
import type { MetricRollupInsert, RollupInsert, SpanInsert, UnregisteredInsert } from './repo.js';

/** A span ready to store, with the subject its rollup counts for. */
export interface QueuedSpan {
  row: SpanInsert;
  subject: string;
}

const MINUTE_MS = 60_000;
export const minuteOf = (t: Date): Date => new Date(Math.floor(t.getTime() / MINUTE_MS) * MINUTE_MS);

/** Merges spans into one rollup row per (organisation, subject, minute): one upsert per row, however many spans. */
export function rollupSpans(spans: QueuedSpan[], into = new Map<string, RollupInsert>()): Map<string, RollupInsert> {
  for (const { row, subject } of spans) {
    const minute = minuteOf(row.startTime);
    const key = `${row.orgId}|${subject}|${minute.getTime()}`;
    let r = into.get(key);
    if (!r) {
      r = {
        orgId: row.orgId,
        subject,
        systemId: row.systemId ?? null,
        serviceName: row.serviceName,
        minute,
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
    r.requests++;
    if (row.error) r.errors++;
    r.latencySumMs += row.durationMs;
    addSample(r.latencyBuckets as LatencyBuckets, row.durationMs);
    r.inputTokens = (r.inputTokens ?? 0) + (row.inputTokens ?? 0);
    r.outputTokens = (r.outputTokens ?? 0) + (row.outputTokens ?? 0);
    if (row.model) {
      const models = r.models as Record<string, number>;
      models[row.model] = (models[row.model] ?? 0) + 1;
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
