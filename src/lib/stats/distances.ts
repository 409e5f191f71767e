import { countOpenBins, meanAndStd, quantileSorted } from './sorted.js';

/**
 * Distribution distances used for drift: PSI, Jensen–Shannon and Wasserstein-1. Inputs are counts per bin (or per
 * category) or sorted samples; the binning conventions (reference deciles for PSI, equal-width bins over the
 * reference range for Jensen–Shannon) are the product's defaults, documented in metrics-and-gaps §2.6.
 */

/** Proportions below this are raised to it before PSI's logarithm (not renormalised). */
export const PSI_FLOOR = 1e-4;
export const PSI_BINS = 10;
export const JS_BINS = 10;

/** Σ (cur − ref) · ln(cur / ref) over proportions already floored/filled by the caller. */
export function psiFromShares(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    const c = current[i]!;
    psi += (r - c) * Math.log(r / c);
  }
  return psi;
}

/** Counts → proportions, each raised to at least PSI_FLOOR (no renormalisation). */
export function flooredShares(counts: ArrayLike<number>, total: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = Math.max(counts[i]! / total, PSI_FLOOR);
  return out;
}

/** PSI on 10 bins cut at the reference's deciles (type 7), bins closed on the left, outer bins open. */
export function psiDeciles(reference: Float64Array, current: Float64Array): number {
  const edges: number[] = [];
  for (let k = 1; k < PSI_BINS; k++) edges.push(quantileSorted(reference, k / PSI_BINS));
  return psiFromCounts(countOpenBins(reference, edges), countOpenBins(current, edges));
}

/** PSI on counts per bin or category (aligned arrays), with the 1e-4 floor. */
export function psiFromCounts(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  return psiFromShares(flooredShares(reference, sum(reference)), flooredShares(current, sum(current)));
}

export type LogBase = 2 | 'e';

/**
 * Jensen–Shannon distance (√ of the divergence), as `scipy.spatial.distance.jensenshannon`: both vectors are
 * normalised to sum 1, no zero filling; base 2 gives a value in [0, 1], base e in [0, √ln 2].
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>, base: LogBase = 2): number {
  const sp = sum(p);
  const sq = sum(q);
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / sp;
    const qi = q[i]! / sq;
    const m = (pi + qi) / 2;
    js += relEntr(pi, m) + relEntr(qi, m);
  }
  js /= 2;
  if (base === 2) js /= Math.LN2;
  return Math.sqrt(Math.max(js, 0));
}

function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/** Inner edges of `bins` equal-width bins over [min, max] of the sorted reference. */
export function equalWidthInnerEdges(sortedReference: Float64Array, bins = JS_BINS): number[] {
  return equalWidthInnerEdgesBetween(sortedReference[0]!, sortedReference[sortedReference.length - 1]!, bins);
}

/** Inner edges of `bins` equal-width bins over [min, max]. */
export function equalWidthInnerEdgesBetween(min: number, max: number, bins = JS_BINS): number[] {
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) edges.push(min + ((max - min) * k) / bins);
  return edges;
}

/** Jensen–Shannon distance on 10 equal-width bins over the reference's range, outer bins open. */
export function jensenShannonEqualWidth(reference: Float64Array, current: Float64Array, base: LogBase = 2): number {
  const edges = equalWidthInnerEdges(reference);
  return jensenShannonDistance(countOpenBins(reference, edges), countOpenBins(current, edges), base);
}

/** Wasserstein-1 between two sorted samples: ∫ |F_u − F_v| (SciPy `wasserstein_distance`). */
export function wassersteinSorted(u: Float64Array, v: Float64Array): number {
  const n1 = u.length;
  const n2 = v.length;
  let i = 0;
  let j = 0;
  // Neumaier-compensated sum: a million small areas otherwise lose the last digits.
  let total = 0;
  let compensation = 0;
  let x = Math.min(u[0]!, v[0]!);
  while (i < n1 || j < n2) {
    if (j >= n2 || (i < n1 && u[i]! <= v[j]!)) i++;
    else j++;
    const next = Math.min(i < n1 ? u[i]! : Infinity, j < n2 ? v[j]! : Infinity);
    if (next === Infinity) break;
    const area = Math.abs(i / n1 - j / n2) * (next - x);
    const t = total + area;
    compensation += Math.abs(total) >= Math.abs(area) ? total - t + area : area - t + total;
    total = t;
    x = next;
  }
  return total + compensation;
}

/** Evidently's normalisation: W₁ / max(population std of the reference, 0.001). */
export const WASSERSTEIN_MIN_STD = 0.001;

export function wassersteinNormed(sortedReference: Float64Array, sortedCurrent: Float64Array): { distance: number; normed: number } {
  const distance = wassersteinSorted(sortedReference, sortedCurrent);
  return { distance, normed: distance / Math.max(meanAndStd(sortedReference).std, WASSERSTEIN_MIN_STD) };
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}
