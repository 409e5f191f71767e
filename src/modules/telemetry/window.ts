import { and, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { telemetryRollups } from '../../db/schema.js';
import { mergeBuckets, percentile, type LatencyBuckets } from './histogram.js';

export interface TelemetryWindow {
  requests: number;
  errors: number;
  /** errors / requests; null when there were no requests */
  errorRate: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  inputTokens: number;
  outputTokens: number;
}

/**
 * One system's GenAI traffic in [from, to) from the per-minute rollups (minutes whose start lies in the window).
 * Latency percentiles are in milliseconds, read from the merged histograms. Used by the alert rules.
 */
export async function telemetryWindow(db: Db, orgId: string, systemId: string, from: Date, to: Date): Promise<TelemetryWindow> {
  const rows = await db
    .select({
      requests: telemetryRollups.requests,
      errors: telemetryRollups.errors,
      latencyBuckets: telemetryRollups.latencyBuckets,
      inputTokens: telemetryRollups.inputTokens,
      outputTokens: telemetryRollups.outputTokens,
    })
    .from(telemetryRollups)
    .where(
      and(
        eq(telemetryRollups.orgId, orgId),
        eq(telemetryRollups.subject, systemId),
        gte(telemetryRollups.minute, from),
        lt(telemetryRollups.minute, to),
      ),
    );
  const buckets: LatencyBuckets = {};
  let requests = 0;
  let errors = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  for (const row of rows) {
    requests += row.requests;
    errors += row.errors;
    inputTokens += Number(row.inputTokens);
    outputTokens += Number(row.outputTokens);
    mergeBuckets(buckets, row.latencyBuckets as LatencyBuckets);
  }
  return {
    requests,
    errors,
    errorRate: requests > 0 ? errors / requests : null,
    p50: percentile(buckets, 0.5),
    p95: percentile(buckets, 0.95),
    p99: percentile(buckets, 0.99),
    inputTokens,
    outputTokens,
  };
}
