import { describe, expect, it } from 'vitest';
import { KS_EXACT_MAX_N, ksTwoSampleSorted, roundHalfEven } from './ks.js';
import { kstwoSf } from './kstwo.js';

/** a = i/n₁, b = (j + ½)/n₂ · s — sorted by construction. Expected values from SciPy 1.17 `ks_2samp`. */
function samples(n1: number, n2: number, s: number): [Float64Array, Float64Array] {
  return [Float64Array.from({ length: n1 }, (_, i) => i / n1), Float64Array.from({ length: n2 }, (_, j) => ((j + 0.5) / n2) * s)];
}

describe('two-sample Kolmogorov–Smirnov (SciPy ks_2samp, method auto)', () => {
  it.each([
    [10_000, 10_000, 1.03, 0.0292, 0.0003960229461626993, 'exact'],
    [10_000, 9_999, 1.03, 0.029203160316031603, 0.0003844590761349936, 'exact'],
    [60, 90, 1.3, 0.24444444444444444, 0.02376678612110013, 'exact'],
    [10_001, 5_000, 1.03, 0.02930006999300072, 0.006410467582296278, 'asymptotic'],
    [2_000, 300_000, 1.005, 0.00547333333333333, 0.9999999816201582, 'asymptotic'],
  ] as const)('n=%i, m=%i (shift %f)', (n1, n2, s, d, p, method) => {
    const r = ksTwoSampleSorted(...samples(n1, n2, s));
    expect(r.method).toBe(method);
    expect(r.statistic).toBeCloseTo(d, 14);
    expect(Math.abs(r.pValue - p) / p).toBeLessThan(1e-12);
  });
  it('switches to the asymptotic p-value exactly above 10,000 values in either sample', () => {
    expect(KS_EXACT_MAX_N).toBe(10_000);
    expect(ksTwoSampleSorted(...samples(10_000, 50, 1.1)).method).toBe('exact');
    expect(ksTwoSampleSorted(...samples(10_001, 50, 1.1)).method).toBe('asymptotic');
    expect(ksTwoSampleSorted(...samples(50, 10_001, 1.1)).method).toBe('asymptotic');
  });
  it('identical samples: D = 0, p = 1', () => {
    const a = Float64Array.from([1, 2, 2, 3]);
    expect(ksTwoSampleSorted(a, a)).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
  });
  it('ties are handled as right-continuous ECDFs', () => {
    // SciPy: ks_2samp([0,0,1,1],[0,1,1,1]) → D = 0.25, p = 1.0
    expect(ksTwoSampleSorted(Float64Array.from([0, 0, 1, 1]), Float64Array.from([0, 1, 1, 1]))).toEqual({
      statistic: 0.25,
      pValue: 1,
      method: 'exact',
    });
  });
});

describe('kstwo.sf (SciPy _kolmogn, every branch)', () => {
  it.each([
    [0.05, 100, 0.9532159710635725], // Durbin matrix
    [0.1, 100, 0.2526927570063874], // Pomeranz
    [0.3, 100, 1.7719869892662917e-8], // 2 × Smirnov (n ≤ 140)
    [0.6, 10, 0.0005681672000000003], // x ≥ 0.5
    [0.9, 10, 1.9999999999999957e-10], // Ruben–Gambino upper
    [0.01, 5000, 0.6954557253913853], // Durbin (n > 140)
    [0.03, 5000, 0.00024159234422666817], // 2 × Smirnov
    [0.0005, 500_000, 0.9996286945544336], // Pelz–Good
    [0.003, 500_000, 0.00024632301239186754], // 2 × Smirnov, long sum
    [0.002, 2_000_000, 2.247704493692889e-7], // Smirnov's large-n approximation
  ])('x=%f n=%i', (x, n, expected) => {
    expect(Math.abs(kstwoSf(x, n) - expected) / expected).toBeLessThan(2e-12);
  });
  it('is 1 below 1/(2n) and 0 at 1', () => {
    expect(kstwoSf(0.004, 100)).toBe(1);
    expect(kstwoSf(1, 100)).toBe(0);
  });
  it('rounds n·m/(n+m) half to even, as NumPy', () => {
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(roundHalfEven(3.4)).toBe(3);
  });
});
