// Pure rules of the risk register: default settings, scores and bands, status transitions, acceptance.
import {
  bandKeys,
  justifiedTreatments,
  type BandKey,
  type RiskMatrix,
  type RiskSettingsData,
  type RiskStatus,
  type Treatment,
} from './schema.js';

export const defaultRiskSettings: RiskSettingsData = {
  matrix: {
    likelihood: [
      { label: { en: 'Rare', 'zh-HK': '罕見' } },
      { label: { en: 'Unlikely', 'zh-HK': '不太可能' } },
      { label: { en: 'Possible', 'zh-HK': '可能' } },
      { label: { en: 'Likely', 'zh-HK': '很可能' } },
      { label: { en: 'Almost certain', 'zh-HK': '幾乎肯定' } },
    ],
    impact: [
      { label: { en: 'Negligible', 'zh-HK': '輕微' } },
      { label: { en: 'Minor', 'zh-HK': '較小' } },
      { label: { en: 'Moderate', 'zh-HK': '中等' } },
      { label: { en: 'Major', 'zh-HK': '重大' } },
      { label: { en: 'Severe', 'zh-HK': '嚴重' } },
    ],
    bands: [
      { key: 'low', name: { en: 'Low', 'zh-HK': '低' }, minScore: 1, color: '#2f9e44' },
      { key: 'medium', name: { en: 'Medium', 'zh-HK': '中' }, minScore: 5, color: '#f08c00' },
      { key: 'high', name: { en: 'High', 'zh-HK': '高' }, minScore: 10, color: '#e8590c' },
      { key: 'critical', name: { en: 'Critical', 'zh-HK': '極高' }, minScore: 17, color: '#c92a2a' },
    ],
  },
  criteria: {
    acceptableMaxScore: 8,
    aboveMaximum: 'with_note',
    statement:
      'Risks scoring up to 8 (low, or medium at most "possible × moderate") may be accepted by the risk owner. ' +
      'Higher risks are treated; accepting one needs a holder of the risk acceptance right and a written reason.',
  },
  reviewCadence: { prohibited: 1, high: 6, limited: 12, minimal: 24, out_of_scope: 24 },
};

export const riskScore = (likelihood: number, impact: number): number => likelihood * impact;

export const maxScore = (m: RiskMatrix): number => m.likelihood.length * m.impact.length;

/** The band of a score: the last band whose minimum it reaches (bands rise in order, the first starts at 1). */
export function bandOf(m: RiskMatrix, score: number): BandKey {
  let key: BandKey = bandKeys[0];
  for (const b of m.bands) if (score >= b.minScore) key = b.key;
  return key;
}

/** Each band's score range [min, max], for filtering in SQL. */
export function bandRanges(m: RiskMatrix): Record<BandKey, { min: number; max: number }> {
  const top = maxScore(m);
  return Object.fromEntries(m.bands.map((b, i) => [b.key, { min: b.minScore, max: (m.bands[i + 1]?.minScore ?? top + 1) - 1 }])) as Record<
    BandKey,
    { min: number; max: number }
  >;
}

/**
 * Allowed status moves through PATCH. Forward through identified → assessed → treated (steps may be skipped), one
 * step back, anything may be closed, and a closed risk reopens as identified. `accepted` is reached only through the
 * acceptance route; moving an accepted risk back to treated withdraws the acceptance.
 */
export const statusTransitions: Record<RiskStatus, readonly Exclude<RiskStatus, 'accepted'>[]> = {
  identified: ['assessed', 'treated', 'closed'],
  assessed: ['identified', 'treated', 'closed'],
  treated: ['assessed', 'closed'],
  accepted: ['treated', 'closed'],
  closed: ['identified'],
};

export const canMove = (from: RiskStatus, to: RiskStatus): boolean =>
  from === to || (statusTransitions[from] as readonly RiskStatus[]).includes(to);

/** Statuses from which a risk may be accepted (again, to re-affirm it at a review). */
export const acceptableFrom: readonly RiskStatus[] = ['assessed', 'treated', 'accepted'];

/** The status an accepted risk falls back to when a change voids its acceptance. */
export const statusAfterClearing = (treatment: Treatment | null): RiskStatus => (treatment ? 'treated' : 'assessed');

/** The fields whose change voids an acceptance: what was accepted is no longer what is recorded. */
export const acceptanceFields = ['likelihood', 'impact', 'residualLikelihood', 'residualImpact', 'treatment'] as const;

export interface ScoredRisk {
  likelihood: number;
  impact: number;
  residualLikelihood: number | null;
  residualImpact: number | null;
}

/** The score that acceptance is judged on: residual when both residual values are recorded, else inherent. */
export function currentScore(r: ScoredRisk): number {
  return r.residualLikelihood !== null && r.residualImpact !== null
    ? riskScore(r.residualLikelihood, r.residualImpact)
    : riskScore(r.likelihood, r.impact);
}

export type AcceptanceRule = { ok: true; aboveMaximum: boolean } | { ok: false; reason: 'forbidden_above_maximum' | 'note_required' };

/** Whether a risk with this current score may be accepted under the criteria, with or without a note. */
export function acceptanceRule(
  criteria: { acceptableMaxScore: number; aboveMaximum: 'nobody' | 'with_note' },
  score: number,
  note: string | null,
): AcceptanceRule {
  if (score <= criteria.acceptableMaxScore) return { ok: true, aboveMaximum: false };
  if (criteria.aboveMaximum === 'nobody') return { ok: false, reason: 'forbidden_above_maximum' };
  return note ? { ok: true, aboveMaximum: true } : { ok: false, reason: 'note_required' };
}

export interface RiskFieldsForRules extends ScoredRisk {
  treatment: Treatment | null;
  treatmentJustification: string | null;
  status: RiskStatus;
}

/** Rules on a risk's merged record against the matrix; one issue per field, empty when valid. */
export function riskIssues(r: RiskFieldsForRules, m: RiskMatrix): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const L = m.likelihood.length;
  const I = m.impact.length;
  const within = (path: string, v: number | null, n: number, what: string) => {
    if (v !== null && (v < 1 || v > n)) issues.push({ path, message: `${what} must be between 1 and ${n} on this matrix` });
  };
  within('likelihood', r.likelihood, L, 'Likelihood');
  within('impact', r.impact, I, 'Impact');
  within('residualLikelihood', r.residualLikelihood, L, 'Residual likelihood');
  within('residualImpact', r.residualImpact, I, 'Residual impact');
  if (r.treatment && justifiedTreatments.includes(r.treatment) && !r.treatmentJustification) {
    issues.push({ path: 'treatmentJustification', message: `Explain why the risk is treated by "${r.treatment}"` });
  }
  const hasResidual = r.residualLikelihood !== null || r.residualImpact !== null;
  if (hasResidual && !r.treatment) {
    issues.push({ path: 'treatment', message: 'Choose a treatment before recording residual likelihood and impact' });
  }
  if (hasResidual && (r.residualLikelihood === null || r.residualImpact === null)) {
    const missing = r.residualLikelihood === null ? 'residualLikelihood' : 'residualImpact';
    issues.push({ path: missing, message: 'Give both residual likelihood and residual impact' });
  }
  if (r.residualLikelihood !== null && r.residualLikelihood > r.likelihood) {
    issues.push({ path: 'residualLikelihood', message: `Residual likelihood cannot be above the inherent likelihood (${r.likelihood})` });
  }
  if (r.residualImpact !== null && r.residualImpact > r.impact) {
    issues.push({ path: 'residualImpact', message: `Residual impact cannot be above the inherent impact (${r.impact})` });
  }
  if (r.status === 'treated' && !r.treatment) {
    issues.push({ path: 'treatment', message: 'A treated risk needs a treatment' });
  }
  return dedupe(issues);
}

function dedupe(issues: { path: string; message: string }[]) {
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(i.path + i.message) && !!seen.add(i.path + i.message));
}
