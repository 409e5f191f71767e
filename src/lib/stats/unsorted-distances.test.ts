import { describe, expect, it } from 'vitest';
import { jensenShannonEqualWidth, psiDeciles } from './distances.js';
import { seededRandom } from './fairness-bootstrap.js';
import { countOpenBins, sortedCopy } from './sorted.js';
import { countOpenBinsUnsorted, jensenShannonEqualWidthUnsorted, psiDecilesUnsorted } from './unsorted-distances.js';

function generate(n: number, seed: number, draw: (random: () => number) => number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => draw(random));
}

/** The unsorted variants must return exactly (Object.is) what the sorted ones do. */
function expectSameAsSorted(reference: Float64Array, current: Float64Array): void {
  const ref = sortedCopy(reference);
  const cur = sortedCopy(current);
  expect(psiDecilesUnsorted(reference, current)).toBe(psiDeciles(ref, cur));
  expect(jensenShannonEqualWidthUnsorted(reference, current, 2)).toBe(jensenShannonEqualWidth(ref, cur, 2));
  expect(jensenShannonEqualWidthUnsorted(reference, current, 'e')).toBe(jensenShannonEqualWidth(ref, cur, 'e'));
}

const draws: Record<string, (random: () => number) => number> = {
  'continuous, shifted': (random) => random() * 3 - 1,
  'few distinct values (ties on the edges)': (random) => Math.floor(random() * 4),
  'signed zeros and tiny values': (random) => [0, -0, 1e-310, -1e-310, 1][Math.floor(random() * 5)]!,
  'heavy tails': (random) => Math.tan((random() - 0.5) * 3.1),
};

describe('PSI and Jensen–Shannon on unsorted samples equal the sorted path', () => {
  for (const [name, draw] of Object.entries(draws)) {
    it(name, () => {
      for (let seed = 1; seed <= 6; seed++) {
        const n = seed % 2 === 0 ? 5000 + seed : 10 + seed * 7;
        expectSameAsSorted(generate(n, seed, draw), generate(n + seed * 13, seed + 100, draw));
      }
    });
  }

  it('the PSI golden vectors (deciles, closed-left bins, open outer bins, tied deciles)', () => {
    const ref = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expectSameAsSorted(ref, Float64Array.from([1, 1, 1, 1, 1, 10, 10, 10, 10, 10]));
    expectSameAsSorted(ref, Float64Array.from([10, 1.9, 3, 4, 5, 6, 7, 8, 9, 1]));
    expectSameAsSorted(ref, Float64Array.from([1e6, 2, 3, 4, 5, 6, 7, 8, 9, -100]));
    const tied = Float64Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 0 : 1));
    expectSameAsSorted(tied, tied);
  });

  it('infinite or constant references (NaN or equal edges) still match', () => {
    expectSameAsSorted(Float64Array.from([1, 2, Infinity, 3]), Float64Array.from([0, 5, 2]));
    expectSameAsSorted(Float64Array.from([-Infinity, 2, 3]), Float64Array.from([0, Infinity, 2]));
    expectSameAsSorted(new Float64Array(50).fill(7), Float64Array.from([6, 7, 8]));
  });
});

describe('countOpenBinsUnsorted', () => {
  it('counts like countOpenBins on the sorted sample', () => {
    const values = Float64Array.from([5, 1, 2, 2, 9, -3, 4]);
    const edges = [2, 2, 4];
    expect(countOpenBinsUnsorted(values, edges)).toEqual(countOpenBins(sortedCopy(values), edges));
    expect(Array.from(countOpenBinsUnsorted(values, edges)!)).toEqual([2, 0, 2, 3]);
  });
  it('declines NaN or descending edges', () => {
    expect(countOpenBinsUnsorted(Float64Array.from([1]), [NaN])).toBeNull();
    expect(countOpenBinsUnsorted(Float64Array.from([1]), [2, 1])).toBeNull();
  });
});
