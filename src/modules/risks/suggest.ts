// Suggested risks from a system's register attributes: a rule table, each rule naming the facts that triggered it.
// Risk sources and objectives are ids of ISO/IEC 42001 Annex C in the pack 'iso-iec-42001-2023'
// (C.2.x organisational objectives, C.3.x risk sources); suggest.test.ts checks them against the pack.
import type { RiskSuggestion, SuggestionKey } from './schema.js';

/** The register attributes the rules read (a subset of a system record). */
export interface SystemFacts {
  type: string;
  hosting: string;
  regionsUsed: readonly string[];
  outputRegions: readonly string[];
  vendorId: string | null;
  models: readonly string[];
  modelProviders: readonly string[];
  dataCategories: readonly string[];
  affectedPersons: readonly string[];
  decisionRole: string;
  humanOversight: string;
}

type Fact = { field: string; value: string };
type Text = { en: string; 'zh-HK': string };

interface Rule {
  key: SuggestionKey;
  title: Text;
  description: Text;
  riskSource: string;
  objective: string;
  likelihood: number;
  impact: number;
  /** the facts that trigger the rule, or null when it does not apply */
  when: (s: SystemFacts) => Fact[] | null;
}

const PERSONAL = ['personal', 'sensitive_personal', 'childrens', 'biometric', 'financial'];
const SPECIAL = ['sensitive_personal', 'biometric', 'childrens'];
const VENDOR_TYPES = ['vendor_saas_ai', 'embedded_vendor_feature', 'in_house_app_third_party_model'];
const GENERATIVE_TYPES = ['general_purpose_assistant', 'agent'];

const among = (field: string, values: readonly string[], wanted: readonly string[]): Fact[] =>
  values.filter((v) => wanted.includes(v)).map((value) => ({ field, value }));
const orNull = (facts: Fact[]): Fact[] | null => (facts.length ? facts : null);

/** Personal data in a system that recommends or decides: the data facts plus the decision role. */
function personalDecisions(s: SystemFacts): Fact[] | null {
  const data = among('dataCategories', s.dataCategories, PERSONAL);
  if (!data.length || (s.decisionRole !== 'recommends' && s.decisionRole !== 'decides_automatically')) return null;
  return [...data, { field: 'decisionRole', value: s.decisionRole }];
}

export const suggestionRules: readonly Rule[] = [
  {
    key: 'privacy-automated-decisions',
    title: { en: 'Misuse of personal data in AI-assisted decisions', 'zh-HK': '人工智能輔助決策中不當使用個人資料' },
    description: {
      en: 'Personal data feeds recommendations or decisions about people: it may be used beyond its collection purpose, kept too long or inferred into new personal data.',
      'zh-HK': '個人資料用於對個人作出建議或決定：資料可能被用於收集目的以外、保留過久，或被推斷出新的個人資料。',
    },
    riskSource: 'C.3.3',
    objective: 'C.2.7',
    likelihood: 3,
    impact: 4,
    when: personalDecisions,
  },
  {
    key: 'fairness-automated-decisions',
    title: { en: 'Unfair or biased outcomes for individuals', 'zh-HK': '對個人造成不公平或帶偏見的結果' },
    description: {
      en: 'Recommendations or decisions about people may treat groups differently because of bias in training data or model behaviour.',
      'zh-HK': '對個人的建議或決定可能因訓練資料或模型行為中的偏見而對不同群體有差別對待。',
    },
    riskSource: 'C.3.4',
    objective: 'C.2.5',
    likelihood: 3,
    impact: 4,
    when: personalDecisions,
  },
  {
    key: 'special-category-data',
    title: { en: 'Harm from processing sensitive, biometric or children’s data', 'zh-HK': '處理敏感、生物特徵或兒童資料所造成的損害' },
    description: {
      en: 'The system processes data whose disclosure or misuse causes serious harm; it needs heightened privacy protection and a privacy impact assessment.',
      'zh-HK': '系統處理一旦外洩或被誤用便會造成嚴重損害的資料，需要加強私隱保障及進行私隱影響評估。',
    },
    riskSource: 'C.3.4',
    objective: 'C.2.7',
    likelihood: 3,
    impact: 5,
    when: (s) => orNull(among('dataCategories', s.dataCategories, SPECIAL)),
  },
  {
    key: 'supplier-model-change',
    title: { en: 'Unannounced change or failure of a supplier’s model', 'zh-HK': '供應商模型未經通知的變更或故障' },
    description: {
      en: 'A vendor-hosted service or third-party model may change, degrade or be withdrawn without notice, altering the system’s behaviour.',
      'zh-HK': '由供應商託管的服務或第三方模型可能在未經通知下變更、退化或停止提供，改變系統的行為。',
    },
    riskSource: 'C.3.6',
    objective: 'C.2.6',
    likelihood: 3,
    impact: 3,
    when: (s) => {
      const facts: Fact[] = [];
      if (s.hosting === 'vendor') facts.push({ field: 'hosting', value: 'vendor' });
      if (VENDOR_TYPES.includes(s.type)) facts.push({ field: 'type', value: s.type });
      if (s.vendorId) facts.push({ field: 'vendorId', value: s.vendorId });
      for (const p of s.modelProviders) facts.push({ field: 'modelProviders', value: p });
      return orNull(facts);
    },
  },
  {
    key: 'generative-misinformation',
    title: { en: 'Inaccurate or fabricated generated content', 'zh-HK': '生成不準確或虛構的內容' },
    description: {
      en: 'Generated answers may be wrong but convincing (hallucination) and spread misinformation to staff or customers.',
      'zh-HK': '生成的答案可能錯誤但看似可信（幻覺），向員工或客戶散播錯誤資訊。',
    },
    riskSource: 'C.3.4',
    objective: 'C.2.8',
    likelihood: 4,
    impact: 3,
    when: (s) => (GENERATIVE_TYPES.includes(s.type) ? [{ field: 'type', value: s.type }] : null),
  },
  {
    key: 'cross-border-transfer',
    title: { en: 'Unlawful cross-border transfer of data', 'zh-HK': '不合法的跨境資料轉移' },
    description: {
      en: 'Inputs or outputs move between jurisdictions (for example to or from mainland China), which may breach transfer rules or expose data to foreign access.',
      'zh-HK': '輸入或輸出在不同司法管轄區之間流轉（例如往返中國內地），可能違反資料轉移規定或令資料受外地查閱。',
    },
    riskSource: 'C.3.1',
    objective: 'C.2.7',
    likelihood: 3,
    impact: 4,
    when: (s) => {
      const regions = new Set([...s.regionsUsed, ...s.outputRegions]);
      const facts: Fact[] = [
        ...among('regionsUsed', s.regionsUsed, ['mainland_china']),
        ...among('outputRegions', s.outputRegions, ['mainland_china']),
      ];
      if (!facts.length && regions.size > 1) {
        facts.push(...s.regionsUsed.map((value) => ({ field: 'regionsUsed', value })));
        facts.push(...s.outputRegions.map((value) => ({ field: 'outputRegions', value })));
      }
      return orNull(facts);
    },
  },
  {
    key: 'oversight-out-of-loop',
    title: { en: 'Errors go unnoticed without human oversight', 'zh-HK': '缺乏人為監督以致錯誤未被察覺' },
    description: {
      en: 'No person reviews outputs before they take effect, so errors, drift or misuse may reach people before anyone can intervene.',
      'zh-HK': '輸出生效前沒有人審閱，錯誤、漂移或誤用可能在有人介入之前已影響他人。',
    },
    riskSource: 'C.3.3',
    objective: 'C.2.1',
    likelihood: 3,
    impact: 4,
    when: (s) => (s.humanOversight === 'human_out_of_the_loop' ? [{ field: 'humanOversight', value: s.humanOversight }] : null),
  },
  {
    key: 'transparency-affected-persons',
    title: { en: 'People are not told that AI affects them', 'zh-HK': '受影響人士未獲告知涉及人工智能' },
    description: {
      en: 'Customers or the public interact with or are affected by the system without being told, or cannot get an explanation of outcomes.',
      'zh-HK': '客戶或公眾在不知情下與系統互動或受其影響，或無法獲得結果的解釋。',
    },
    riskSource: 'C.3.2',
    objective: 'C.2.11',
    likelihood: 3,
    impact: 3,
    when: (s) => orNull(among('affectedPersons', s.affectedPersons, ['customers', 'public'])),
  },
];

/**
 * The suggestions for a system, leaving out keys already in its register. Default likelihood and impact are capped
 * at the organisation's matrix size.
 */
export function suggestRisks(
  system: SystemFacts,
  options: { exclude?: ReadonlySet<string>; likelihoodLevels?: number; impactLevels?: number } = {},
): RiskSuggestion[] {
  const out: RiskSuggestion[] = [];
  for (const rule of suggestionRules) {
    if (options.exclude?.has(rule.key)) continue;
    const facts = rule.when(system);
    if (!facts) continue;
    out.push({
      key: rule.key,
      title: rule.title,
      description: rule.description,
      riskSource: rule.riskSource,
      objective: rule.objective,
      likelihood: Math.min(rule.likelihood, options.likelihoodLevels ?? rule.likelihood),
      impact: Math.min(rule.impact, options.impactLevels ?? rule.impact),
      facts,
    });
  }
  return out;
}
