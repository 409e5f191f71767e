import {
  jensenShannonDistance,
  jensenShannonEqualWidth,
  psiDeciles,
  psiFromCounts,
  psiFromShares,
  wassersteinNormed,
  type LogBase,
} from './distances.js';
import { EVIDENTLY_HISTOGRAM_MIN_DISTINCT, evidentlyFillZeroes, histogramCounts, shares, sturgesEdges } from './evidently-binning.js';
import { ksTwoSampleSorted, type KsResult } from './ks.js';
import { countDistinctSorted, countDistinctUnion, countOpenBins, quantileSorted, sortedCopy, valueCountsUnion } from './sorted.js';
import { chiSquareContingency, chiSquareGoodnessOfFit, twoProportionZTest, type ChiSquareResult } from './tests.js';

/**
 * Drift of one column between a reference and a current sample, and the dataset-level verdict (definitions:
 * shared/reference/metrics-and-gaps.md §2.4). Every statistic is computed; `defaultTest` is the one Evidently would
 * pick, with the reason.
 *
 * Two modes:
 * - `default` (the product's conventions): PSI on the reference's deciles with proportions floored at 1e-4;
 *   Jensen–Shannon on 10 equal-width bins over the reference's range (base 2 unless asked); chi-square on the
 *   contingency table without Yates' correction.
 * - `evidently`: Evidently's binning (Sturges bins over both samples when the reference has > 20 distinct values,
 *   else one bucket per value), its zero filling for PSI, natural-log Jensen–Shannon, and its goodness-of-fit
 *   chi-square — so the figures can be compared with an Evidently report.
 * In both modes numeric columns with at most 20 distinct values (both samples) get their chi-square per value, else
 * on the PSI bins.
 */

export type DriftMode = 'default' | 'evidently';
export type ColumnType = 'numeric' | 'categorical';
export type DefaultTestName = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon';

export interface DriftOptions {
  mode?: DriftMode;
  /** log base of the Jensen–Shannon distance in the default mode (Evidently mode always uses e) */
  jensenShannonBase?: LogBase;
}

export interface DefaultTest {
  name: DefaultTestName;
  /** the p-value (ks, chisquare, z) or the distance (wasserstein normed, jensenshannon) */
  value: number;
  threshold: number;
  drift: boolean;
  reason: string;
}

export interface ColumnDrift {
  type: ColumnType;
  n: { reference: number; current: number };
  ks: KsResult | null;
  chiSquare: ChiSquareResult;
  psi: number;
  jensenShannon: { distance: number; base: LogBase };
  wasserstein: { distance: number; normed: number } | null;
  defaultTest: DefaultTest;
}

/** Evidently switches from tests to distances above this many reference rows. */
export const SMALL_REFERENCE_MAX_ROWS = 1000;
export const P_VALUE_THRESHOLD = 0.05;
export const DISTANCE_THRESHOLD = 0.1;
/** Dataset drift when at least this share of the columns drift (Evidently `drift_share`). */
export const DATASET_DRIFT_SHARE = 0.5;
const CHI_SQUARE_PER_VALUE_MAX_DISTINCT = 20;

/** Numeric column; NaN must already be removed. Inputs are not modified. */
export function numericColumnDrift(reference: Float64Array, current: Float64Array, options: DriftOptions = {}): ColumnDrift {
  requireValues(reference.length, current.length);
  const mode = options.mode ?? 'default';
  const ref = sortedCopy(reference);
  const cur = sortedCopy(current);
  const nunique = countDistinctUnion(ref, cur);
  const ks = ksTwoSampleSorted(ref, cur);
  const w = wassersteinNormed(ref, cur);

  const decileEdges: number[] = [];
  for (let k = 1; k < 10; k++) decileEdges.push(quantileSorted(ref, k / 10));
  const chiCounts =
    nunique <= CHI_SQUARE_PER_VALUE_MAX_DISTINCT
      ? valueCountsUnion(ref, cur)
      : { a: countOpenBins(ref, decileEdges), b: countOpenBins(cur, decileEdges) };
  const chiSquare =
    mode === 'evidently' ? chiSquareGoodnessOfFit(chiCounts.a, chiCounts.b) : chiSquareContingency(chiCounts.a, chiCounts.b);

  let psi: number;
  let jensenShannon: ColumnDrift['jensenShannon'];
  if (mode === 'evidently') {
    const buckets = evidentlyNumericBuckets(ref, cur);
    psi = psiFromShares(evidentlyFillZeroes(shares(buckets.a, ref.length)), evidentlyFillZeroes(shares(buckets.b, cur.length)));
    jensenShannon = { distance: jensenShannonDistance(shares(buckets.a, ref.length), shares(buckets.b, cur.length), 'e'), base: 'e' };
  } else {
    psi = psiDeciles(ref, cur);
    const base = options.jensenShannonBase ?? 2;
    jensenShannon = { distance: jensenShannonEqualWidth(ref, cur, base), base };
  }

  const sizes = `the reference has ${ref.length} rows`;
  let defaultTest: DefaultTest;
  if (ref.length <= SMALL_REFERENCE_MAX_ROWS) {
    const small = `${sizes} (≤ ${SMALL_REFERENCE_MAX_ROWS})`;
    if (nunique > 5) {
      defaultTest = pTest(
        'ks',
        ks.pValue,
        true,
        `${small} and the numeric column has ${nunique} distinct values (> 5): two-sample Kolmogorov–Smirnov (${ks.method} p-value), drift when p ≤ ${P_VALUE_THRESHOLD}`,
      );
    } else if (nunique > 2) {
      defaultTest = pTest(
        'chisquare',
        chiSquare.pValue,
        false,
        `${small} and the numeric column has ${nunique} distinct values (3–5): chi-square per value, drift when p < ${P_VALUE_THRESHOLD}`,
      );
    } else {
      const z = twoProportionZTest(chiCounts.a, chiCounts.b);
      defaultTest = pTest(
        'z',
        z.pValue,
        false,
        `${small} and the numeric column has ${nunique} distinct values (≤ 2): two-proportion Z-test, drift when p < ${P_VALUE_THRESHOLD}`,
      );
    }
  } else {
    const large = `${sizes} (> ${SMALL_REFERENCE_MAX_ROWS})`;
    defaultTest =
      nunique > 5
        ? distanceTest(
            'wasserstein',
            w.normed,
            `${large} and the numeric column has ${nunique} distinct values (> 5): Wasserstein distance normed by the reference's standard deviation, drift when ≥ ${DISTANCE_THRESHOLD}`,
          )
        : distanceTest(
            'jensenshannon',
            jensenShannon.distance,
            `${large} and the numeric column has ${nunique} distinct values (≤ 5): Jensen–Shannon distance (log base ${jensenShannon.base}), drift when ≥ ${DISTANCE_THRESHOLD}`,
          );
  }
  return {
    type: 'numeric',
    n: { reference: ref.length, current: cur.length },
    ks,
    chiSquare,
    psi,
    jensenShannon,
    wasserstein: { distance: w.distance, normed: w.normed },
    defaultTest,
  };
}

/** Evidently's buckets for a numeric column: Sturges histogram when the reference has > 20 distinct values. */
function evidentlyNumericBuckets(ref: Float64Array, cur: Float64Array): { a: Float64Array; b: Float64Array } {
  if (countDistinctSorted(ref) >= EVIDENTLY_HISTOGRAM_MIN_DISTINCT) {
    const edges = sturgesEdges(ref, cur);
    return { a: histogramCounts(ref, edges), b: histogramCounts(cur, edges) };
  }
  return valueCountsUnion(ref, cur);
}

/** Categorical column: counts per value (values already trimmed; missing values left out). */
export function categoricalColumnDrift(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
  options: DriftOptions = {},
): ColumnDrift {
  const mode = options.mode ?? 'default';
  const keys = [...new Set([...reference.keys(), ...current.keys()])].sort();
  const ref = Float64Array.from(keys, (k) => reference.get(k) ?? 0);
  const cur = Float64Array.from(keys, (k) => current.get(k) ?? 0);
  const nRef = ref.reduce((s, c) => s + c, 0);
  const nCur = cur.reduce((s, c) => s + c, 0);
  requireValues(nRef, nCur);
  const nunique = keys.filter((_, i) => ref[i]! + cur[i]! > 0).length;

  const chiSquare = mode === 'evidently' ? chiSquareGoodnessOfFit(ref, cur) : chiSquareContingency(ref, cur);
  let psi: number;
  let jensenShannon: ColumnDrift['jensenShannon'];
  if (mode === 'evidently') {
    psi = psiFromShares(evidentlyFillZeroes(shares(ref, nRef)), evidentlyFillZeroes(shares(cur, nCur)));
    jensenShannon = { distance: jensenShannonDistance(shares(ref, nRef), shares(cur, nCur), 'e'), base: 'e' };
  } else {
    psi = psiFromCounts(ref, cur);
    const base = options.jensenShannonBase ?? 2;
    jensenShannon = { distance: jensenShannonDistance(ref, cur, base), base };
  }

  let defaultTest: DefaultTest;
  if (nRef <= SMALL_REFERENCE_MAX_ROWS) {
    const small = `the reference has ${nRef} rows (≤ ${SMALL_REFERENCE_MAX_ROWS})`;
    if (nunique > 2) {
      defaultTest = pTest(
        'chisquare',
        chiSquare.pValue,
        false,
        `${small} and the categorical column has ${nunique} values (> 2): chi-square, drift when p < ${P_VALUE_THRESHOLD}`,
      );
    } else {
      const z = twoProportionZTest(ref, cur);
      defaultTest = pTest(
        'z',
        z.pValue,
        false,
        `${small} and the categorical column has ${nunique} values (≤ 2): two-proportion Z-test, drift when p < ${P_VALUE_THRESHOLD}`,
      );
    }
  } else {
    defaultTest = distanceTest(
      'jensenshannon',
      jensenShannon.distance,
      `the reference has ${nRef} rows (> ${SMALL_REFERENCE_MAX_ROWS}) and the column is categorical: Jensen–Shannon distance (log base ${jensenShannon.base}), drift when ≥ ${DISTANCE_THRESHOLD}`,
    );
  }
  return {
    type: 'categorical',
    n: { reference: nRef, current: nCur },
    ks: null,
    chiSquare,
    psi,
    jensenShannon,
    wasserstein: null,
    defaultTest,
  };
}

/** KS flags drift at p ≤ threshold; chi-square and Z at p < threshold (Evidently). */
function pTest(name: DefaultTestName, p: number, inclusive: boolean, reason: string): DefaultTest {
  return { name, value: p, threshold: P_VALUE_THRESHOLD, drift: inclusive ? p <= P_VALUE_THRESHOLD : p < P_VALUE_THRESHOLD, reason };
}

function distanceTest(name: DefaultTestName, value: number, reason: string): DefaultTest {
  return { name, value, threshold: DISTANCE_THRESHOLD, drift: value >= DISTANCE_THRESHOLD, reason };
}

function requireValues(nRef: number, nCur: number): void {
  if (nRef === 0) throw new RangeError('the reference sample has no values');
  if (nCur === 0) throw new RangeError('the current sample has no values');
}

/** Evidently's dataset rule: drift when the share of drifting columns is at least 0.5. */
export function datasetDrift(columns: readonly Pick<ColumnDrift, 'defaultTest'>[]): { share: number; drift: boolean } {
  if (columns.length === 0) throw new RangeError('no columns to assess');
  const share = columns.filter((c) => c.defaultTest.drift).length / columns.length;
  return { share, drift: share >= DATASET_DRIFT_SHARE };
}
