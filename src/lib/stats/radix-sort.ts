/**
 * LSD radix sort of a Float64Array — the built-in TypedArray sort (a comparison sort) dominates the drift statistics
 * on large columns. Each double maps to an order-preserving 64-bit key (negatives: all bits flipped; others: the sign
 * bit flipped), read as two Uint32 halves in six 11/11/10-bit digits. The result is bit-for-bit the built-in
 * ascending order, including −0 before +0 and ±Infinity at the ends. NaN is rejected (callers remove it first).
 */

/** Below this many values the built-in sort is faster than the histogram setup. */
export const RADIX_SORT_MIN_LENGTH = 1000;

const DIGIT_SHIFTS = [0, 11, 22, 0, 11, 22] as const;
const DIGIT_MASKS = [0x7ff, 0x7ff, 0x3ff, 0x7ff, 0x7ff, 0x3ff] as const;
const RADIX = 2048;
const PASSES = 6;
const EXPONENT_BITS = 0x7ff00000;
const SIGN_BIT = 0x80000000;

// The Uint32 view below assumes the low word of each double comes first.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** An ascending copy of `values` (no NaN), equal to `values.slice().sort()`. */
export function radixSortedCopy(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_SORT_MIN_LENGTH || !LITTLE_ENDIAN) return values.slice().sort();

  // The first pass reads `values` itself; later passes ping-pong between two scratch arrays.
  let source: Float64Array = values;
  let target: Float64Array = new Float64Array(n);
  let spare: Float64Array | null = null;
  const counts = histograms(new Uint32Array(values.buffer, values.byteOffset, n * 2), n);

  for (let pass = 0; pass < PASSES; pass++) {
    const base = pass * RADIX;
    // Every key shares this digit: the pass would not move anything.
    if (sharedDigit(counts, base, n)) continue;
    let offset = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[base + d]!;
      counts[base + d] = offset;
      offset += c;
    }
    scatter(source, target, counts, base, pass, n);
    const next: Float64Array = source === values ? (spare ??= new Float64Array(n)) : source;
    source = target;
    target = next;
  }
  return source === values ? values.slice() : source;
}

/** Digit counts of all six passes in one read; throws on NaN. */
function histograms(words: Uint32Array, n: number): Uint32Array {
  const counts = new Uint32Array(PASSES * RADIX);
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i]!;
    const hi = words[2 * i + 1]!;
    if ((hi & EXPONENT_BITS) === EXPONENT_BITS && ((hi & 0xfffff) !== 0 || lo !== 0)) {
      throw new RangeError('radixSortedCopy: NaN is not sortable; remove it first');
    }
    const mask = hi >> 31;
    const keyLo = (lo ^ mask) >>> 0;
    const keyHi = (hi ^ (mask | SIGN_BIT)) >>> 0;
    counts[keyLo & 0x7ff]!++;
    counts[RADIX + ((keyLo >>> 11) & 0x7ff)]!++;
    counts[2 * RADIX + (keyLo >>> 22)]!++;
    counts[3 * RADIX + (keyHi & 0x7ff)]!++;
    counts[4 * RADIX + ((keyHi >>> 11) & 0x7ff)]!++;
    counts[5 * RADIX + (keyHi >>> 22)]!++;
  }
  return counts;
}

function sharedDigit(counts: Uint32Array, base: number, n: number): boolean {
  for (let d = 0; d < RADIX; d++) {
    const c = counts[base + d]!;
    if (c !== 0) return c === n;
  }
  return false;
}

/** Stable scatter of `source` into `target` by one digit; `counts` holds the running bucket offsets. */
function scatter(source: Float64Array, target: Float64Array, counts: Uint32Array, base: number, pass: number, n: number): void {
  const words = new Uint32Array(source.buffer, source.byteOffset, n * 2);
  const shift = DIGIT_SHIFTS[pass]!;
  const digitMask = DIGIT_MASKS[pass]!;
  if (pass < 3) {
    for (let i = 0; i < n; i++) {
      const hi = words[2 * i + 1]!;
      const key = (words[2 * i]! ^ (hi >> 31)) >>> 0;
      const slot = base + ((key >>> shift) & digitMask);
      target[counts[slot]!++] = source[i]!;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const hi = words[2 * i + 1]!;
      const key = (hi ^ ((hi >> 31) | SIGN_BIT)) >>> 0;
      const slot = base + ((key >>> shift) & digitMask);
      target[counts[slot]!++] = source[i]!;
    }
  }
}
