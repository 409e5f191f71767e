import type { FairnessReport } from '../../lib/stats/fairness-report.js';
import type { FairnessIntervals } from '../../lib/stats/fairness-bootstrap.js';
import { perGroupMetrics, ratioMetrics, type FairnessCheck, type FairnessMetricKey, type Thresholds } from './schema.js';

/**
 * Verdicts of a fairness report against a profile's thresholds. Aggregates are checked once; per-group metrics once
 * per group (not the reference group itself). A figure that is undefined passes nothing and fails nothing
 * (`pass: null`); groups under the minimum size are flagged `small` and still count.
 */

const aggregatePath: Partial<Record<FairnessMetricKey, string>> = {
  demographicParityRatio: 'demographicParity.ratio',
  demographicParityDifference: 'demographicParity.difference',
  equalizedOddsRatio: 'equalizedOdds.ratio',
  equalizedOddsDifference: 'equalizedOdds.difference',
  equalOpportunityRatio: 'equalOpportunity.ratio',
  equalOpportunityDifference: 'equalOpportunity.difference',
};
const vsReferenceField = {
  disparateImpact: 'disparateImpact',
  statisticalParityDifference: 'statisticalParityDifference',
  averageOddsDifference: 'averageOddsDifference',
} as const;

function valueAt(report: FairnessReport, path: string): number | null {
  const [head, tail] = path.split('.') as [keyof FairnessReport, string];
  const part = report[head] as unknown as Record<string, number | null>;
  return part[tail] ?? null;
}

function verdict(value: number | null, b: { min?: number; max?: number }): boolean | null {
  if (value === null) return null;
  return (b.min === undefined || value >= b.min) && (b.max === undefined || value <= b.max);
}

const ciOf = (intervals: FairnessIntervals | null, path: string) => {
  const i = intervals?.intervals[path];
  return i ? { ci: { low: i.low, high: i.high } } : {};
};

export function fairnessChecks(
  report: FairnessReport,
  thresholds: Thresholds,
  referenceGroup: string | undefined,
  intervals: FairnessIntervals | null,
): FairnessCheck[] {
  const checks: FairnessCheck[] = [];
  const groups = Object.keys(report.groups);
  const small = (g: string) => report.groups[g]!.count < thresholds.minGroupSize;
  for (const [key, b] of Object.entries(thresholds.metrics) as [FairnessMetricKey, { min?: number; max?: number }][]) {
    const bounds = { ...(b.min !== undefined ? { min: b.min } : {}), ...(b.max !== undefined ? { max: b.max } : {}) };
    const path = aggregatePath[key];
    if (path) {
      const value = valueAt(report, path);
      checks.push({ metric: key, value, ...bounds, pass: verdict(value, b), ...ciOf(intervals, path) });
      continue;
    }
    if (!perGroupMetrics.has(key)) continue;
    const field = vsReferenceField[key as keyof typeof vsReferenceField];
    if (report.vsReference && referenceGroup !== undefined) {
      for (const g of groups) {
        if (g === referenceGroup) continue;
        const value = report.vsReference[g]?.[field] ?? null;
        checks.push({
          metric: key,
          group: g,
          value,
          ...bounds,
          pass: verdict(value, b),
          ...(small(g) ? { small: true } : {}),
          ...ciOf(intervals, `vsReference.${g}.${field}`),
          note: `against the reference group "${referenceGroup}"`,
        });
      }
      continue;
    }
    if (key !== 'disparateImpact') {
      checks.push({ metric: key, value: null, ...bounds, pass: null, note: 'needs a reference group' });
      continue;
    }
    // Without a reference group: the four-fifths rule's comparison with the group of the highest selection rate.
    const rates = groups.map((g) => [g, report.groups[g]!.selectionRate] as const);
    const best = rates.reduce<readonly [string, number] | null>((m, [g, r]) => (r !== null && (!m || r > m[1]) ? [g, r] : m), null);
    for (const [g, r] of rates) {
      if (best && g === best[0]) continue;
      const value = r === null || !best || best[1] === 0 ? null : r / best[1];
      checks.push({
        metric: key,
        group: g,
        value,
        ...bounds,
        pass: verdict(value, b),
        ...(small(g) ? { small: true } : {}),
        note: best ? `selection rate against the highest, "${best[0]}"` : 'no group has a defined selection rate',
      });
    }
  }
  return checks;
}

/** The headline figure: the worst ratio checked, else the demographic-parity ratio. */
export function fairnessScore(report: FairnessReport, checks: readonly FairnessCheck[]): number | null {
  const ratios = checks.filter((c) => ratioMetrics.has(c.metric) && c.value !== null).map((c) => c.value!);
  return ratios.length ? Math.min(...ratios) : report.demographicParity.ratio;
}

export const fairnessOutcome = (checks: readonly FairnessCheck[]): 'pass' | 'fail' =>
  checks.some((c) => c.pass === false) ? 'fail' : 'pass';
