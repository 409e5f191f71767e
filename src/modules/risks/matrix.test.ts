import { describe, expect, it } from 'vitest';
import {
  acceptanceRule,
  bandOf,
  bandRanges,
  canMove,
  currentScore,
  defaultRiskSettings,
  maxScore,
  riskIssues,
  riskScore,
  statusAfterClearing,
  statusTransitions,
} from './matrix.js';
import { riskSettingsInput, riskStatuses, settingsIssues } from './schema.js';

const m = defaultRiskSettings.matrix;
const base = {
  likelihood: 4,
  impact: 4,
  residualLikelihood: null,
  residualImpact: null,
  treatment: null,
  treatmentJustification: null,
  status: 'identified',
} as const;

describe('scores and bands', () => {
  it('scores likelihood × impact on a 5×5 default matrix with bilingual labels', () => {
    expect(riskScore(3, 4)).toBe(12);
    expect(maxScore(m)).toBe(25);
    expect(m.likelihood.map((l) => l.label.en)).toEqual(['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain']);
    expect(m.impact.map((l) => l.label['zh-HK'])).toEqual(['輕微', '較小', '中等', '重大', '嚴重']);
    expect(defaultRiskSettings.criteria.acceptableMaxScore).toBe(8);
    expect(defaultRiskSettings.reviewCadence).toEqual({ prohibited: 1, high: 6, limited: 12, minimal: 24, out_of_scope: 24 });
  });

  it('puts each score in the last band whose minimum it reaches', () => {
    expect([1, 4, 5, 9, 10, 16, 17, 25].map((s) => bandOf(m, s))).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
    expect(bandRanges(m)).toEqual({
      low: { min: 1, max: 4 },
      medium: { min: 5, max: 9 },
      high: { min: 10, max: 16 },
      critical: { min: 17, max: 25 },
    });
  });

  it('judges acceptance on the residual score when both residual values exist', () => {
    expect(currentScore({ likelihood: 5, impact: 5, residualLikelihood: 2, residualImpact: 3 })).toBe(6);
    expect(currentScore({ likelihood: 5, impact: 5, residualLikelihood: 2, residualImpact: null })).toBe(25);
  });

  it('the default settings pass their own validation', () => {
    expect(settingsIssues(defaultRiskSettings)).toEqual([]);
    expect(riskSettingsInput.safeParse(defaultRiskSettings).success).toBe(true);
  });

  it('refuses bands out of order, not starting at 1, or beyond a smaller matrix', () => {
    const three = { ...m, likelihood: m.likelihood.slice(0, 3), impact: m.impact.slice(0, 3) };
    const issues = settingsIssues({ ...defaultRiskSettings, matrix: three });
    expect(issues.map((i) => i.path)).toEqual(['matrix.bands.2.minScore', 'matrix.bands.3.minScore']);
    const swapped = { ...m, bands: [m.bands[1]!, m.bands[0]!, m.bands[2]!, m.bands[3]!] };
    expect(settingsIssues({ ...defaultRiskSettings, matrix: swapped }).map((i) => i.path)).toEqual([
      'matrix.bands.0.key',
      'matrix.bands.0.minScore',
      'matrix.bands.1.key',
      'matrix.bands.1.minScore',
    ]);
    expect(
      settingsIssues({ ...defaultRiskSettings, criteria: { ...defaultRiskSettings.criteria, acceptableMaxScore: 30 } }).map((i) => i.path),
    ).toEqual(['criteria.acceptableMaxScore']);
  });

  it('accepts sizes 3 to 6 and refuses 2 and 7', () => {
    const levels = (n: number) => Array.from({ length: n }, (_, i) => ({ label: { en: `L${i + 1}`, 'zh-HK': `級${i + 1}` } }));
    const withSize = (n: number) => ({ ...defaultRiskSettings, matrix: { ...m, likelihood: levels(n), impact: levels(n) } });
    expect(riskSettingsInput.safeParse(withSize(6)).success).toBe(true);
    expect(riskSettingsInput.safeParse(withSize(2)).success).toBe(false);
    expect(riskSettingsInput.safeParse(withSize(7)).success).toBe(false);
  });
});

describe('status transitions', () => {
  it('allows forward moves, one step back, closing and reopening; never setting accepted', () => {
    expect(canMove('identified', 'treated')).toBe(true);
    expect(canMove('treated', 'assessed')).toBe(true);
    expect(canMove('treated', 'identified')).toBe(false);
    expect(canMove('closed', 'identified')).toBe(true);
    expect(canMove('closed', 'treated')).toBe(false);
    expect(canMove('accepted', 'treated')).toBe(true);
    for (const s of riskStatuses) {
      expect(canMove(s, s)).toBe(true);
      expect(canMove(s, 'closed') || s === 'closed').toBe(true);
      expect(statusTransitions[s]).not.toContain('accepted');
    }
  });

  it('falls back to treated, or assessed without a treatment, when an acceptance is voided', () => {
    expect(statusAfterClearing('mitigate')).toBe('treated');
    expect(statusAfterClearing(null)).toBe('assessed');
  });
});

describe('acceptance rule', () => {
  const criteria = { acceptableMaxScore: 8, aboveMaximum: 'with_note' as const };
  it('accepts at or below the maximum without a note', () => {
    expect(acceptanceRule(criteria, 8, null)).toEqual({ ok: true, aboveMaximum: false });
  });
  it('needs a note above the maximum, or refuses when nobody may accept', () => {
    expect(acceptanceRule(criteria, 9, null)).toEqual({ ok: false, reason: 'note_required' });
    expect(acceptanceRule(criteria, 9, 'Board decision 2026-11')).toEqual({ ok: true, aboveMaximum: true });
    expect(acceptanceRule({ ...criteria, aboveMaximum: 'nobody' }, 9, 'note')).toEqual({ ok: false, reason: 'forbidden_above_maximum' });
  });
});

describe('risk rules', () => {
  const paths = (r: Parameters<typeof riskIssues>[0]) => riskIssues(r, m).map((i) => i.path);
  it('passes a plain identified risk', () => expect(paths(base)).toEqual([]));
  it('keeps values inside the matrix', () => {
    expect(paths({ ...base, likelihood: 6, impact: 0 })).toEqual(['likelihood', 'impact']);
  });
  it('requires a justification for accept, transfer and avoid but not mitigate', () => {
    for (const t of ['accept', 'transfer', 'avoid'] as const) expect(paths({ ...base, treatment: t })).toEqual(['treatmentJustification']);
    expect(paths({ ...base, treatment: 'mitigate' })).toEqual([]);
  });
  it('allows residual values only with a treatment, both together, and not above inherent', () => {
    expect(paths({ ...base, residualLikelihood: 2, residualImpact: 2 })).toEqual(['treatment']);
    expect(paths({ ...base, treatment: 'mitigate', residualLikelihood: 2 })).toEqual(['residualImpact']);
    expect(paths({ ...base, treatment: 'mitigate', residualLikelihood: 5, residualImpact: 2 })).toEqual(['residualLikelihood']);
    expect(paths({ ...base, treatment: 'mitigate', residualLikelihood: 4, residualImpact: 4 })).toEqual([]);
  });
  it('needs a treatment for the treated status', () => {
    expect(paths({ ...base, status: 'treated' })).toEqual(['treatment']);
  });
});
