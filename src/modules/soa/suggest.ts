import type { OrgFacts, SoaSuggestion } from './schema.js';

/**
 * Suggested applicability of each Annex A control, from the organisation's own register. Pure: no I/O. A suggestion
 * is only ever shown; a person accepts it (and may change it) before it becomes part of the statement.
 */

/** What suggestions need to know about one registered AI system (field values of src/modules/systems/schema.ts). */
export interface SystemFacts {
  type: string;
  hosting: string;
  vendorId: string | null;
  modelProviders: readonly string[];
  dataCategories: readonly string[];
  affectedPersons: readonly string[];
  lifecycleStage: string;
}

/** Types the organisation builds itself; an agent counts as built here, since it is usually assembled in-house. */
const developedTypes = new Set(['in_house_model', 'in_house_app_third_party_model', 'agent']);
/** Types that are a supplier's product. */
const acquiredTypes = new Set(['vendor_saas_ai', 'embedded_vendor_feature', 'general_purpose_assistant']);
const personalCategories = new Set(['personal', 'sensitive_personal', 'childrens', 'biometric']);
const externalPersons = new Set(['customers', 'public']);

/** Counts over live systems that are not retired (archived ones are left out by the caller) and live vendors. */
export function orgFactsOf(systems: readonly SystemFacts[], liveVendors: number): OrgFacts {
  const active = systems.filter((s) => s.lifecycleStage !== 'retired');
  const countOf = (test: (s: SystemFacts) => boolean) => active.filter(test).length;
  return {
    systems: active.length,
    developedSystems: countOf((s) => developedTypes.has(s.type)),
    vendors: liveVendors,
    thirdPartySystems: countOf(
      (s) => s.vendorId !== null || s.hosting === 'vendor' || acquiredTypes.has(s.type) || s.modelProviders.length > 0,
    ),
    personalDataSystems: countOf((s) => s.dataCategories.some((c) => personalCategories.has(c))),
    externallyFacingSystems: countOf((s) => s.affectedPersons.some((p) => externalPersons.has(p))),
  };
}

export interface SuggestionRule {
  id: string;
  applicable: boolean;
  /** the controls the rule speaks about; [] means every control (the default rule) */
  controls: readonly string[];
  /** the facts the rule reads, shown with the suggestion */
  uses: readonly (keyof OrgFacts)[];
  when: (f: OrgFacts) => boolean;
  reason: (f: OrgFacts) => { en: string; 'zh-HK': string };
}

/** Development-lifecycle controls; deployment (A.6.2.5), operation (A.6.2.6) and event logs (A.6.2.8) stay: they apply to acquired systems too. */
export const developmentControls = ['A.6.1.2', 'A.6.1.3', 'A.6.2.2', 'A.6.2.3', 'A.6.2.4', 'A.6.2.7'] as const;
export const dataControls = ['A.7.2', 'A.7.3', 'A.7.4', 'A.7.5', 'A.7.6'] as const;
export const impactControls = ['A.5.2', 'A.5.3', 'A.5.4', 'A.5.5'] as const;
export const interestedPartyControls = ['A.8.2', 'A.8.3', 'A.8.4', 'A.8.5'] as const;
export const supplierControls = ['A.10.3'] as const;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The rule table, in order: for each control the first rule that names it and holds wins, then the default.
 * Reasons to include come before reasons to exclude, because leaving out a control that applies is the costlier
 * mistake (e.g. personal data keeps A.7 in even when nothing is developed in-house).
 */
export const suggestionRules: readonly SuggestionRule[] = [
  {
    id: 'personal-data',
    applicable: true,
    controls: dataControls,
    uses: ['personalDataSystems'],
    when: (f) => f.personalDataSystems > 0,
    reason: (f) => ({
      en: `Applicable because ${plural(f.personalDataSystems, 'registered system processes', 'registered systems process')} personal data.`,
      'zh-HK': `適用，因為有 ${f.personalDataSystems} 個已登記系統處理個人資料。`,
    }),
  },
  {
    id: 'externally-facing',
    applicable: true,
    controls: [...impactControls, ...interestedPartyControls],
    uses: ['externallyFacingSystems'],
    when: (f) => f.externallyFacingSystems > 0,
    reason: (f) => ({
      en: `Applicable because ${plural(f.externallyFacingSystems, 'registered system affects', 'registered systems affect')} customers or the public.`,
      'zh-HK': `適用，因為有 ${f.externallyFacingSystems} 個已登記系統影響客戶或公眾。`,
    }),
  },
  {
    id: 'no-in-house-development',
    applicable: false,
    controls: developmentControls,
    uses: ['systems', 'developedSystems'],
    when: (f) => f.systems > 0 && f.developedSystems === 0,
    reason: (f) =>
      f.systems === 1
        ? {
            en: 'May be excluded because the only registered system is acquired from a vendor; none is developed in-house.',
            'zh-HK': '可予排除，因為唯一的已登記系統向供應商取得，並無內部開發的系統。',
          }
        : {
            en: `May be excluded because all ${f.systems} registered systems are acquired from vendors; none is developed in-house.`,
            'zh-HK': `可予排除，因為全部 ${f.systems} 個已登記系統均向供應商取得，並無內部開發的系統。`,
          },
  },
  {
    id: 'no-suppliers',
    applicable: false,
    controls: supplierControls,
    uses: ['vendors', 'thirdPartySystems'],
    when: (f) => f.vendors === 0 && f.thirdPartySystems === 0,
    reason: () => ({
      en: 'May be excluded because no vendors are registered and no registered system depends on a supplier.',
      'zh-HK': '可予排除，因為並無已登記的供應商，亦無已登記系統依賴供應商。',
    }),
  },
  {
    id: 'core-control',
    applicable: true,
    controls: [],
    uses: [],
    when: () => true,
    reason: () => ({
      en: 'Applicable: a core control of the AI management system.',
      'zh-HK': '適用：人工智能管理系統的核心控制措施。',
    }),
  },
];

export function suggestFor(controlRef: string, facts: OrgFacts, rules: readonly SuggestionRule[] = suggestionRules): SoaSuggestion {
  const rule = rules.find((r) => (r.controls.length === 0 || r.controls.includes(controlRef)) && r.when(facts));
  if (!rule) throw new Error(`no suggestion rule holds for ${controlRef}`);
  return {
    applicable: rule.applicable,
    ruleId: rule.id,
    reason: rule.reason(facts),
    facts: Object.fromEntries(rule.uses.map((k) => [k, facts[k]])),
  };
}
