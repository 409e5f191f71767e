import { describe, expect, it } from 'vitest';
import { seededRandom } from './fairness-bootstrap.js';
import { RADIX_SORT_MIN_LENGTH, radixSortedCopy } from './radix-sort.js';

/** Index of the first differing bit pattern (so −0 vs +0 counts), or -1. */
function firstBitDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const wa = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  const wb = new Uint32Array(b.buffer, b.byteOffset, b.length * 2);
  for (let i = 0; i < wa.length; i++) if (wa[i] !== wb[i]) return i >>> 1;
  return -1;
}

function expectSameAsBuiltIn(values: Float64Array): void {
  const before = values.slice();
  const sorted = radixSortedCopy(values);
  expect(sorted).not.toBe(values);
  expect(firstBitDifference(sorted, values.slice().sort())).toBe(-1);
  expect(firstBitDifference(values, before)).toBe(-1);
}

function generate(n: number, seed: number, draw: (random: () => number) => number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => draw(random));
}

const SPECIALS = [0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072009e-308, -1e-310, Number.MAX_VALUE];

const cases: Record<string, (random: () => number) => number> = {
  'uniform [0, 1)': (random) => random(),
  'mixed signs and magnitudes': (random) => (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20),
  'all negative': (random) => -random() * 1e6,
  'duplicate-heavy': (random) => Math.floor(random() * 7) - 3,
  subnormals: (random) => (random() - 0.5) * 1e-310,
  '±0, ±Infinity and subnormals among normals': (random) =>
    random() < 0.3 ? SPECIALS[Math.floor(random() * SPECIALS.length)]! : (random() - 0.5) * 100,
  'integers sharing the high digits': (random) => 1e9 + Math.floor(random() * 4096),
};

describe('radixSortedCopy equals the built-in TypedArray sort', () => {
  for (const [name, draw] of Object.entries(cases)) {
    it(name, () => {
      for (let seed = 1; seed <= 8; seed++) {
        const n = seed % 2 === 0 ? RADIX_SORT_MIN_LENGTH + seed * 997 : Math.floor(seededRandom(seed)() * 50_000);
        expectSameAsBuiltIn(generate(n, seed, draw));
      }
    });
  }

  it('constant input (every pass skipped), small input (built-in path) and empty input', () => {
    expectSameAsBuiltIn(new Float64Array(5000).fill(-2.5));
    expectSameAsBuiltIn(Float64Array.from([3, -0, 0, -1, Infinity]));
    expectSameAsBuiltIn(new Float64Array(0));
  });

  it('puts −0 before +0, as the built-in sort does', () => {
    const values = Float64Array.from({ length: 4000 }, (_, i) => (i % 2 === 0 ? 0 : -0));
    const sorted = radixSortedCopy(values);
    expect(Object.is(sorted[1999], -0)).toBe(true);
    expect(Object.is(sorted[2000], 0)).toBe(true);
  });

  it('works on a view into a larger buffer', () => {
    const whole = generate(6000, 3, (random) => random() - 0.5);
    expectSameAsBuiltIn(whole.subarray(1000, 5000));
  });

  it('rejects NaN', () => {
    const values = generate(3000, 5, (random) => random());
    values[1234] = NaN;
    expect(() => radixSortedCopy(values)).toThrow(RangeError);
  });
});
