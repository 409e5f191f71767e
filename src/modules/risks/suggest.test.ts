import { beforeAll, describe, expect, it } from 'vitest';
import { loadFrameworkCatalog } from '../frameworks/load.js';
import { suggestionKeys } from './schema.js';
import { suggestionRules, suggestRisks, type SystemFacts } from './suggest.js';

const plain: SystemFacts = {
  type: 'in_house_model',
  hosting: 'on_premises',
  regionsUsed: ['hong_kong'],
  outputRegions: ['hong_kong'],
  vendorId: null,
  models: [],
  modelProviders: [],
  dataCategories: ['none'],
  affectedPersons: ['employees'],
  decisionRole: 'informs',
  humanOversight: 'human_in_the_loop',
};
const keys = (s: Partial<SystemFacts>) => suggestRisks({ ...plain, ...s }).map((x) => x.key);

describe('risk suggestion rules', () => {
  it('suggests nothing for an in-house, on-premises tool that informs staff without personal data', () => {
    expect(keys({})).toEqual([]);
  });

  it('personal data plus recommendations or automated decisions → privacy and fairness, naming the facts', () => {
    const s = suggestRisks({ ...plain, dataCategories: ['personal'], decisionRole: 'decides_automatically' });
    expect(s.map((x) => x.key)).toEqual(['privacy-automated-decisions', 'fairness-automated-decisions']);
    expect(s[0]!.facts).toEqual([
      { field: 'dataCategories', value: 'personal' },
      { field: 'decisionRole', value: 'decides_automatically' },
    ]);
    expect(keys({ dataCategories: ['personal'], decisionRole: 'recommends' })).toContain('fairness-automated-decisions');
    expect(keys({ dataCategories: ['personal'], decisionRole: 'informs' })).toEqual([]);
    expect(keys({ dataCategories: ['none'], decisionRole: 'decides_automatically' })).toEqual([]);
  });

  it('sensitive, biometric or children’s data → heightened privacy', () => {
    for (const c of ['sensitive_personal', 'biometric', 'childrens'])
      expect(keys({ dataCategories: [c] })).toEqual(['special-category-data']);
    expect(keys({ dataCategories: ['financial'] })).toEqual([]);
  });

  it('vendor hosting, vendor types, a vendor or a third-party model provider → supplier / model change', () => {
    expect(keys({ hosting: 'vendor' })).toEqual(['supplier-model-change']);
    expect(keys({ type: 'in_house_app_third_party_model' })).toEqual(['supplier-model-change']);
    expect(keys({ vendorId: '00000000-0000-4000-8000-000000000001' })).toEqual(['supplier-model-change']);
    const s = suggestRisks({ ...plain, modelProviders: ['OpenAI'] });
    expect(s[0]!.facts).toEqual([{ field: 'modelProviders', value: 'OpenAI' }]);
  });

  it('generative assistants and agents → misinformation', () => {
    expect(keys({ type: 'general_purpose_assistant' })).toEqual(['generative-misinformation']);
    expect(keys({ type: 'agent' })).toEqual(['generative-misinformation']);
  });

  it('outputs used in mainland China or across borders → data transfer', () => {
    expect(suggestRisks({ ...plain, outputRegions: ['mainland_china'] })[0]).toMatchObject({
      key: 'cross-border-transfer',
      facts: [{ field: 'outputRegions', value: 'mainland_china' }],
    });
    expect(keys({ regionsUsed: ['hong_kong'], outputRegions: ['eu'] })).toEqual(['cross-border-transfer']);
    expect(keys({ regionsUsed: ['eu'], outputRegions: ['eu'] })).toEqual([]);
  });

  it('human out of the loop → oversight; customers or the public affected → transparency', () => {
    expect(keys({ humanOversight: 'human_out_of_the_loop' })).toEqual(['oversight-out-of-loop']);
    expect(keys({ humanOversight: 'human_on_the_loop' })).toEqual([]);
    expect(keys({ affectedPersons: ['public'] })).toEqual(['transparency-affected-persons']);
    expect(keys({ affectedPersons: ['customers', 'employees'] })).toEqual(['transparency-affected-persons']);
  });

  it('leaves out keys already added and caps defaults at the matrix size', () => {
    const all = { ...plain, type: 'agent', humanOversight: 'human_out_of_the_loop', dataCategories: ['biometric'] };
    expect(suggestRisks(all, { exclude: new Set(['generative-misinformation']) }).map((x) => x.key)).toEqual([
      'special-category-data',
      'oversight-out-of-loop',
    ]);
    const small = suggestRisks(all, { likelihoodLevels: 3, impactLevels: 3 });
    expect(small.map((s) => [s.likelihood, s.impact])).toEqual([
      [3, 3],
      [3, 3],
      [3, 3],
    ]);
  });

  it('has one rule per key, with bilingual texts', () => {
    expect(suggestionRules.map((r) => r.key)).toEqual([...suggestionKeys]);
    for (const r of suggestionRules) expect(r.title.en && r.title['zh-HK'] && r.description.en && r.description['zh-HK']).toBeTruthy();
  });

  describe('against the ISO/IEC 42001 pack', () => {
    let kinds: Map<string, string>;
    beforeAll(() => {
      const catalog = loadFrameworkCatalog();
      kinds = new Map(catalog.pack('iso-iec-42001-2023')!.requirements.map((r) => [r.id, r.kind]));
    });
    it('names an Annex C risk source and organisational objective in every rule', () => {
      for (const r of suggestionRules) {
        expect(kinds.get(r.riskSource), `${r.key} riskSource ${r.riskSource}`).toBe('risk_source');
        expect(kinds.get(r.objective), `${r.key} objective ${r.objective}`).toBe('organizational_objective');
      }
    });
  });
});
