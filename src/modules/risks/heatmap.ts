// Heatmap and summary from grouped counts (pure). Closed risks are in neither map. The inherent map places every
// open risk; the residual map places only risks with both residual values and counts the rest in withoutResidual,
// so that an untreated risk is never shown as if its treatment had worked.
import { bandOf, currentScore, riskScore } from './matrix.js';
import { bandKeys, riskStatuses, type BandKey, type RiskHeatmap, type RiskMatrix, type RiskStatus, type RiskSummary } from './schema.js';

export interface GroupCount {
  likelihood: number;
  impact: number;
  residualLikelihood: number | null;
  residualImpact: number | null;
  status: string;
  n: number;
  /** of n: review date passed */
  overdue: number;
  /** of n: without an owner */
  unowned: number;
}

const zeroBands = (): Record<BandKey, number> => Object.fromEntries(bandKeys.map((k) => [k, 0])) as Record<BandKey, number>;

function emptyCells(m: RiskMatrix) {
  const cells: RiskHeatmap['inherent']['cells'] = [];
  for (let l = 1; l <= m.likelihood.length; l++) {
    for (let i = 1; i <= m.impact.length; i++)
      cells.push({ likelihood: l, impact: i, score: riskScore(l, i), band: bandOf(m, riskScore(l, i)), count: 0 });
  }
  return cells;
}

export function buildHeatmap(m: RiskMatrix, groups: readonly GroupCount[]): RiskHeatmap {
  const inherent = emptyCells(m);
  const residual = emptyCells(m);
  const at = (cells: typeof inherent, l: number, i: number) => cells[(l - 1) * m.impact.length + (i - 1)];
  const inherentBands = zeroBands();
  const residualBands = zeroBands();
  let closed = 0;
  let withoutResidual = 0;
  for (const g of groups) {
    if (g.status === 'closed') {
      closed += g.n;
      continue;
    }
    const ic = at(inherent, g.likelihood, g.impact);
    if (ic) {
      ic.count += g.n;
      inherentBands[ic.band] += g.n;
    }
    const rc =
      g.residualLikelihood !== null && g.residualImpact !== null ? at(residual, g.residualLikelihood, g.residualImpact) : undefined;
    if (rc) {
      rc.count += g.n;
      residualBands[rc.band] += g.n;
    } else withoutResidual += g.n;
  }
  const sum = (b: Record<BandKey, number>) => Object.values(b).reduce((s, v) => s + v, 0);
  return {
    matrix: m,
    inherent: { cells: inherent, byBand: inherentBands, total: sum(inherentBands) },
    residual: { cells: residual, byBand: residualBands, total: sum(residualBands), withoutResidual },
    closed,
  };
}

export function buildSummary(m: RiskMatrix, acceptableMaxScore: number, groups: readonly GroupCount[]): RiskSummary {
  const byStatus = Object.fromEntries(riskStatuses.map((s) => [s, 0])) as Record<RiskStatus, number>;
  const byInherentBand = zeroBands();
  const byCurrentBand = zeroBands();
  let total = 0;
  let aboveAcceptable = 0;
  let overdueReviews = 0;
  let withoutOwner = 0;
  for (const g of groups) {
    total += g.n;
    if (g.status in byStatus) byStatus[g.status as RiskStatus] += g.n;
    if (g.status === 'closed') continue;
    const current = currentScore(g);
    byInherentBand[bandOf(m, riskScore(g.likelihood, g.impact))] += g.n;
    byCurrentBand[bandOf(m, current)] += g.n;
    if (current > acceptableMaxScore && g.status !== 'accepted') aboveAcceptable += g.n;
    overdueReviews += g.overdue;
    withoutOwner += g.unowned;
  }
  return { total, byStatus, byInherentBand, byCurrentBand, aboveAcceptable, overdueReviews, withoutOwner };
}
