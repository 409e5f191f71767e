import { countOpenBins, quantileSorted, sortedCopy } from './sorted.js';
import { JS_BINS, PSI_BINS, equalWidthInnerEdgesBetween, jensenShannonDistance, psiFromCounts, type LogBase } from './distances.js';

/**
 * PSI and Jensen–Shannon from unsorted samples (no NaN), equal to `psiDeciles` / `jensenShannonEqualWidth` on the
 * sorted copies: only the counts per bin matter, and a binary search per value over the inner edges gives the same
 * counts as bounds on a sorted sample — skipping the sorts that otherwise dominate on large samples. When the edges
 * are not ascending numbers (NaN from infinite samples), the sorted path runs instead so the results stay identical.
 */

/** PSI on the reference's deciles: the reference is sorted (its quantiles), the current sample only binned. */
export function psiDecilesUnsorted(reference: Float64Array, current: Float64Array): number {
  const sortedReference = sortedCopy(reference);
  const edges: number[] = [];
  for (let k = 1; k < PSI_BINS; k++) edges.push(quantileSorted(sortedReference, k / PSI_BINS));
  const currentCounts = countOpenBinsUnsorted(current, edges) ?? countOpenBins(sortedCopy(current), edges);
  return psiFromCounts(countOpenBins(sortedReference, edges), currentCounts);
}

/** Jensen–Shannon on 10 equal-width bins over the reference's range; neither sample is sorted. */
export function jensenShannonEqualWidthUnsorted(reference: Float64Array, current: Float64Array, base: LogBase = 2): number {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < reference.length; i++) {
    const v = reference[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const edges = equalWidthInnerEdgesBetween(min, max, JS_BINS);
  const referenceCounts = countOpenBinsUnsorted(reference, edges);
  const currentCounts = countOpenBinsUnsorted(current, edges);
  if (referenceCounts === null || currentCounts === null) {
    return jensenShannonDistance(countOpenBins(sortedCopy(reference), edges), countOpenBins(sortedCopy(current), edges), base);
  }
  return jensenShannonDistance(referenceCounts, currentCounts, base);
}

/**
 * `countOpenBins` without sorting: bin index = number of inner edges ≤ v. Null unless the edges are ascending
 * numbers (the only case where both give the same counts).
 */
export function countOpenBinsUnsorted(values: Float64Array, innerEdges: readonly number[]): Float64Array | null {
  const k = innerEdges.length;
  for (let i = 0; i < k; i++) {
    if (Number.isNaN(innerEdges[i]!) || (i > 0 && innerEdges[i]! < innerEdges[i - 1]!)) return null;
  }
  // Branch-free binary search over a power-of-two table padded with NaN (never ≤ v): mispredicted branches
  // would otherwise cost more than the comparisons.
  let size = 1;
  while (size < k + 1) size *= 2;
  const edges = new Float64Array(size).fill(NaN);
  edges.set(innerEdges);
  const counts = new Float64Array(size);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0;
    for (let step = size >>> 1; step > 0; step >>>= 1) lo += Number(edges[lo + step - 1]! <= v) * step;
    counts[lo]!++;
  }
  return counts.slice(0, k + 1);
}
