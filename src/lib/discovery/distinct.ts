const P = 14; // 16,384 registers: about 0.8 % standard error
const M = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / M);
const TWO_32 = 2 ** 32;

/**
 * Distinct count of 52-bit hashes with bounded memory: an exact set up to `cap` values, then a HyperLogLog sketch
 * (16 KiB) that every value seen so far is folded into. `exact` says which one the count comes from.
 */
export class DistinctCounter {
  private set: Set<number> | null = new Set();
  private registers: Uint8Array | null = null;

  constructor(private readonly cap = 1024) {}

  get exact(): boolean {
    return this.set !== null;
  }

  /** value: a uniformly distributed integer in [0, 2^52) (e.g. from a cryptographic hash). */
  add(value: number): void {
    if (this.set) {
      this.set.add(value);
      if (this.set.size > this.cap) {
        this.registers = new Uint8Array(M);
        for (const v of this.set) this.fold(v);
        this.set = null;
      }
    } else this.fold(value);
  }

  get count(): number {
    if (this.set) return this.set.size;
    const registers = this.registers!;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < M; i++) {
      sum += 2 ** -registers[i]!;
      if (registers[i] === 0) zeros++;
    }
    const raw = (ALPHA * M * M) / sum;
    // Small range: linear counting is more accurate while registers are still empty.
    return Math.round(raw <= 2.5 * M && zeros > 0 ? M * Math.log(M / zeros) : raw);
  }

  private fold(value: number): void {
    const index = value % M;
    // The 38 bits above the index give the rank: position of the first 1 bit (from the top), 1-based.
    const rest = Math.floor(value / M);
    const high = Math.floor(rest / TWO_32); // top 6 bits of the 38
    const low = rest % TWO_32;
    const rank = high !== 0 ? Math.clz32(high) - 26 + 1 : low !== 0 ? 6 + Math.clz32(low) + 1 : 39;
    if (rank > this.registers![index]!) this.registers![index] = rank;
  }
}
