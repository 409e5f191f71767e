/**
 * Turns cumulative metric points (totals since the series started, the SDK default) into per-export deltas by
 * remembering each series' last totals. Bounded: the oldest series are forgotten first, and a forgotten or reset
 * series starts again from its current totals.
 */
export class CumulativeDeltas {
  private readonly last = new Map<string, { count: number; sum: number }>();

  constructor(private readonly maxSeries = 100_000) {}

  /** The change since the series' last remembered totals (the totals themselves for a new or reset series). */
  delta(key: string, count: number, sum: number): { count: number; sum: number } {
    const prev = this.last.get(key);
    if (!prev || count < prev.count) return { count, sum };
    return { count: count - prev.count, sum: sum - prev.sum };
  }

  /** Called once the export was accepted, so that a refused export is counted when it is sent again. */
  remember(key: string, count: number, sum: number): void {
    this.last.delete(key);
    this.last.set(key, { count, sum });
    if (this.last.size > this.maxSeries) {
      const oldest = this.last.keys().next().value;
      if (oldest !== undefined) this.last.delete(oldest);
    }
  }
}
