/**
 * Group fairness of a binary classifier, computed natively to agree with Fairlearn and AIF360
 * (definitions: shared/reference/metrics-and-gaps.md §2.1–2.2).
 *
 * Conventions we pin down where the references disagree (§2.6):
 * - A rate whose denominator is zero is `null` with a reason, never 0 (scikit-learn would say 0, AIF360 warns → 0).
 * - Fairlearn aggregates skip groups whose rate is undefined (pandas skips NaN) and name them in `skippedGroups`;
 *   with fewer than two defined groups the between-groups aggregate is `null` rather than a "perfect" 0 / 1.
 * - AIF360's comparison is signed: group − reference, and group / reference (may exceed 1).
 */

export const RATE_NAMES = ['selectionRate', 'tpr', 'fpr', 'fnr', 'tnr', 'ppv', 'npv', 'accuracy'] as const;
export type RateName = (typeof RATE_NAMES)[number];

/** Weighted confusion matrix (plain counts when there are no sample weights). */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface GroupMetrics extends Record<RateName, number | null> {
  /** rows in the group (unweighted) */
  count: number;
  /** Σ sample weights (= count without weights) */
  weight: number;
  confusion: Confusion;
  /** why a rate is null */
  undefinedReasons: Partial<Record<RateName, string>>;
  /** fewer rows than `minGroupSize`: the figures are noisy */
  small: boolean;
}

export type FairlearnMethod = 'between_groups' | 'to_overall';

export interface Disparity {
  difference: number | null;
  ratio: number | null;
  reasons: { difference?: string; ratio?: string };
  /** groups left out because their rate is undefined */
  skippedGroups: string[];
}

export interface EqualizedOdds extends Disparity {
  /** Fairlearn `agg="mean"`: mean of the TPR and FPR difference / ratio */
  mean: { difference: number | null; ratio: number | null };
}

export interface ReferenceComparison {
  statisticalParityDifference: number | null;
  disparateImpact: number | null;
  equalOpportunityDifference: number | null;
  averageOddsDifference: number | null;
  reasons: Partial<
    Record<'statisticalParityDifference' | 'disparateImpact' | 'equalOpportunityDifference' | 'averageOddsDifference', string>
  >;
}

export interface FairnessOptions {
  /** Fairlearn's aggregation method; default between_groups */
  method?: FairlearnMethod;
  /** AIF360-style comparisons against this group (the "privileged" one) */
  referenceGroup?: string;
  /** groups with fewer rows are flagged `small`; default 30 */
  minGroupSize?: number;
}

export interface FairnessResult {
  method: FairlearnMethod;
  minGroupSize: number;
  /** group names, in sorted order */
  groupNames: string[];
  groups: Record<string, GroupMetrics>;
  overall: GroupMetrics;
  demographicParity: Disparity;
  equalizedOdds: EqualizedOdds;
  equalOpportunity: Disparity;
  referenceGroup: string | null;
  vsReference: Record<string, ReferenceComparison> | null;
}

/** Binary labels and predictions (1 = positive/favourable), a group index per row, optional sample weights. */
export interface BinaryFairnessInput {
  yTrue: Uint8Array;
  yPred: Uint8Array;
  group: Uint32Array;
  groupNames: readonly string[];
  weights?: Float64Array;
}

export const DEFAULT_MIN_GROUP_SIZE = 30;

/** Separator of intersectional group names: the values of the sensitive columns in column order. */
export const INTERSECTION_SEPARATOR = ' & ';

export function intersectionalName(values: readonly string[]): string {
  return values.join(INTERSECTION_SEPARATOR);
}

/**
 * Accumulates per-group confusion matrices row by row, so a caller streaming millions of rows keeps only
 * 4 numbers per group. Groups are registered by name on first sight.
 */
export class ConfusionTally {
  private readonly index = new Map<string, number>();
  private names: string[] = [];
  private cells = new Float64Array(4 * 8);
  private counts = new Float64Array(8);
  private weights = new Float64Array(8);

  add(group: string, yTrue: boolean, yPred: boolean, weight = 1): void {
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`sample weight must be finite and ≥ 0, got ${weight}`);
    let g = this.index.get(group);
    if (g === undefined) {
      g = this.names.length;
      this.index.set(group, g);
      this.names.push(group);
      if (g >= this.counts.length) this.grow();
    }
    // cells: tp, fp, fn, tn
    const cell = 4 * g + (yTrue ? (yPred ? 0 : 2) : yPred ? 1 : 3);
    this.cells[cell]! += weight;
    this.counts[g]! += 1;
    this.weights[g]! += weight;
  }

  private grow(): void {
    const size = this.counts.length * 2;
    const cells = new Float64Array(4 * size);
    cells.set(this.cells);
    this.cells = cells;
    const counts = new Float64Array(size);
    counts.set(this.counts);
    this.counts = counts;
    const weights = new Float64Array(size);
    weights.set(this.weights);
    this.weights = weights;
  }

  get rows(): number {
    let n = 0;
    for (let g = 0; g < this.names.length; g++) n += this.counts[g]!;
    return n;
  }

  has(group: string): boolean {
    return this.index.has(group);
  }

  /** One entry per group seen, in order of first sight. */
  groups(): GroupTally[] {
    return this.names.map((name, g) => ({
      name,
      count: this.counts[g]!,
      weight: this.weights[g]!,
      confusion: { tp: this.cells[4 * g]!, fp: this.cells[4 * g + 1]!, fn: this.cells[4 * g + 2]!, tn: this.cells[4 * g + 3]! },
    }));
  }
}

export interface GroupTally {
  name: string;
  count: number;
  weight: number;
  confusion: Confusion;
}

/** Tallies arrays (see `BinaryFairnessInput`) into per-group confusion matrices. */
export function tallyBinary(input: BinaryFairnessInput): GroupTally[] {
  const { yTrue, yPred, group, groupNames, weights } = input;
  const n = yTrue.length;
  if (yPred.length !== n || group.length !== n || (weights && weights.length !== n)) {
    throw new RangeError('yTrue, yPred, group and weights must have the same length');
  }
  const G = groupNames.length;
  // cells per group, indexed by 2·truth + prediction: 0 TN, 1 FP, 2 FN, 3 TP
  const cells = new Float64Array(4 * G);
  const counts = new Float64Array(G);
  const sums = new Float64Array(G);
  if (weights) {
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      if (g >= G) throw new RangeError(`group index ${g} at row ${i} has no name`);
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`sample weight at row ${i} must be finite and ≥ 0, got ${w}`);
      cells[(g << 2) | (yTrue[i]! !== 0 ? 2 : 0) | (yPred[i]! !== 0 ? 1 : 0)]! += w;
      counts[g]! += 1;
      sums[g]! += w;
    }
  } else {
    // the common unweighted case: integer counts in one pass (as fast as NumPy's bincount), weights = counts
    const tally = new Int32Array(4 * G);
    let bits = 0;
    for (let i = 0; i < n; i++) {
      // (v + 255) >> 8 is 1 for any non-zero byte and 0 for zero: no branch to mispredict on random labels. A group
      // index without a name writes past the array, which typed arrays ignore, so the total below falls short;
      // one of 2^30 or more would wrap around in the shift, so `bits` collects the high bits to catch those.
      const g = group[i]!;
      bits |= g;
      tally[(g << 2) | (((yTrue[i]! + 255) >> 8) << 1) | ((yPred[i]! + 255) >> 8)]!++;
    }
    if (bits >>> 30 !== 0 || tally.reduce((a, b) => a + b, 0) !== n) {
      const i = group.findIndex((g) => g >= G);
      throw new RangeError(`group index ${group[i]} at row ${i} has no name`);
    }
    for (let g = 0; g < G; g++) {
      const c = tally[4 * g]! + tally[4 * g + 1]! + tally[4 * g + 2]! + tally[4 * g + 3]!;
      counts[g] = c;
      sums[g] = c;
      for (let k = 0; k < 4; k++) cells[4 * g + k] = tally[4 * g + k]!;
    }
  }
  const out: GroupTally[] = [];
  for (let g = 0; g < G; g++) {
    if (counts[g] === 0) continue; // a group without rows (e.g. an empty intersection) has no figures at all
    out.push({
      name: groupNames[g]!,
      count: counts[g]!,
      weight: sums[g]!,
      confusion: { tp: cells[4 * g + 3]!, fp: cells[4 * g + 1]!, fn: cells[4 * g + 2]!, tn: cells[4 * g]! },
    });
  }
  return out;
}

/** Rates of one confusion matrix; a zero denominator gives null and a reason. */
export function groupMetrics(t: Omit<GroupTally, 'name'>, minGroupSize = DEFAULT_MIN_GROUP_SIZE): GroupMetrics {
  const { tp, fp, fn, tn } = t.confusion;
  const reasons: Partial<Record<RateName, string>> = {};
  const rate = (name: RateName, num: number, den: number, why: string): number | null => {
    if (den > 0) return num / den;
    reasons[name] = why;
    return null;
  };
  const total = tp + fp + fn + tn;
  return {
    count: t.count,
    weight: t.weight,
    confusion: { tp, fp, fn, tn },
    selectionRate: rate('selectionRate', tp + fp, total, 'no rows (or zero total weight)'),
    tpr: rate('tpr', tp, tp + fn, 'no actual positives (TP + FN = 0)'),
    fpr: rate('fpr', fp, fp + tn, 'no actual negatives (FP + TN = 0)'),
    fnr: rate('fnr', fn, tp + fn, 'no actual positives (TP + FN = 0)'),
    tnr: rate('tnr', tn, fp + tn, 'no actual negatives (FP + TN = 0)'),
    ppv: rate('ppv', tp, tp + fp, 'no predicted positives (TP + FP = 0)'),
    npv: rate('npv', tn, tn + fn, 'no predicted negatives (TN + FN = 0)'),
    accuracy: rate('accuracy', tp + tn, total, 'no rows (or zero total weight)'),
    undefinedReasons: reasons,
    small: t.count < minGroupSize,
  };
}

/** Fairlearn's MetricFrame.difference / .ratio of one rate. */
export function disparity(
  groups: readonly (readonly [string, GroupMetrics])[],
  overall: GroupMetrics,
  rate: RateName,
  method: FairlearnMethod,
): Disparity {
  const skippedGroups: string[] = [];
  const values: number[] = [];
  for (const [name, m] of groups) {
    const v = m[rate];
    if (v === null) skippedGroups.push(name);
    else values.push(v);
  }
  const reasons: Disparity['reasons'] = {};
  const none = (why: string): Disparity => ({ difference: null, ratio: null, reasons: { difference: why, ratio: why }, skippedGroups });
  if (method === 'between_groups') {
    if (values.length < 2) return none(`fewer than two groups with a defined ${rate}`);
    const max = Math.max(...values);
    const min = Math.min(...values);
    let ratio: number | null = null;
    if (max > 0) ratio = min / max;
    else reasons.ratio = `${rate} is 0 in every group (0/0)`;
    return { difference: max - min, ratio, reasons, skippedGroups };
  }
  const o = overall[rate];
  if (o === null) return none(`overall ${rate} is undefined`);
  if (values.length === 0) return none(`no group with a defined ${rate}`);
  let difference = 0;
  for (const v of values) difference = Math.max(difference, Math.abs(v - o));
  let ratio: number | null = null;
  if (o > 0) {
    ratio = Infinity;
    for (const v of values) {
      const r = v / o;
      ratio = Math.min(ratio, r > 1 ? 1 / r : r);
    }
  } else reasons.ratio = `overall ${rate} is 0`;
  return { difference, ratio, reasons, skippedGroups };
}

function equalizedOdds(tpr: Disparity, fpr: Disparity): EqualizedOdds {
  const both = (a: number | null, b: number | null, f: (x: number, y: number) => number) => (a === null || b === null ? null : f(a, b));
  const reasons: Disparity['reasons'] = {};
  const difference = both(tpr.difference, fpr.difference, Math.max);
  const ratio = both(tpr.ratio, fpr.ratio, Math.min);
  if (difference === null) reasons.difference = tpr.reasons.difference ?? fpr.reasons.difference;
  if (ratio === null) reasons.ratio = tpr.reasons.ratio ?? fpr.reasons.ratio;
  const mean = (x: number, y: number) => (x + y) / 2;
  return {
    difference,
    ratio,
    reasons,
    skippedGroups: [...new Set([...tpr.skippedGroups, ...fpr.skippedGroups])],
    mean: { difference: both(tpr.difference, fpr.difference, mean), ratio: both(tpr.ratio, fpr.ratio, mean) },
  };
}

/** AIF360's signed comparison of `g` (unprivileged) against `ref` (privileged). */
export function compareToReference(g: GroupMetrics, ref: GroupMetrics): ReferenceComparison {
  const reasons: ReferenceComparison['reasons'] = {};
  const diff = (key: keyof ReferenceComparison['reasons'], rate: RateName): number | null => {
    const a = g[rate];
    const b = ref[rate];
    if (a !== null && b !== null) return a - b;
    reasons[key] =
      a === null ? `group ${rate} undefined: ${g.undefinedReasons[rate]}` : `reference ${rate} undefined: ${ref.undefinedReasons[rate]}`;
    return null;
  };
  const spd = diff('statisticalParityDifference', 'selectionRate');
  const eod = diff('equalOpportunityDifference', 'tpr');
  let di: number | null = null;
  if (g.selectionRate !== null && ref.selectionRate !== null && ref.selectionRate > 0) di = g.selectionRate / ref.selectionRate;
  else reasons.disparateImpact = spd === null ? reasons.statisticalParityDifference : 'reference selection rate is 0';
  let aod: number | null = null;
  if (g.fpr !== null && ref.fpr !== null && eod !== null) aod = (g.fpr - ref.fpr + eod) / 2;
  else
    reasons.averageOddsDifference =
      eod === null
        ? reasons.equalOpportunityDifference
        : g.fpr === null
          ? `group fpr undefined: ${g.undefinedReasons.fpr}`
          : `reference fpr undefined: ${ref.undefinedReasons.fpr}`;
  return { statisticalParityDifference: spd, disparateImpact: di, equalOpportunityDifference: eod, averageOddsDifference: aod, reasons };
}

const byName = (a: GroupTally, b: GroupTally) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Every figure from per-group confusion matrices (overall = their sum). Groups are sorted by name, as pandas does. */
export function fairnessFromTallies(tallies: readonly GroupTally[], options: FairnessOptions = {}): FairnessResult {
  const method = options.method ?? 'between_groups';
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const sorted = [...tallies].sort(byName);
  const total: GroupTally = { name: '', count: 0, weight: 0, confusion: { tp: 0, fp: 0, fn: 0, tn: 0 } };
  for (const t of sorted) {
    total.count += t.count;
    total.weight += t.weight;
    total.confusion.tp += t.confusion.tp;
    total.confusion.fp += t.confusion.fp;
    total.confusion.fn += t.confusion.fn;
    total.confusion.tn += t.confusion.tn;
  }
  const entries = sorted.map((t) => [t.name, groupMetrics(t, minGroupSize)] as const);
  const overall = groupMetrics(total, minGroupSize);
  const tpr = disparity(entries, overall, 'tpr', method);
  const fpr = disparity(entries, overall, 'fpr', method);
  const groups = Object.fromEntries(entries);
  let vsReference: FairnessResult['vsReference'] = null;
  const referenceGroup = options.referenceGroup ?? null;
  if (referenceGroup !== null) {
    const ref = groups[referenceGroup];
    if (!ref) throw new RangeError(`reference group "${referenceGroup}" has no rows (groups: ${sorted.map((t) => t.name).join(', ')})`);
    vsReference = Object.fromEntries(
      entries.filter(([name]) => name !== referenceGroup).map(([name, m]) => [name, compareToReference(m, ref)]),
    );
  }
  return {
    method,
    minGroupSize,
    groupNames: sorted.map((t) => t.name),
    groups,
    overall,
    demographicParity: disparity(entries, overall, 'selectionRate', method),
    equalizedOdds: equalizedOdds(tpr, fpr),
    equalOpportunity: tpr,
    referenceGroup,
    vsReference,
  };
}

export function computeFairness(input: BinaryFairnessInput, options: FairnessOptions = {}): FairnessResult {
  return fairnessFromTallies(tallyBinary(input), options);
}

/**
 * Group index per row from one or more sensitive columns (values as given); several columns form intersectional
 * groups, named by `intersectionalName` (Fairlearn's MultiIndex tuple, flattened in column order).
 */
export function encodeGroups(columns: readonly (readonly string[])[]): { group: Uint32Array; groupNames: string[] } {
  const n = columns[0]?.length ?? 0;
  if (columns.some((c) => c.length !== n)) throw new RangeError('sensitive columns must have the same length');
  const index = new Map<string, number>();
  const groupNames: string[] = [];
  const group = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const name = intersectionalName(columns.map((c) => c[i]!));
    let g = index.get(name);
    if (g === undefined) {
      g = groupNames.length;
      index.set(name, g);
      groupNames.push(name);
    }
    group[i] = g;
  }
  return { group, groupNames };
}
