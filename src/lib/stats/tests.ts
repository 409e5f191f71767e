import { chiSquareSf, normalSf } from './special.js';

/** Chi-square and two-proportion Z tests on counts per category (aligned arrays, reference vs current). */

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  dof: number;
}

/**
 * Pearson's chi-square on the 2 × k contingency table reference/current × category, no Yates correction
 * (`scipy.stats.chi2_contingency(table, correction=False)`). Categories empty in both samples are dropped; with a
 * single remaining category the statistic is 0 and p = 1.
 */
export function chiSquareContingency(reference: ArrayLike<number>, current: ArrayLike<number>): ChiSquareResult {
  const cols: [number, number][] = [];
  for (let i = 0; i < reference.length; i++) if (reference[i]! + current[i]! > 0) cols.push([reference[i]!, current[i]!]);
  const nRef = cols.reduce((s, c) => s + c[0], 0);
  const nCur = cols.reduce((s, c) => s + c[1], 0);
  const total = nRef + nCur;
  const dof = cols.length - 1;
  if (dof <= 0 || nRef === 0 || nCur === 0) return { statistic: 0, pValue: 1, dof: Math.max(dof, 0) };
  let statistic = 0;
  for (const [r, c] of cols) {
    const colTotal = r + c;
    const er = (nRef * colTotal) / total;
    const ec = (nCur * colTotal) / total;
    statistic += (r - er) ** 2 / er + (c - ec) ** 2 / ec;
  }
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

/**
 * Evidently's chi-square: goodness of fit of the current counts to the reference shares scaled to the current
 * size (`scipy.stats.chisquare(f_obs=cur, f_exp=ref × n_cur/n_ref)`). A category absent from the reference but
 * present in the current sample makes the statistic infinite (p = 0), as in Evidently.
 */
export function chiSquareGoodnessOfFit(reference: ArrayLike<number>, current: ArrayLike<number>): ChiSquareResult {
  let nRef = 0;
  let nCur = 0;
  for (let i = 0; i < reference.length; i++) {
    nRef += reference[i]!;
    nCur += current[i]!;
  }
  const scale = nCur / nRef;
  let statistic = 0;
  for (let i = 0; i < reference.length; i++) {
    const expected = reference[i]! * scale;
    const observed = current[i]!;
    statistic += expected === 0 ? (observed === 0 ? NaN : Infinity) : (observed - expected) ** 2 / expected;
  }
  const dof = reference.length - 1;
  return { statistic, pValue: statistic === Infinity ? 0 : chiSquareSf(statistic, dof), dof };
}

export interface ZTestResult {
  statistic: number;
  pValue: number;
}

/**
 * Pooled two-proportion Z-test, two-sided (Evidently `z_stat_test`): the "success" is any value other than the
 * first category (ascending); both samples the same single constant gives p = 1.
 */
export function twoProportionZTest(reference: ArrayLike<number>, current: ArrayLike<number>): ZTestResult {
  let n1 = 0;
  let n2 = 0;
  for (let i = 0; i < reference.length; i++) {
    n1 += reference[i]!;
    n2 += current[i]!;
  }
  const present = Array.from({ length: reference.length }, (_, i) => i).filter((i) => reference[i]! + current[i]! > 0);
  if (present.length <= 1) return { statistic: 0, pValue: 1 };
  const first = present[0]!;
  const p1 = (n1 - reference[first]!) / n1;
  const p2 = (n2 - current[first]!) / n2;
  const P = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(P * (1 - P) * (1 / n1 + 1 / n2));
  return { statistic: z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}
