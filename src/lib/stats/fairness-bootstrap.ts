import {
  fairnessFromTallies,
  RATE_NAMES,
  type BinaryFairnessInput,
  type FairnessOptions,
  type FairnessResult,
  type GroupTally,
} from './fairness.js';

/**
 * Seeded bootstrap confidence intervals for the fairness figures.
 *
 * Scheme: stratified by group — each replicate redraws, with replacement, as many rows as each group has from that
 * group's own rows (sample weights travel with their rows), so every group keeps its size and never vanishes from a
 * replicate; `overall` is the sum of the resampled groups. Each figure's interval is the percentile interval of its
 * replicates (linear "type 7" quantiles, numpy's default), over the replicates where the figure is defined; how many
 * were undefined is reported, never silently dropped.
 */
export interface BootstrapOptions extends FairnessOptions {
  seed: number;
  /** default 1000 */
  replicates?: number;
  /** default 0.95 */
  confidence?: number;
}

export interface Interval {
  low: number | null;
  high: number | null;
  /** replicates in which the figure had a zero denominator */
  undefinedReplicates: number;
}

export interface FairnessIntervals {
  scheme: 'stratified-by-group, percentile';
  seed: number;
  replicates: number;
  confidence: number;
  /** figure path (e.g. `groups.a.tpr`, `demographicParity.difference`) → interval */
  intervals: Record<string, Interval>;
}

/** mulberry32: a small, fast 32-bit seeded generator; uniform floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Linear ("type 7") quantile of sorted values, as numpy.quantile's default. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The figures of one result, flattened to paths (the same paths as `FairnessIntervals.intervals`). */
export function flattenFigures(r: FairnessResult): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const name of r.groupNames) for (const rate of RATE_NAMES) out[`groups.${name}.${rate}`] = r.groups[name]![rate];
  for (const rate of RATE_NAMES) out[`overall.${rate}`] = r.overall[rate];
  for (const key of ['demographicParity', 'equalizedOdds', 'equalOpportunity'] as const) {
    out[`${key}.difference`] = r[key].difference;
    out[`${key}.ratio`] = r[key].ratio;
  }
  out['equalizedOdds.mean.difference'] = r.equalizedOdds.mean.difference;
  out['equalizedOdds.mean.ratio'] = r.equalizedOdds.mean.ratio;
  for (const [name, c] of Object.entries(r.vsReference ?? {})) {
    out[`vsReference.${name}.statisticalParityDifference`] = c.statisticalParityDifference;
    out[`vsReference.${name}.disparateImpact`] = c.disparateImpact;
    out[`vsReference.${name}.equalOpportunityDifference`] = c.equalOpportunityDifference;
    out[`vsReference.${name}.averageOddsDifference`] = c.averageOddsDifference;
  }
  return out;
}

export function bootstrapFairness(input: BinaryFairnessInput, options: BootstrapOptions): FairnessIntervals {
  const replicates = options.replicates ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(replicates) || replicates < 1) throw new RangeError('replicates must be a positive integer');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError('confidence must be between 0 and 1');
  const { yTrue, yPred, group, groupNames, weights } = input;
  // Row indices of each group, contiguous: rows[start[g] .. start[g + 1]).
  const G = groupNames.length;
  const start = new Uint32Array(G + 1);
  for (let i = 0; i < group.length; i++) start[group[i]! + 1]! += 1;
  for (let g = 0; g < G; g++) start[g + 1]! += start[g]!;
  const rows = new Uint32Array(group.length);
  const fill = start.slice(0, G);
  for (let i = 0; i < group.length; i++) rows[fill[group[i]!]!++] = i;

  const random = seededRandom(options.seed);
  const samples = new Map<string, number[]>();
  const undefinedCounts = new Map<string, number>();
  for (let b = 0; b < replicates; b++) {
    const tallies: GroupTally[] = [];
    for (let g = 0; g < G; g++) {
      const from = start[g]!;
      const size = start[g + 1]! - from;
      if (size === 0) continue;
      const t: GroupTally = { name: groupNames[g]!, count: size, weight: 0, confusion: { tp: 0, fp: 0, fn: 0, tn: 0 } };
      for (let k = 0; k < size; k++) {
        const i = rows[from + Math.floor(random() * size)]!;
        const w = weights ? weights[i]! : 1;
        t.weight += w;
        const c = t.confusion;
        if (yTrue[i]) {
          if (yPred[i]) c.tp += w;
          else c.fn += w;
        } else if (yPred[i]) c.fp += w;
        else c.tn += w;
      }
      tallies.push(t);
    }
    for (const [path, v] of Object.entries(flattenFigures(fairnessFromTallies(tallies, options)))) {
      if (v === null) undefinedCounts.set(path, (undefinedCounts.get(path) ?? 0) + 1);
      else {
        let list = samples.get(path);
        if (!list) samples.set(path, (list = []));
        list.push(v);
      }
    }
  }
  const alpha = (1 - confidence) / 2;
  const intervals: Record<string, Interval> = {};
  for (const path of new Set([...samples.keys(), ...undefinedCounts.keys()])) {
    const values = Float64Array.from(samples.get(path) ?? []).sort();
    intervals[path] = {
      low: values.length ? quantileSorted(values, alpha) : null,
      high: values.length ? quantileSorted(values, 1 - alpha) : null,
      undefinedReplicates: undefinedCounts.get(path) ?? 0,
    };
  }
  return { scheme: 'stratified-by-group, percentile', seed: options.seed, replicates, confidence, intervals };
}
