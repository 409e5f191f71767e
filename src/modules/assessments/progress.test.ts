import { describe, expect, it } from 'vitest';
import type { FrameworkPack } from '../frameworks/schema.js';
import { breakdown, figures } from './progress.js';

const req = (id: string, parent: string | null, components: FrameworkPack['requirements'][number]['components'] = ['policy']) => ({
  id,
  parent,
  kind: 'clause' as const,
  title: { en: id, 'zh-HK': id },
  paraphrase: null,
  assessable: parent !== null,
  components,
  weight: 2,
  reference: id,
  guidance: null,
});

describe('progress', () => {
  it('leaves not-applicable requirements out of compliance and counts half for partly met', () => {
    expect(figures(['met', 'partially_met', 'not_applicable', 'not_assessed'])).toMatchObject({
      total: 4,
      completion: 0.75,
      compliance: 0.5,
    });
    expect(figures(['not_applicable']).compliance).toBeNull();
    expect(figures([])).toMatchObject({ total: 0, completion: 0, compliance: null });
  });

  it('groups by top-level clause, however deep, and by component', () => {
    const pack: FrameworkPack = {
      id: 'p',
      version: '1',
      kind: 'standard',
      title: { en: 'P', 'zh-HK': 'P' },
      publisher: 'x',
      source: { title: 'x', url: 'https://example.org' },
      requirements: [req('4', null), req('4.1', '4'), req('4.1.1', '4.1', ['risk']), req('5', null), req('5.1', '5', ['policy', 'risk'])],
    };
    const view = breakdown(
      pack,
      new Map([
        ['4.1', 'met'],
        ['4.1.1', 'gap'],
        ['5.1', 'met'],
      ]),
    );
    expect(view.byClause.map((c) => [c.id, c.total, c.counts.met])).toEqual([
      ['4', 2, 1],
      ['5', 1, 1],
    ]);
    expect(Object.fromEntries(view.byComponent.map((c) => [c.component, c.total]))).toEqual({ policy: 2, risk: 2 });
  });
});
