import { describe, expect, it } from 'vitest';
import { bootstrapFairness, quantileSorted, seededRandom } from './fairness-bootstrap.js';
import { fairnessReport } from './fairness-report.js';
import { regressionByGroup } from './fairness-regression.js';
import { computeFairness, ConfusionTally, encodeGroups, fairnessFromTallies, type BinaryFairnessInput } from './fairness.js';

/** Round to the digits the reference gives, so "0.6667" means exactly that. */
const r4 = (x: number | null | undefined) => (x === null || x === undefined ? x : Math.round(x * 1e4) / 1e4);

// metrics-and-gaps §2.7: the Fairlearn documentation example.
const yTrue = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1];
const yPred = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0];
const sf = 'b,b,a,b,b,c,c,c,a,a,c,a,b,c,c,b,c,c'.split(',');

function input(t: number[], p: number[], groups: string[][], weights?: number[]): BinaryFairnessInput {
  return { yTrue: Uint8Array.from(t), yPred: Uint8Array.from(p), ...encodeGroups(groups), weights: weights && Float64Array.from(weights) };
}
const golden = () => input(yTrue, yPred, [sf]);

describe('fairness: golden vectors (Fairlearn example, metrics-and-gaps §2.7)', () => {
  const r = computeFairness(golden(), { referenceGroup: 'a' });
  const to = computeFairness(golden(), { method: 'to_overall' });

  it('per-group rates', () => {
    expect(r.groupNames).toEqual(['a', 'b', 'c']);
    expect(['a', 'b', 'c'].map((g) => r4(r.groups[g]!.selectionRate))).toEqual([0.75, 0.5, 0.5]);
    expect(r4(r.overall.selectionRate)).toBe(0.5556);
    expect(['a', 'b', 'c'].map((g) => r4(r.groups[g]!.tpr))).toEqual([0.5, 0.6, 0.4]);
    expect(['a', 'b', 'c'].map((g) => r4(r.groups[g]!.fpr))).toEqual([1, 0, 0.6667]);
    expect(r.groups.a!.confusion).toEqual({ tp: 1, fp: 2, fn: 1, tn: 0 });
    expect(r.groups.c).toMatchObject({ count: 8, weight: 8, fnr: 0.6, tnr: 1 / 3, ppv: 0.5, npv: 0.25, accuracy: 3 / 8 });
    expect(r.overall).toMatchObject({ count: 18, tpr: 0.5, accuracy: 8 / 18 });
  });

  it('Fairlearn aggregates, between groups', () => {
    expect(r4(r.demographicParity.difference)).toBe(0.25);
    expect(r4(r.demographicParity.ratio)).toBe(0.6667);
    expect(r4(r.equalizedOdds.difference)).toBe(1.0);
    expect(r4(r.equalizedOdds.ratio)).toBe(0.0);
    expect(r4(r.equalizedOdds.mean.difference)).toBe(0.6);
    expect(r4(r.equalOpportunity.difference)).toBe(0.2);
    expect(r4(r.equalOpportunity.ratio)).toBe(0.6667);
  });

  it('Fairlearn aggregates, to overall', () => {
    expect(r4(to.demographicParity.difference)).toBe(0.1944);
    expect(r4(to.demographicParity.ratio)).toBe(0.7407);
    // TPR overall 0.5: max |Δ| = 0.1, ratios 1, 0.8333, 0.8; FPR overall 0.6667: max |Δ| = 0.6667, FPR_b = 0 → ratio 0.
    expect(r4(to.equalOpportunity.difference)).toBe(0.1);
    expect(r4(to.equalOpportunity.ratio)).toBe(0.8);
    expect(r4(to.equalizedOdds.difference)).toBe(0.6667);
    expect(to.equalizedOdds.ratio).toBe(0);
  });

  it('AIF360 signed comparison, privileged a, unprivileged b', () => {
    const b = r.vsReference!.b!;
    expect([b.statisticalParityDifference, b.disparateImpact, b.equalOpportunityDifference, b.averageOddsDifference].map(r4)).toEqual([
      -0.25, 0.6667, 0.1, -0.45,
    ]);
    expect(Object.keys(r.vsReference!)).toEqual(['b', 'c']);
  });

  it('the CLI report shape', () => {
    const rep = fairnessReport(r, 2);
    expect(Object.keys(rep)).toEqual([
      'rows',
      'excludedRows',
      'groups',
      'overall',
      'demographicParity',
      'equalizedOdds',
      'equalOpportunity',
      'vsReference',
    ]);
    expect(rep.rows).toBe(18);
    expect(rep.excludedRows).toBe(2);
    expect(Object.keys(rep.groups.a!)).toEqual(['count', 'selectionRate', 'tpr', 'fpr', 'fnr', 'tnr', 'ppv', 'npv', 'accuracy']);
    expect(rep.demographicParity).toEqual({ difference: r.demographicParity.difference, ratio: r.demographicParity.ratio });
    expect('vsReference' in fairnessReport(computeFairness(golden()), 0)).toBe(false);
  });

  it('a streaming tally gives the same result as the arrays', () => {
    const tally = new ConfusionTally();
    for (let i = 0; i < yTrue.length; i++) tally.add(sf[i]!, yTrue[i] === 1, yPred[i] === 1);
    expect(tally.rows).toBe(18);
    expect(fairnessFromTallies(tally.groups(), { referenceGroup: 'a' })).toEqual(r);
  });
});

describe('fairness: undefined rates and small groups', () => {
  // group x: only actual negatives, all predicted negative; group y: normal.
  const r = computeFairness(input([0, 0, 1, 0, 1, 1], [0, 0, 1, 1, 0, 1], [['x', 'x', 'y', 'y', 'y', 'y']]), {
    referenceGroup: 'x',
    minGroupSize: 3,
  });

  it('a zero denominator is null with a reason, never 0', () => {
    const x = r.groups.x!;
    expect(x.tpr).toBeNull();
    expect(x.fnr).toBeNull();
    expect(x.ppv).toBeNull();
    expect(x.undefinedReasons.tpr).toMatch(/no actual positives/);
    expect(x.undefinedReasons.ppv).toMatch(/no predicted positives/);
    expect(x.selectionRate).toBe(0);
    expect(x.fpr).toBe(0);
    expect(x.npv).toBe(1);
  });

  it('aggregates skip undefined groups and say so; fewer than two groups → null', () => {
    expect(r.equalOpportunity.difference).toBeNull();
    expect(r.equalOpportunity.skippedGroups).toEqual(['x']);
    expect(r.equalOpportunity.reasons.difference).toMatch(/fewer than two groups/);
    expect(r.equalizedOdds.difference).toBeNull();
    expect(r.demographicParity.difference).toBe(0.75);
    expect(r.demographicParity.ratio).toBe(0);
  });

  it('AIF360: zero reference selection rate → disparate impact null; undefined TPR propagates', () => {
    const y = r.vsReference!.y!;
    expect(y.statisticalParityDifference).toBe(0.75);
    expect(y.disparateImpact).toBeNull();
    expect(y.reasons.disparateImpact).toBe('reference selection rate is 0');
    expect(y.equalOpportunityDifference).toBeNull();
    expect(y.reasons.equalOpportunityDifference).toMatch(/reference tpr undefined/);
    expect(y.averageOddsDifference).toBeNull();
  });

  it('0/0 ratio between groups is null; small groups are flagged', () => {
    const z = computeFairness(input([1, 0, 1, 0], [0, 0, 0, 0], [['p', 'p', 'q', 'q']]));
    expect(z.demographicParity.difference).toBe(0);
    expect(z.demographicParity.ratio).toBeNull();
    expect(z.demographicParity.reasons.ratio).toMatch(/0\/0/);
    expect(z.groups.p!.small).toBe(true);
    expect(r.groups.x!.small).toBe(true);
    expect(r.groups.y!.small).toBe(false);
  });

  it('unknown reference group and bad weights are rejected', () => {
    expect(() => computeFairness(golden(), { referenceGroup: 'zz' })).toThrow(/reference group "zz"/);
    expect(() => computeFairness(input([1], [1], [['a']], [-1]))).toThrow(/weight/);
  });
});

describe('fairness: sample weights and intersectional groups', () => {
  it('weights scale the confusion matrix like repeated rows', () => {
    const w = sf.map((_, i) => (i % 3) + 1);
    const weighted = computeFairness(input(yTrue, yPred, [sf], w), { referenceGroup: 'a' });
    const rt: number[] = [];
    const rp: number[] = [];
    const rs: string[] = [];
    w.forEach((k, i) => {
      for (let j = 0; j < k; j++) {
        rt.push(yTrue[i]!);
        rp.push(yPred[i]!);
        rs.push(sf[i]!);
      }
    });
    const repeated = computeFairness(input(rt, rp, [rs]), { referenceGroup: 'a' });
    expect(weighted.groups.a!.count).toBe(4);
    expect(weighted.groups.a!.weight).toBe(repeated.groups.a!.count);
    for (const g of ['a', 'b', 'c']) {
      expect(weighted.groups[g]!.confusion).toEqual(repeated.groups[g]!.confusion);
      expect(weighted.groups[g]!.tpr).toBeCloseTo(repeated.groups[g]!.tpr!, 12);
    }
    expect(weighted.demographicParity.difference).toBeCloseTo(repeated.demographicParity.difference!, 12);
    expect(weighted.vsReference!.c!.averageOddsDifference).toBeCloseTo(repeated.vsReference!.c!.averageOddsDifference!, 12);
  });

  it('several sensitive columns form intersections, named in column order', () => {
    const sex = ['F', 'F', 'M', 'M', 'F', 'M'];
    const race = ['x', 'y', 'x', 'y', 'x', 'x'];
    const r = computeFairness(input([1, 1, 0, 0, 1, 0], [1, 0, 1, 0, 1, 1], [sex, race]));
    expect(r.groupNames).toEqual(['F & x', 'F & y', 'M & x', 'M & y']);
    expect(r.groups['F & x']).toMatchObject({ count: 2, selectionRate: 1, tpr: 1 });
    expect(r.groups['M & x']).toMatchObject({ count: 2, selectionRate: 1, fpr: 1 });
    expect(r.demographicParity.difference).toBe(1);
  });
});

describe('fairness: bootstrap', () => {
  it('the PRNG is deterministic and uniform-ish; quantiles are numpy type 7', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / 1000 - 0.5)).toBeLessThan(0.05);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 12);
  });

  it('same seed → same intervals; another seed → different; intervals contain the point estimate', () => {
    const opts = { seed: 7, replicates: 400, referenceGroup: 'a' };
    const one = bootstrapFairness(golden(), opts);
    expect(bootstrapFairness(golden(), opts)).toEqual(one);
    expect(bootstrapFairness(golden(), { ...opts, seed: 8 }).intervals).not.toEqual(one.intervals);
    expect(one).toMatchObject({ scheme: 'stratified-by-group, percentile', replicates: 400, confidence: 0.95 });
    const sr = one.intervals['groups.a.selectionRate']!;
    expect(sr.low!).toBeLessThanOrEqual(0.75);
    expect(sr.high!).toBeGreaterThanOrEqual(0.75);
    const dp = one.intervals['demographicParity.difference']!;
    expect(dp.low!).toBeLessThanOrEqual(0.25);
    expect(dp.high!).toBeGreaterThan(dp.low!);
    // group a has 2 actual positives: some replicates draw none, so its TPR is sometimes undefined, and counted.
    expect(one.intervals['groups.a.tpr']!.undefinedReplicates).toBeGreaterThan(0);
    expect(one.intervals['vsReference.b.disparateImpact']).toBeDefined();
  });
});

describe('regression by group', () => {
  it('MAE, RMSE and R² per group and overall, weighted, with constant targets undefined', () => {
    const { group, groupNames } = encodeGroups([['a', 'a', 'a', 'b', 'b']]);
    const r = regressionByGroup({
      yTrue: Float64Array.from([1, 2, 3, 5, 5]),
      yPred: Float64Array.from([1, 3, 2, 4, 6]),
      group,
      groupNames,
    });
    // a: errors 0, -1, 1 → MAE 2/3, RMSE √(2/3), SS_tot 2 → R² 0
    expect(r.groups.a).toMatchObject({ count: 3, mae: 2 / 3, r2: 0 });
    expect(r.groups.a!.rmse).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(r.groups.b!.r2).toBeNull();
    expect(r.groups.b!.undefinedReasons.r2).toMatch(/constant/);
    // overall: mean 3.2, SS_tot = 4.84+1.44+0.04+3.24+3.24 = 12.8; SS_res = 4 → R² = 0.6875
    expect(r.overall.r2).toBeCloseTo(0.6875, 12);
    const w = regressionByGroup({
      yTrue: Float64Array.from([1, 2, 3]),
      yPred: Float64Array.from([2, 2, 3]),
      group: new Uint32Array(3),
      groupNames: ['g'],
      weights: Float64Array.from([3, 1, 0]),
    });
    // weighted mean 1.25; SS_tot = 3·0.0625 + 1·0.5625 = 0.75; SS_res = 3 → R² = -3; MAE = 3/4
    expect(w.groups.g!.mae).toBe(0.75);
    expect(w.groups.g!.r2).toBeCloseTo(-3, 12);
  });
});

describe('fairness: group indexes without a name', () => {
  const rows = (group: number[]): BinaryFairnessInput => ({
    yTrue: Uint8Array.from(group.map(() => 1)),
    yPred: Uint8Array.from(group.map((_, i) => i % 2)),
    group: Uint32Array.from(group),
    groupNames: ['a', 'b'],
  });

  it('refuses an index past the names, weighted or not, naming the row', () => {
    expect(() => computeFairness(rows([0, 1, 2, 0]))).toThrow('group index 2 at row 2 has no name');
    expect(() => computeFairness({ ...rows([0, 1, 2, 0]), weights: Float64Array.from([1, 1, 1, 1]) })).toThrow('row 2');
  });

  it('refuses an index so large that shifting it would wrap onto a real group', () => {
    expect(() => computeFairness(rows([0, 1, 2 ** 30, 0]))).toThrow(`group index ${2 ** 30} at row 2 has no name`);
  });

  it('counts 2, 7 or 255 as a positive label like 1', () => {
    const a = computeFairness({
      yTrue: Uint8Array.from([2, 0, 255, 7]),
      yPred: Uint8Array.from([1, 1, 0, 9]),
      group: Uint32Array.from([0, 0, 1, 1]),
      groupNames: ['a', 'b'],
    });
    const b = computeFairness({
      yTrue: Uint8Array.from([1, 0, 1, 1]),
      yPred: Uint8Array.from([1, 1, 0, 1]),
      group: Uint32Array.from([0, 0, 1, 1]),
      groupNames: ['a', 'b'],
    });
    expect(a).toEqual(b);
  });
});
