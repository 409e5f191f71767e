import { lowerBound, upperBound } from './sorted.js';

/**
 * Evidently's binning for PSI and Jensen–Shannon (`stattests/utils.py::get_binned_data`, v0.7.21), for users who
 * compare our figures with Evidently's: a numerical column whose reference has more than 20 distinct values is cut
 * into Sturges equal-width bins over reference + current together (`numpy.histogram_bin_edges(bins="sturges")`,
 * last bin closed); otherwise every distinct value is a bucket.
 */

export const EVIDENTLY_HISTOGRAM_MIN_DISTINCT = 21;

/** NumPy's Sturges edges over the pooled sorted samples. */
export function sturgesEdges(a: Float64Array, b: Float64Array): number[] {
  const size = a.length + b.length;
  let first = Math.min(a[0]!, b[0]!);
  let last = Math.max(a[a.length - 1]!, b[b.length - 1]!);
  const width = (last - first) / (Math.log2(size) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  // np.linspace: start + k·step, the last edge exactly `last`.
  const step = (last - first) / bins;
  const edges: number[] = [];
  for (let k = 0; k < bins; k++) edges.push(k * step + first);
  edges.push(last);
  return edges;
}

/** `numpy.histogram(sorted, edges)`: [e_i, e_{i+1}) and the last bin closed. */
export function histogramCounts(sorted: Float64Array, edges: readonly number[]): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  for (let i = 0; i < bins; i++) {
    const lo = lowerBound(sorted, edges[i]!);
    const hi = i === bins - 1 ? upperBound(sorted, edges[i + 1]!) : lowerBound(sorted, edges[i + 1]!);
    counts[i] = hi - lo;
  }
  return counts;
}

/**
 * Evidently's zero filling, separately per sample: empty buckets get 0.0001, or (min non-zero share) / 10⁶ when the
 * smallest non-zero share is already ≤ 0.0001.
 */
export function evidentlyFillZeroes(shares: Float64Array): Float64Array {
  let minNonZero = Infinity;
  for (const s of shares) if (s !== 0 && s < minNonZero) minNonZero = s;
  const fill = minNonZero <= 0.0001 ? minNonZero / 10 ** 6 : 0.0001;
  return shares.map((s) => (s === 0 ? fill : s));
}

export function shares(counts: Float64Array, total: number): Float64Array {
  return counts.map((c) => c / total);
}
