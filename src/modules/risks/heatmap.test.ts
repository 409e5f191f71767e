import { describe, expect, it } from 'vitest';
import { buildHeatmap, buildSummary, type GroupCount } from './heatmap.js';
import { defaultRiskSettings } from './matrix.js';

const m = defaultRiskSettings.matrix;
const g = (o: Partial<GroupCount>): GroupCount => ({
  likelihood: 3,
  impact: 3,
  residualLikelihood: null,
  residualImpact: null,
  status: 'identified',
  n: 1,
  overdue: 0,
  unowned: 0,
  ...o,
});

describe('heatmap', () => {
  const groups = [
    g({ likelihood: 5, impact: 5, n: 2 }),
    g({ likelihood: 4, impact: 4, residualLikelihood: 2, residualImpact: 2, status: 'treated', n: 3 }),
    g({ likelihood: 1, impact: 1, status: 'closed', n: 4 }),
  ];
  it('places every open risk on the inherent map and only those with residual values on the residual map', () => {
    const h = buildHeatmap(m, groups);
    expect(h.inherent.cells).toHaveLength(25);
    const cell = (cells: typeof h.inherent.cells, l: number, i: number) => cells.find((c) => c.likelihood === l && c.impact === i)!;
    expect(cell(h.inherent.cells, 5, 5)).toEqual({ likelihood: 5, impact: 5, score: 25, band: 'critical', count: 2 });
    expect(cell(h.inherent.cells, 4, 4).count).toBe(3);
    expect(cell(h.residual.cells, 2, 2).count).toBe(3);
    expect(h.inherent.byBand).toEqual({ low: 0, medium: 0, high: 3, critical: 2 });
    expect(h.residual.byBand).toEqual({ low: 3, medium: 0, high: 0, critical: 0 });
    expect(h.inherent.total).toBe(5);
    expect(h.residual).toMatchObject({ total: 3, withoutResidual: 2 });
    expect(h.closed).toBe(4);
  });

  it('summarises by status, band, appetite, overdue reviews and owners', () => {
    const s = buildSummary(m, 8, [
      ...groups,
      g({ likelihood: 5, impact: 4, status: 'accepted', overdue: 1, unowned: 1 }),
      g({ status: 'closed', overdue: 1, unowned: 1 }),
    ]);
    expect(s.total).toBe(11);
    expect(s.byStatus).toEqual({ identified: 2, assessed: 0, treated: 3, accepted: 1, closed: 5 });
    expect(s.byInherentBand).toEqual({ low: 0, medium: 0, high: 3, critical: 3 });
    expect(s.byCurrentBand).toEqual({ low: 3, medium: 0, high: 0, critical: 3 });
    // 5×5 (2 risks) is above 8; the accepted 5×4 is not counted; the treated ones are at 4
    expect(s.aboveAcceptable).toBe(2);
    // closed risks are neither overdue nor missing an owner
    expect(s.overdueReviews).toBe(1);
    expect(s.withoutOwner).toBe(1);
  });
});
