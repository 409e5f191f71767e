import { describe, expect, it } from 'vitest';
import { orgFactsOf, suggestFor, suggestionRules, type SystemFacts } from './suggest.js';

const system = (overrides: Partial<SystemFacts> = {}): SystemFacts => ({
  type: 'vendor_saas_ai',
  hosting: 'vendor',
  vendorId: null,
  modelProviders: [],
  dataCategories: ['none'],
  affectedPersons: ['employees'],
  lifecycleStage: 'production',
  ...overrides,
});

describe('orgFactsOf', () => {
  it('counts active systems by what they are, leaving retired ones out', () => {
    const facts = orgFactsOf(
      [
        system({ type: 'in_house_model', hosting: 'on_premises', dataCategories: ['personal'], affectedPersons: ['customers'] }),
        system({ vendorId: 'v1', dataCategories: ['biometric'] }),
        system({ type: 'agent', hosting: 'cloud', modelProviders: ['Provider'], affectedPersons: ['public'] }),
        system({ type: 'in_house_model', lifecycleStage: 'retired', dataCategories: ['personal'] }),
      ],
      2,
    );
    expect(facts).toEqual({
      systems: 3,
      developedSystems: 2,
      vendors: 2,
      thirdPartySystems: 2,
      personalDataSystems: 2,
      externallyFacingSystems: 2,
    });
  });
});

describe('suggestFor', () => {
  const vendorOnly = orgFactsOf([system(), system(), system({ vendorId: 'v1' })], 1);

  it('suggests excluding development controls when every system is acquired, naming the count', () => {
    for (const ref of ['A.6.1.2', 'A.6.2.2', 'A.6.2.3', 'A.6.2.4', 'A.6.2.7']) {
      const s = suggestFor(ref, vendorOnly);
      expect(s).toEqual({
        applicable: false,
        ruleId: 'no-in-house-development',
        reason: {
          en: 'May be excluded because all 3 registered systems are acquired from vendors; none is developed in-house.',
          'zh-HK': '可予排除，因為全部 3 個已登記系統均向供應商取得，並無內部開發的系統。',
        },
        facts: { systems: 3, developedSystems: 0 },
      });
    }
    // deployment, operation and logging apply to acquired systems as well
    expect(suggestFor('A.6.2.6', vendorOnly)).toMatchObject({ applicable: true, ruleId: 'core-control' });
    expect(suggestFor('A.6.2.2', orgFactsOf([system()], 0)).reason.en).toBe(
      'May be excluded because the only registered system is acquired from a vendor; none is developed in-house.',
    );
  });

  it('keeps development controls when one system is developed in-house, or when nothing is registered yet', () => {
    const mixed = orgFactsOf([system(), system({ type: 'in_house_app_third_party_model' })], 0);
    expect(suggestFor('A.6.2.2', mixed)).toMatchObject({ applicable: true, ruleId: 'core-control' });
    expect(suggestFor('A.6.2.2', orgFactsOf([], 0))).toMatchObject({ applicable: true, ruleId: 'core-control' });
  });

  it('suggests excluding suppliers only without vendors and without systems that depend on one', () => {
    const own = orgFactsOf([system({ type: 'in_house_model', hosting: 'on_premises' })], 0);
    expect(suggestFor('A.10.3', own)).toMatchObject({
      applicable: false,
      ruleId: 'no-suppliers',
      facts: { vendors: 0, thirdPartySystems: 0 },
    });
    const withVendor = orgFactsOf([system({ type: 'in_house_model', hosting: 'on_premises' })], 1);
    expect(suggestFor('A.10.3', withVendor).applicable).toBe(true);
    const withProvider = orgFactsOf([system({ type: 'in_house_model', hosting: 'cloud', modelProviders: ['P'] })], 0);
    expect(suggestFor('A.10.3', withProvider).applicable).toBe(true);
  });

  it('includes data controls for personal data even when nothing is developed in-house', () => {
    const facts = orgFactsOf([system({ dataCategories: ['personal'] }), system()], 0);
    const s = suggestFor('A.7.4', facts);
    expect(s).toMatchObject({ applicable: true, ruleId: 'personal-data', facts: { personalDataSystems: 1 } });
    expect(s.reason.en).toBe('Applicable because 1 registered system processes personal data.');
  });

  it('includes impact and information controls for systems that affect customers or the public', () => {
    const facts = orgFactsOf([system({ affectedPersons: ['public'] }), system({ affectedPersons: ['customers'] })], 0);
    for (const ref of ['A.5.2', 'A.5.5', 'A.8.2', 'A.8.5']) {
      expect(suggestFor(ref, facts)).toMatchObject({
        applicable: true,
        ruleId: 'externally-facing',
        facts: { externallyFacingSystems: 2 },
      });
    }
    expect(suggestFor('A.5.2', facts).reason['zh-HK']).toBe('適用，因為有 2 個已登記系統影響客戶或公眾。');
  });

  it('falls back to the core-control rule, and every rule has an id and both languages', () => {
    expect(suggestFor('A.2.2', vendorOnly)).toEqual({
      applicable: true,
      ruleId: 'core-control',
      reason: { en: 'Applicable: a core control of the AI management system.', 'zh-HK': '適用：人工智能管理系統的核心控制措施。' },
      facts: {},
    });
    expect(new Set(suggestionRules.map((r) => r.id)).size).toBe(suggestionRules.length);
    for (const r of suggestionRules) {
      const reason = r.reason(vendorOnly);
      expect(reason.en.length).toBeGreaterThan(10);
      expect(reason['zh-HK']).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
