import { describe, expect, it } from 'vitest';
import {
  fingerprintChanged,
  reassessmentReason,
  relevantChanges,
  requiredReasons,
  systemFingerprint,
  type RequirementFacts,
} from './rules.js';

describe('system fingerprint', () => {
  const facts = { purpose: 'Screens CVs', models: ['gpt-4o', 'ranker-v2'], dataCategories: ['personal', 'sensitive_personal'] };

  it('is the SHA-256 of the canonical JSON, ignoring the order of models and data categories', () => {
    const fp = systemFingerprint(facts);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(
      systemFingerprint({ ...facts, models: ['ranker-v2', 'gpt-4o', 'gpt-4o'], dataCategories: ['sensitive_personal', 'personal'] }),
    ).toBe(fp);
    // pinned: the canonical form {"dataCategories":[...],"models":[...],"purpose":...} must not drift
    expect(fp).toBe(
      systemFingerprint({ purpose: 'Screens CVs', dataCategories: ['personal', 'sensitive_personal'], models: ['gpt-4o', 'ranker-v2'] }),
    );
  });

  it('changes with the purpose, a model or a data category, and nothing else', () => {
    const fp = systemFingerprint(facts);
    expect(fingerprintChanged(fp, facts)).toBe(false);
    expect(fingerprintChanged(fp, { ...facts, purpose: 'Screens CVs and ranks them' })).toBe(true);
    expect(fingerprintChanged(fp, { ...facts, models: ['gpt-4o'] })).toBe(true);
    expect(fingerprintChanged(fp, { ...facts, dataCategories: ['personal', 'sensitive_personal', 'biometric'] })).toBe(true);
    expect(fingerprintChanged(fp, { ...facts, name: 'Renamed', tags: ['x'] } as typeof facts)).toBe(false);
  });

  it('names the relevant changed fields in the reason, in a fixed order', () => {
    expect(relevantChanges(['tags', 'models', 'purpose', 'name'])).toEqual(['purpose', 'models']);
    expect(relevantChanges(['tags', 'businessUnit'])).toEqual([]);
    expect(reassessmentReason(['purpose', 'models'])).toBe("The system's purpose, model or data categories changed: purpose, models");
    expect(reassessmentReason(['dataCategories'])).toBe("The system's purpose, model or data categories changed: data categories");
  });
});

describe('when an impact assessment is required', () => {
  const base: RequirementFacts = { tier: null, decisionRole: 'informs', affectedPersons: [], dataCategories: [] };

  it('is required for a high-risk system whatever else it does', () => {
    expect(requiredReasons({ ...base, tier: 'high' })).toEqual(['high_risk']);
    for (const tier of ['prohibited', 'limited', 'minimal', 'out_of_scope']) expect(requiredReasons({ ...base, tier })).toEqual([]);
  });

  it('is required when the system recommends or decides about people using personal data', () => {
    for (const decisionRole of ['recommends', 'decides_automatically'])
      for (const person of ['customers', 'employees', 'public'])
        for (const data of ['personal', 'sensitive_personal', 'biometric', 'childrens'])
          expect(requiredReasons({ ...base, decisionRole, affectedPersons: [person], dataCategories: [data] })).toEqual([
            'decides_about_individuals',
          ]);
  });

  it('is not required when any one of role, people or personal data is missing', () => {
    const deciding = { ...base, decisionRole: 'decides_automatically', affectedPersons: ['customers'], dataCategories: ['personal'] };
    expect(requiredReasons({ ...deciding, decisionRole: 'informs' })).toEqual([]);
    expect(requiredReasons({ ...deciding, affectedPersons: [] })).toEqual([]);
    expect(requiredReasons({ ...deciding, dataCategories: ['financial'] })).toEqual([]);
    expect(requiredReasons({ ...deciding, dataCategories: ['none'] })).toEqual([]);
  });

  it('gives both reasons when both apply', () => {
    expect(
      requiredReasons({ tier: 'high', decisionRole: 'recommends', affectedPersons: ['employees'], dataCategories: ['personal'] }),
    ).toEqual(['high_risk', 'decides_about_individuals']);
  });
});
