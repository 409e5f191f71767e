import { z } from 'zod';
import '../../lib/zod-messages.js';

/**
 * Contracts of the risk classifiers (issue 4): the EU AI Act classifier and the Hong Kong view. Shared by the API,
 * the CLI and the web app (no node imports here). Inputs are strict: an unknown key is an error, so that a typo such
 * as `annexIIII` or `deepfake` surfaces instead of silently answering "minimal".
 */

const flag = z.boolean().default(false);
/**
 * A group of yes/no answers: every answer optional (missing → false), unknown answers refused. `{} as never`:
 * TypeScript cannot see that an object of all-optional booleans accepts `{}` for a generic K.
 */
const flags = <K extends string>(keys: readonly K[]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, flag])) as Record<K, typeof flag>).prefault({} as never);

export const euRoles = ['provider', 'deployer', 'importer', 'distributor'] as const;
export type EuRole = (typeof euRoles)[number];

/** Annex III points as codes: area number + point letter. */
export const annexIIICodes = [
  '1a',
  '1b',
  '1c',
  '2a',
  '3a',
  '3b',
  '3c',
  '3d',
  '4a',
  '4b',
  '5a',
  '5b',
  '5c',
  '5d',
  '6a',
  '6b',
  '6c',
  '6d',
  '6e',
  '7a',
  '7b',
  '7c',
  '7d',
  '8a',
  '8b',
] as const;
export type AnnexIIICode = (typeof annexIIICodes)[number];

export const prohibitedPracticeKeys = [
  'subliminalManipulation',
  'exploitsVulnerabilities',
  'socialScoring',
  'crimeRiskProfilingOnly',
  'untargetedFacialScraping',
  'emotionRecognitionWorkplaceOrEducation',
  'biometricCategorisationSensitive',
  'realTimeRemoteBiometricIdLawEnforcement',
] as const;
export type ProhibitedPractice = (typeof prohibitedPracticeKeys)[number];

export const derogationKeys = [
  'narrowProceduralTask',
  'improvesCompletedHumanActivity',
  'detectsPatternsWithoutReplacingHumanAssessment',
  'preparatoryTask',
] as const;

export const euAiActInput = z.strictObject({
  role: z.enum(euRoles).optional(),
  euNexus: flags(['placedOnEuMarket', 'establishedInEu', 'outputUsedInEu'] as const),
  exclusions: flags(['militaryDefenceNationalSecurity', 'scientificResearchOnly', 'personalNonProfessionalUse'] as const),
  prohibitedPractices: flags(prohibitedPracticeKeys),
  annexI: flags(['safetyComponentOrProduct', 'thirdPartyConformityAssessment'] as const),
  annexIII: z
    .array(z.enum(annexIIICodes, { message: `Unknown Annex III point; use one of: ${annexIIICodes.join(', ')}` }))
    .max(annexIIICodes.length * 2)
    .default([]),
  derogation: flags(derogationKeys),
  profilesNaturalPersons: flag,
  deployerIsPublicBodyOrPublicService: flag,
  transparency: flags([
    'interactsWithNaturalPersons',
    'generatesSyntheticContent',
    'emotionRecognitionOrBiometricCategorisation',
    'deepFake',
    'publicInterestText',
    'humanEditorialControl',
  ] as const),
  gpai: flags(['isGpaiModel', 'systemicRisk', 'openSource'] as const),
});
/** What callers send: every field optional. */
export type EuAiActInput = z.input<typeof euAiActInput>;
/** After parsing: every answer present. */
export type EuAiActAnswers = z.output<typeof euAiActInput>;

export const euTiers = ['prohibited', 'high', 'limited', 'minimal', 'out_of_scope'] as const;
export type EuTier = (typeof euTiers)[number];
export type IndicativeTier = Exclude<EuTier, 'out_of_scope'>;

export const euObligation = z.object({
  article: z.string(),
  title: z.string(),
  appliesTo: z.enum(euRoles),
});
export type EuObligation = z.infer<typeof euObligation>;

export const explanationStep = z.object({
  /** the article (or annex point) the step applied */
  article: z.string(),
  /** the answer the step took, short: "yes", "no", "Annex III 4(a)" … */
  answer: z.string(),
  /** the step as a sentence */
  text: z.string(),
});
export type ExplanationStep = z.infer<typeof explanationStep>;

export const applicationGroups = ['general', 'prohibited', 'gpai', 'transparency', 'high_risk_annex_iii', 'high_risk_annex_i'] as const;

export const dateOfApplication = z.object({
  group: z.enum(applicationGroups),
  /** what applies, in words */
  covers: z.string(),
  /** ISO date, as Regulation (EU) 2024/1689 was adopted */
  appliesFrom: z.string(),
  source: z.string(),
  /** an amendment that is agreed but not confirmed in the Official Journal by our sources */
  pendingAmendment: z
    .object({
      instrument: z.string(),
      appliesFrom: z.string(),
      status: z.literal('pending_unverified'),
      note: z.string(),
    })
    .nullable(),
});
export type DateOfApplication = z.infer<typeof dateOfApplication>;

export const euAiActResult = z.object({
  rulesVersion: z.string(),
  inScope: z.boolean(),
  tier: z.enum(euTiers),
  indicativeTier: z.enum(['prohibited', 'high', 'limited', 'minimal']),
  basis: z.array(z.string()),
  /** the basis of indicativeTier (equals basis when the system is in scope) */
  indicativeBasis: z.array(z.string()),
  highRiskRoute: z.enum(['annex_i', 'annex_iii']).nullable(),
  derogationApplied: z.boolean(),
  transparencyObligations: z.array(z.string()),
  gpaiObligations: z.array(z.string()),
  obligations: z.array(euObligation),
  explanation: z.array(explanationStep),
  datesOfApplication: z.array(dateOfApplication),
});
export type EuAiActResult = z.infer<typeof euAiActResult>;

export const BATCH_MAX = 10_000;
export const euAiActBatchInput = z.strictObject({
  items: z.array(euAiActInput).min(1, 'Send at least one item').max(BATCH_MAX, `At most ${BATCH_MAX} items per batch`),
});
export const euAiActBatchResult = z.object({ rulesVersion: z.string(), results: z.array(euAiActResult) });

// ---- Hong Kong view -------------------------------------------------------------------------------------------

export const hongKongInput = z.strictObject({
  /** PCPD Model Framework (2024) §2.1 risk factors, as yes/no answers */
  pcpd: flags([
    'processesPersonalData',
    /** e.g. biometric, health, financial data, or data of children */
    'sensitivePersonalData',
    'largeVolumeOfPersonalData',
    /** the system makes, or materially informs, decisions about individuals */
    'decisionsAboutIndividuals',
    /** legal or similarly significant effects: credit, employment, insurance, access to services */
    'significantImpactOnRights',
    /** harm that is hard to reverse or correct */
    'irreversibleEffects',
    /** children, the elderly or other vulnerable people are affected */
    'vulnerableGroups',
  ] as const),
  /** SFC circular 24EC55 (12 Nov 2024) on AI language models */
  sfc: flags([
    'licensedCorporation',
    'usesAiLanguageModel',
    'investmentRecommendations',
    'investmentAdvice',
    'investmentResearch',
  ] as const),
  /** HKMA: 2019 principles and the 19 Aug 2024 GenAI consumer-protection circular */
  hkma: flags(['authorisedInstitution', 'customerFacing', 'generativeAi'] as const),
});
export type HongKongInput = z.input<typeof hongKongInput>;
export type HongKongAnswers = z.output<typeof hongKongInput>;

export const bilingualReason = z.object({
  en: z.string(),
  'zh-HK': z.string(),
  /** the document the reason rests on */
  source: z.string(),
});
export type BilingualReason = z.infer<typeof bilingualReason>;

export const pcpdRiskLevels = ['low', 'medium', 'high'] as const;
export const pcpdOversight = ['human-out-of-the-loop', 'human-in-command', 'human-in-the-loop'] as const;

export const hongKongResult = z.object({
  rulesVersion: z.string(),
  pcpd: z.object({ riskLevel: z.enum(pcpdRiskLevels), oversight: z.enum(pcpdOversight), reasons: z.array(bilingualReason) }),
  sfc: z.object({ applicable: z.boolean(), highRisk: z.boolean(), reasons: z.array(bilingualReason) }),
  hkma: z.object({ applicable: z.boolean(), customerFacingGenAi: z.boolean(), reasons: z.array(bilingualReason) }),
});
export type HongKongResult = z.infer<typeof hongKongResult>;
