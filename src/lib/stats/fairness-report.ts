import type { FairnessResult, GroupMetrics } from './fairness.js';

/** The `aims fairness --json` shape (issue 5): rates as numbers, or null when undefined. */
export interface FairnessReport {
  rows: number;
  excludedRows: number;
  groups: Record<string, GroupFigures>;
  overall: GroupFigures;
  demographicParity: DifferenceRatio;
  equalizedOdds: DifferenceRatio;
  equalOpportunity: DifferenceRatio;
  vsReference?: Record<
    string,
    {
      statisticalParityDifference: number | null;
      disparateImpact: number | null;
      equalOpportunityDifference: number | null;
      averageOddsDifference: number | null;
    }
  >;
}

export interface GroupFigures {
  count: number;
  selectionRate: number | null;
  tpr: number | null;
  fpr: number | null;
  fnr: number | null;
  tnr: number | null;
  ppv: number | null;
  npv: number | null;
  accuracy: number | null;
}

export interface DifferenceRatio {
  difference: number | null;
  ratio: number | null;
}

function figures(m: GroupMetrics): GroupFigures {
  return {
    count: m.count,
    selectionRate: m.selectionRate,
    tpr: m.tpr,
    fpr: m.fpr,
    fnr: m.fnr,
    tnr: m.tnr,
    ppv: m.ppv,
    npv: m.npv,
    accuracy: m.accuracy,
  };
}

export function fairnessReport(result: FairnessResult, excludedRows: number): FairnessReport {
  const report: FairnessReport = {
    rows: result.overall.count,
    excludedRows,
    groups: Object.fromEntries(result.groupNames.map((name) => [name, figures(result.groups[name]!)])),
    overall: figures(result.overall),
    demographicParity: { difference: result.demographicParity.difference, ratio: result.demographicParity.ratio },
    equalizedOdds: { difference: result.equalizedOdds.difference, ratio: result.equalizedOdds.ratio },
    equalOpportunity: { difference: result.equalOpportunity.difference, ratio: result.equalOpportunity.ratio },
  };
  if (result.vsReference) {
    report.vsReference = Object.fromEntries(
      Object.entries(result.vsReference).map(([name, c]) => [
        name,
        {
          statisticalParityDifference: c.statisticalParityDifference,
          disparateImpact: c.disparateImpact,
          equalOpportunityDifference: c.equalOpportunityDifference,
          averageOddsDifference: c.averageOddsDifference,
        },
      ]),
    );
  }
  return report;
}
