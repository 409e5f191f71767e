import { describe, expect, it } from 'vitest';
import { categoricalColumnDrift, datasetDrift, numericColumnDrift } from './drift.js';
import { jensenShannonDistance, PSI_FLOOR, psiDeciles } from './distances.js';
import { histogramCounts, sturgesEdges } from './evidently-binning.js';

/** metrics-and-gaps §2.7: reference 0…99, current = reference + 10. */
const reference = Float64Array.from({ length: 100 }, (_, i) => i);
const current = reference.map((v) => v + 10);
const round = (x: number, digits: number) => Number(x.toFixed(digits));

describe('golden drift vector (Evidently-compatible mode)', () => {
  const r = numericColumnDrift(reference, current, { mode: 'evidently' });

  it('cuts 9 Sturges bins over both samples', () => {
    expect(sturgesEdges(reference, current)).toHaveLength(10);
  });
  it('PSI 0.2933, JS (ln) 0.1836, JS (base 2) 0.2205, Wasserstein normed 0.3464, KS p 0.702', () => {
    expect(round(r.psi, 4)).toBe(0.2933);
    expect(r.jensenShannon.base).toBe('e');
    expect(round(r.jensenShannon.distance, 4)).toBe(0.1836);
    const edges = sturgesEdges(reference, current);
    const js2 = jensenShannonDistance(histogramCounts(reference, edges), histogramCounts(current, edges), 2);
    expect(round(js2, 4)).toBe(0.2205);
    expect(round(r.wasserstein!.normed, 4)).toBe(0.3464);
    expect(r.wasserstein!.distance).toBe(10);
    expect(r.ks).toEqual({ statistic: 0.1, pValue: 0.7020569828664881, method: 'exact' });
    expect(round(r.ks!.pValue, 3)).toBe(0.702);
  });
  it('Evidently picks KS (100 reference rows, 110 distinct values) and reports no drift, and says why', () => {
    expect(r.defaultTest).toMatchObject({ name: 'ks', value: r.ks!.pValue, threshold: 0.05, drift: false });
    expect(r.defaultTest.reason).toMatch(/100 rows \(≤ 1000\).*110 distinct values.*Kolmogorov–Smirnov \(exact p-value\)/);
    // … while every distance says drift.
    expect(r.psi).toBeGreaterThanOrEqual(0.1);
    expect(r.jensenShannon.distance).toBeGreaterThanOrEqual(0.1);
    expect(r.wasserstein!.normed).toBeGreaterThanOrEqual(0.1);
  });
});

describe('default mode', () => {
  const r = numericColumnDrift(reference, current);
  it('PSI on reference deciles, JS base 2 on 10 equal-width bins, contingency chi-square (NumPy/SciPy values)', () => {
    expect(r.psi).toBeCloseTo(0.7593994704263101, 14);
    expect(r.jensenShannon.base).toBe(2);
    expect(r.jensenShannon.distance).toBeCloseTo(0.2495107710938078, 14);
    expect(numericColumnDrift(reference, current, { jensenShannonBase: 'e' }).jensenShannon.distance).toBeCloseTo(0.20773134300766247, 14);
    expect(r.chiSquare.statistic).toBeCloseTo(13.333333333333334, 12);
    expect(r.chiSquare.pValue).toBeCloseTo(0.14809419563191106, 12);
    expect(r.chiSquare.dof).toBe(9);
  });
  it('Wasserstein normed by the population standard deviation of the reference', () => {
    expect(r.wasserstein).toEqual({ distance: 10, normed: 10 / Math.sqrt(833.25) });
  });
  it('above 1,000 reference rows: normed Wasserstein with threshold 0.1', () => {
    const big = Float64Array.from({ length: 2000 }, (_, i) => i / 2000);
    const shifted = big.map((v) => v + 0.05);
    const d = numericColumnDrift(big, shifted);
    expect(d.defaultTest).toMatchObject({ name: 'wasserstein', threshold: 0.1, drift: true });
    expect(d.defaultTest.value).toBeCloseTo((0.05 / d.wasserstein!.distance) * d.wasserstein!.normed, 12);
    expect(d.defaultTest.reason).toMatch(/2000 rows \(> 1000\)/);
  });
  it('few distinct numeric values: chi-square (3–5) or Z (≤ 2); above 1,000 rows Jensen–Shannon', () => {
    const three = Float64Array.from({ length: 300 }, (_, i) => i % 3);
    expect(numericColumnDrift(three, three).defaultTest).toMatchObject({ name: 'chisquare', value: 1, drift: false });
    const two = Float64Array.from({ length: 200 }, (_, i) => (i < 140 ? 1 : 0));
    const twoCur = Float64Array.from({ length: 200 }, (_, i) => (i < 110 ? 1 : 0));
    const z = numericColumnDrift(two, twoCur).defaultTest;
    expect(z.name).toBe('z');
    expect(z.value).toBeCloseTo(0.0019457736937391655, 14);
    const manyRows = Float64Array.from({ length: 1500 }, (_, i) => i % 4);
    expect(numericColumnDrift(manyRows, manyRows).defaultTest).toMatchObject({ name: 'jensenshannon', value: 0, drift: false });
  });
  it('refuses an empty sample', () => {
    expect(() => numericColumnDrift(new Float64Array(0), current)).toThrow(/reference sample has no values/);
  });
});

describe('PSI bins and the empty-bin rule', () => {
  const ref = Float64Array.from({ length: 10 }, (_, i) => i + 1); // deciles 1.9, 2.8, …, 9.1
  it('an empty bin counts as 1e-4 without renormalising the other shares', () => {
    const cur = Float64Array.from([1, 1, 1, 1, 1, 10, 10, 10, 10, 10]);
    const expected = 2 * (0.5 - 0.1) * Math.log(5) + 8 * (PSI_FLOOR - 0.1) * Math.log(PSI_FLOOR / 0.1);
    expect(psiDeciles(ref, cur)).toBeCloseTo(expected, 12);
  });
  it('bins are closed on the left: a value on a decile goes to the bin above', () => {
    // 1.9 is the first decile: in bin 2, like the reference's 2.
    const cur = Float64Array.from([1, 1.9, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(psiDeciles(ref, cur)).toBe(0);
  });
  it('outer bins are open: values beyond the reference range land in the first and last bins', () => {
    const cur = Float64Array.from([-100, 2, 3, 4, 5, 6, 7, 8, 9, 1e6]);
    expect(psiDeciles(ref, cur)).toBe(0);
  });
  it('a bin empty in both samples (tied deciles) contributes nothing', () => {
    const tied = Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : 1));
    expect(psiDeciles(tied, tied)).toBe(0);
  });
});

describe('categorical columns', () => {
  const counts = (o: Record<string, number>) => new Map(Object.entries(o));
  it('chi-square on the contingency table without Yates (SciPy chi2_contingency)', () => {
    const r = categoricalColumnDrift(counts({ a: 10, b: 20, c: 30 }), counts({ a: 15, b: 25, c: 20 }));
    expect(r.chiSquare.statistic).toBeCloseTo(3.5555555555555554, 13);
    expect(r.chiSquare.pValue).toBeCloseTo(0.16901331540606607, 13);
    expect(r.chiSquare.dof).toBe(2);
    expect(r.defaultTest).toMatchObject({ name: 'chisquare', value: r.chiSquare.pValue, drift: false });
    expect(r.ks).toBeNull();
    expect(r.wasserstein).toBeNull();
  });
  it("Evidently mode uses Evidently's goodness-of-fit chi-square (SciPy chisquare)", () => {
    const r = categoricalColumnDrift(counts({ a: 10, b: 20, c: 30 }), counts({ a: 15, b: 25, c: 20 }), { mode: 'evidently' });
    expect(r.chiSquare.statistic).toBeCloseTo(7.083333333333334, 13);
    expect(r.chiSquare.pValue).toBeCloseTo(0.028965011810970165, 13);
    expect(r.defaultTest.drift).toBe(true);
    expect(r.jensenShannon.base).toBe('e');
  });
  it('two values: pooled two-proportion Z-test', () => {
    const r = categoricalColumnDrift(counts({ no: 30, yes: 70 }), counts({ no: 45, yes: 55 }));
    expect(r.defaultTest.name).toBe('z');
    expect(r.defaultTest.value).toBeCloseTo(0.028459736916310645, 14);
    expect(r.defaultTest.drift).toBe(true);
  });
  it('the same single constant in both samples: p = 1', () => {
    expect(categoricalColumnDrift(counts({ x: 5 }), counts({ x: 9 })).defaultTest).toMatchObject({ name: 'z', value: 1, drift: false });
  });
  it('a category missing from one side gets the PSI floor', () => {
    const r = categoricalColumnDrift(counts({ a: 50, b: 50 }), counts({ a: 100 }));
    expect(r.psi).toBeCloseTo((0.5 - 1) * Math.log(0.5 / 1) + (0.5 - PSI_FLOOR) * Math.log(0.5 / PSI_FLOOR), 12);
  });
});

describe('dataset drift', () => {
  const col = (drift: boolean) => ({ defaultTest: { name: 'ks' as const, value: 0, threshold: 0.05, drift, reason: '' } });
  it('drifts when at least half the columns drift', () => {
    expect(datasetDrift([col(true), col(false)])).toEqual({ share: 0.5, drift: true });
    expect(datasetDrift([col(true), col(false), col(false)])).toEqual({ share: 1 / 3, drift: false });
    expect(() => datasetDrift([])).toThrow();
  });
});
