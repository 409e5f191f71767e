/**
 * Latency histograms with fixed logarithmic buckets, so per-minute rollups merge exactly (add the counts) and any
 * window's percentiles come from the merged counts. Bucket i holds values in [LOWEST·GROWTH^(i-1), LOWEST·GROWTH^i);
 * bucket 0 holds everything below LOWEST. With GROWTH 1.1 a percentile read back is within 5% of the true value.
 * Pure code: shared by the rollups, the charts' API and the alert rules.
 */
export const LOWEST_MS = 0.1;
export const GROWTH = 1.1;
/** 0.1 ms · 1.1^170 ≈ 1.1 hours; longer spans land in the last bucket */
export const BUCKETS = 171;

const LOG_GROWTH = Math.log(GROWTH);

/** Sparse counts: bucket index → count. Stored as JSON with string keys. */
export type LatencyBuckets = Record<string, number>;

export function bucketOf(ms: number): number {
  if (!(ms >= LOWEST_MS)) return 0;
  const i = Math.floor(Math.log(ms / LOWEST_MS) / LOG_GROWTH) + 1;
  return Math.min(i, BUCKETS - 1);
}

/** The value a bucket stands for: the geometric middle of its bounds (bucket 0: half of LOWEST). */
export function representativeOf(bucket: number): number {
  if (bucket <= 0) return LOWEST_MS / 2;
  const lower = LOWEST_MS * GROWTH ** (bucket - 1);
  return lower * Math.sqrt(GROWTH);
}

export function addSample(buckets: LatencyBuckets, ms: number, count = 1): void {
  const key = String(bucketOf(ms));
  buckets[key] = (buckets[key] ?? 0) + count;
}

export function mergeBuckets(into: LatencyBuckets, from: LatencyBuckets): LatencyBuckets {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
  return into;
}

/** The q-quantile (0 < q ≤ 1) by nearest rank over the merged counts; null for an empty histogram. */
export function percentile(buckets: LatencyBuckets, q: number): number | null {
  const entries = Object.entries(buckets)
    .map(([k, c]) => [Number(k), c] as const)
    .filter(([, c]) => c > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, c]) => sum + c, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bucket, count] of entries) {
    seen += count;
    if (seen >= rank) return representativeOf(bucket);
  }
  return representativeOf(entries[entries.length - 1]![0]);
}
