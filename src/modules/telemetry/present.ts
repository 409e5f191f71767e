import { mergeBuckets, percentile, type LatencyBuckets } from './histogram.js';
import type { RollupRow, UnregisteredRow } from './repo.js';
import type { UnregisteredView } from './schema.js';

/** Sums of rollup rows: the figures every telemetry view shows. */
export class Totals {
  requests = 0;
  errors = 0;
  inputTokens = 0;
  outputTokens = 0;
  readonly buckets: LatencyBuckets = {};
  readonly models: Record<string, number> = {};

  add(row: Pick<RollupRow, 'requests' | 'errors' | 'inputTokens' | 'outputTokens' | 'latencyBuckets' | 'models'>): this {
    this.requests += row.requests;
    this.errors += row.errors;
    this.inputTokens += Number(row.inputTokens);
    this.outputTokens += Number(row.outputTokens);
    mergeBuckets(this.buckets, row.latencyBuckets as LatencyBuckets);
    mergeBuckets(this.models, row.models as Record<string, number>);
    return this;
  }

  figures() {
    return {
      requests: this.requests,
      errors: this.errors,
      errorRate: this.requests > 0 ? this.errors / this.requests : null,
      p50: round(percentile(this.buckets, 0.5)),
      p95: round(percentile(this.buckets, 0.95)),
      p99: round(percentile(this.buckets, 0.99)),
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
    };
  }

  modelList(): { model: string; requests: number }[] {
    return Object.entries(this.models)
      .map(([model, requests]) => ({ model, requests }))
      .sort((a, b) => b.requests - a.requests || a.model.localeCompare(b.model));
  }
}

/** Milliseconds to three decimals: bucket representatives are irrational, the histogram is 5% accurate anyway. */
const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);

export function presentUnregistered(r: UnregisteredRow): UnregisteredView {
  return {
    serviceName: r.serviceName,
    model: r.model,
    genAiSystem: r.genAiSystem,
    systemId: r.systemId,
    reason: r.reason as UnregisteredView['reason'],
    firstSeen: r.firstSeen.toISOString(),
    lastSeen: r.lastSeen.toISOString(),
    spans: Number(r.spans),
    status: r.status as UnregisteredView['status'],
    resolvedSystemId: r.resolvedSystemId,
    note: r.note,
  };
}
