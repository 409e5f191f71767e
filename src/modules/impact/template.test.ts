import { describe, expect, it } from 'vitest';
import { completeImpactContent } from '../../../tests/support/impact-fixtures.js';
import { impactFieldLabels } from './labels.js';
import { dppIds, impactContent, impactTemplate, missingSections, sectionGaps } from './template.js';

describe('impact assessment template', () => {
  it('has every section of ISO/IEC 42001 6.1.4 / A.5 with bilingual headings and guidance, and covers the ids it serves', () => {
    expect(impactTemplate.map((s) => s.id)).toEqual([
      'system',
      'misuse',
      'affected',
      'benefits',
      'harms',
      'mitigations',
      'oversight',
      'transparency',
      'dataProtection',
      'consultation',
      'residual',
      'conclusion',
    ]);
    expect(Object.keys(impactContent.shape).sort()).toEqual(impactTemplate.map((s) => s.id).sort());
    for (const s of impactTemplate) {
      for (const text of [s.heading.en, s.heading['zh-HK'], s.guidance.en, s.guidance['zh-HK']])
        expect(text.trim().length, s.id).toBeGreaterThan(1);
      expect(s.heading['zh-HK']).toMatch(/[\u4e00-\u9fff]/);
      expect(s.iso.length, s.id).toBeGreaterThan(0);
    }
    const iso = new Set(impactTemplate.flatMap((s) => s.iso));
    for (const id of ['6.1.4', '8.4', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5']) expect(iso.has(id), id).toBe(true);
    expect(impactTemplate.find((s) => s.id === 'dataProtection')?.pdpo).toEqual([...dppIds]);
    expect(impactFieldLabels.title['zh-HK']).toBe('人工智能系統影響評估');
  });

  it('accepts partial content in draft and refuses malformed content with the field paths', () => {
    expect(impactContent.parse({})).toEqual({});
    expect(impactContent.parse({ harms: { privacy: { severity: 3 } } })).toEqual({ harms: { privacy: { severity: 3 } } });
    const bad = impactContent.safeParse({
      harms: { privacy: { severity: 6, likelihood: 2.5 }, luck: {} },
      conclusion: { decision: 'maybe' },
      consultation: { items: [{ who: '', when: '30/11/2026' }] },
      unknownSection: {},
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'harms.privacy.severity',
        'harms.privacy.likelihood',
        'conclusion.decision',
        'consultation.items.0.who',
        'consultation.items.0.when',
      ]),
    );
    expect(bad.error!.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it('lists the required sections that are missing, and none for complete content', () => {
    const empty = missingSections({});
    expect(empty.sections).toEqual(impactTemplate.filter((s) => s.required).map((s) => s.id));
    expect(empty.sections).not.toContain('consultation');
    expect(missingSections(completeImpactContent())).toEqual({ sections: [], fields: [] });

    const partial = completeImpactContent();
    delete partial.harms!.environment;
    partial.dataProtection!.DPP6 = { gaps: 'Not yet decided' };
    partial.conclusion = { decision: 'proceed_with_conditions' };
    const m = missingSections(partial);
    expect(m.sections).toEqual(['harms', 'dataProtection', 'conclusion']);
    expect(m.fields.map((f) => f.path)).toEqual([
      'content.harms.environment.description',
      'content.harms.environment.severity',
      'content.harms.environment.likelihood',
      'content.dataProtection.DPP6.how',
      'content.conclusion.conditions',
    ]);
  });

  it('treats whitespace as empty, and consultation as optional but checkable', () => {
    expect(sectionGaps('misuse', { misuse: { description: '   ' } })).toHaveLength(1);
    expect(sectionGaps('consultation', {})).toEqual([
      { section: 'consultation', path: 'content.consultation.items', message: 'Record who was consulted' },
    ]);
    expect(sectionGaps('conclusion', { conclusion: { decision: 'do_not_proceed' } })).toEqual([]);
  });
});
