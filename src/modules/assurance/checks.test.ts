import { describe, expect, it } from 'vitest';
import type { FairnessReport, GroupFigures } from '../../lib/stats/fairness-report.js';
import { fairnessChecks, fairnessOutcome, fairnessScore } from './checks.js';
import { matchSensitiveColumns } from './column-match.js';

const figures = (count: number, selectionRate: number | null): GroupFigures => ({
  count,
  selectionRate,
  tpr: null,
  fpr: null,
  fnr: null,
  tnr: null,
  ppv: null,
  npv: null,
  accuracy: null,
});

const report: FairnessReport = {
  rows: 220,
  excludedRows: 0,
  groups: { F: figures(100, 0.3), M: figures(100, 0.5), X: figures(20, 0.45) },
  overall: figures(220, 0.4),
  demographicParity: { difference: 0.2, ratio: 0.6 },
  equalizedOdds: { difference: 0.05, ratio: 0.9 },
  equalOpportunity: { difference: null, ratio: null },
};

describe('fairness checks against a profile', () => {
  it('checks aggregates once and disparate impact per group against the highest selection rate', () => {
    const checks = fairnessChecks(
      report,
      {
        metrics: {
          demographicParityRatio: { min: 0.8 },
          equalizedOddsDifference: { max: 0.1 },
          equalOpportunityRatio: { min: 0.8 },
          disparateImpact: { min: 0.8 },
        },
        minGroupSize: 30,
      },
      undefined,
      null,
    );
    expect(checks).toEqual([
      { metric: 'demographicParityRatio', value: 0.6, min: 0.8, pass: false },
      { metric: 'equalizedOddsDifference', value: 0.05, max: 0.1, pass: true },
      { metric: 'equalOpportunityRatio', value: null, min: 0.8, pass: null },
      { metric: 'disparateImpact', group: 'F', value: 0.6, min: 0.8, pass: false, note: 'selection rate against the highest, "M"' },
      {
        metric: 'disparateImpact',
        group: 'X',
        value: 0.9,
        min: 0.8,
        pass: true,
        small: true,
        note: 'selection rate against the highest, "M"',
      },
    ]);
    expect(fairnessOutcome(checks)).toBe('fail');
    expect(fairnessScore(report, checks)).toBe(0.6);
    expect(fairnessOutcome(checks.filter((c) => c.pass !== false))).toBe('pass');
  });

  it('uses the reference comparison when a reference group is given, and says when one is needed', () => {
    const withRef: FairnessReport = {
      ...report,
      vsReference: {
        F: { statisticalParityDifference: -0.2, disparateImpact: 0.6, equalOpportunityDifference: null, averageOddsDifference: 0.01 },
        M: { statisticalParityDifference: 0, disparateImpact: 1, equalOpportunityDifference: 0, averageOddsDifference: 0 },
        X: { statisticalParityDifference: -0.05, disparateImpact: 0.9, equalOpportunityDifference: null, averageOddsDifference: null },
      },
    };
    const thresholds = { metrics: { statisticalParityDifference: { min: -0.1, max: 0.1 } }, minGroupSize: 30 };
    const intervals = {
      scheme: 'stratified-by-group, percentile' as const,
      seed: 1,
      replicates: 10,
      confidence: 0.95,
      intervals: { 'vsReference.F.statisticalParityDifference': { low: -0.3, high: -0.1, undefinedReplicates: 0 } },
    };
    const checks = fairnessChecks(withRef, thresholds, 'M', intervals);
    expect(checks.map((c) => [c.group, c.pass, c.ci ?? null])).toEqual([
      ['F', false, { low: -0.3, high: -0.1 }],
      ['X', true, null],
    ]);
    expect(fairnessChecks(report, thresholds, undefined, null)).toEqual([
      { metric: 'statisticalParityDifference', value: null, min: -0.1, max: 0.1, pass: null, note: 'needs a reference group' },
    ]);
  });
});

describe('matching sensitive columns', () => {
  it('ignores case, spaces and underscores and knows a few synonyms', () => {
    expect(
      matchSensitiveColumns(
        ['id', 'GENDER', 'Marital Status', 'ethnic-origin', 'Disabled', 'pregnant'],
        ['sex', 'marital_status', 'race', 'disability', 'pregnancy', 'family_status'],
      ),
    ).toEqual({
      groups: [
        { column: 'GENDER', attribute: 'sex' },
        { column: 'Marital Status', attribute: 'marital_status' },
        { column: 'ethnic-origin', attribute: 'race' },
        { column: 'Disabled', attribute: 'disability' },
        { column: 'pregnant', attribute: 'pregnancy' },
      ],
      unmatched: ['family_status'],
    });
  });
});
