import { describe, expect, it } from 'vitest';
import { addSample, bucketOf, BUCKETS, mergeBuckets, percentile, representativeOf, type LatencyBuckets } from './histogram.js';

describe('latency histogram', () => {
  it('puts a value in a bucket whose representative is within 5% of it', () => {
    for (const ms of [0.15, 1, 3.7, 42, 250, 999, 12_345, 600_000]) {
      const r = representativeOf(bucketOf(ms));
      expect(Math.abs(r - ms) / ms).toBeLessThan(0.05);
    }
  });

  it('keeps tiny, negative, NaN and huge values in the outer buckets', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(-5)).toBe(0);
    expect(bucketOf(Number.NaN)).toBe(0);
    expect(bucketOf(1e12)).toBe(BUCKETS - 1);
  });

  it('reads percentiles by nearest rank, and merging minutes equals one histogram of all values', () => {
    const all: LatencyBuckets = {};
    const a: LatencyBuckets = {};
    const b: LatencyBuckets = {};
    for (let i = 1; i <= 100; i++) {
      addSample(all, i * 10);
      addSample(i % 2 ? a : b, i * 10);
    }
    expect(mergeBuckets({ ...a }, b)).toEqual(all);
    const p50 = percentile(all, 0.5)!;
    const p99 = percentile(all, 0.99)!;
    expect(Math.abs(p50 - 500) / 500).toBeLessThan(0.05);
    expect(Math.abs(p99 - 990) / 990).toBeLessThan(0.05);
    expect(percentile({}, 0.5)).toBeNull();
  });
});
