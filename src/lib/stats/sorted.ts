import { radixSortedCopy } from './radix-sort.js';

/** Helpers on ascending Float64Arrays (no NaN). */

/** Number of values ≤ v (NumPy `searchsorted(side='right')`). */
export function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of values < v (NumPy `searchsorted(side='left')`). */
export function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A sorted copy (no NaN), identical to `values.slice().sort()` but radix-sorted when large. */
export function sortedCopy(values: Float64Array): Float64Array {
  return radixSortedCopy(values);
}

/** Linear ("type 7", NumPy's default) quantile of sorted data, with NumPy's two-sided interpolation. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hiIndex = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo]!;
  const b = sorted[hiIndex]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Distinct values in one sorted array. */
export function countDistinctSorted(sorted: Float64Array): number {
  let k = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) k++;
  return k;
}

/** Distinct values across two sorted arrays. */
export function countDistinctUnion(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    const v = Math.min(i < a.length ? a[i]! : Infinity, j < b.length ? b[j]! : Infinity);
    while (i < a.length && a[i] === v) i++;
    while (j < b.length && b[j] === v) j++;
    k++;
  }
  return k;
}

/** Population mean and standard deviation (NumPy `np.std`, ddof = 0), two passes. */
export function meanAndStd(values: Float64Array): { mean: number; std: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    ss += d * d;
  }
  return { mean, std: Math.sqrt(ss / n) };
}

/**
 * Counts per bin for inner edges e₁ ≤ … ≤ e_k: (−∞, e₁), [e₁, e₂), …, [e_k, +∞) — closed on the left, outer bins
 * open. Duplicate edges give empty bins.
 */
export function countOpenBins(sorted: Float64Array, innerEdges: readonly number[]): Float64Array {
  const counts = new Float64Array(innerEdges.length + 1);
  let previous = 0;
  innerEdges.forEach((edge, i) => {
    const below = lowerBound(sorted, edge);
    counts[i] = below - previous;
    previous = below;
  });
  counts[innerEdges.length] = sorted.length - previous;
  return counts;
}

/** Distinct values of both sorted arrays with their counts in each (keys ascending). */
export function valueCountsUnion(a: Float64Array, b: Float64Array): { keys: number[]; a: Float64Array; b: Float64Array } {
  const keys: number[] = [];
  const ca: number[] = [];
  const cb: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const v = Math.min(i < a.length ? a[i]! : Infinity, j < b.length ? b[j]! : Infinity);
    const i0 = i;
    const j0 = j;
    while (i < a.length && a[i] === v) i++;
    while (j < b.length && b[j] === v) j++;
    keys.push(v);
    ca.push(i - i0);
    cb.push(j - j0);
  }
  return { keys, a: Float64Array.from(ca), b: Float64Array.from(cb) };
}
