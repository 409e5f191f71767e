import type { AnnexIIICode, DateOfApplication, EuRole, ProhibitedPractice } from '../schema.js';

/**
 * The EU AI Act (Regulation (EU) 2024/1689) as data: article references, short paraphrased titles and dates.
 * The decision order lives in classify.ts. Bump RULES_VERSION whenever a table or a rule changes: stored
 * classifications carry it, so a result can be traced to the rules that produced it (ADR 0008).
 */
export const RULES_VERSION = 'eu-ai-act-2024-1689@2026-11-27';

export const prohibitedPractices: Record<ProhibitedPractice, { article: string; title: string }> = {
  subliminalManipulation: { article: 'Art. 5(1)(a)', title: 'subliminal, manipulative or deceptive techniques causing significant harm' },
  exploitsVulnerabilities: {
    article: 'Art. 5(1)(b)',
    title: 'exploiting vulnerabilities of age, disability or social or economic situation',
  },
  socialScoring: { article: 'Art. 5(1)(c)', title: 'social scoring leading to detrimental or disproportionate treatment' },
  crimeRiskProfilingOnly: { article: 'Art. 5(1)(d)', title: 'predicting crime risk solely from profiling or personality traits' },
  untargetedFacialScraping: { article: 'Art. 5(1)(e)', title: 'facial-recognition databases from untargeted scraping' },
  emotionRecognitionWorkplaceOrEducation: {
    article: 'Art. 5(1)(f)',
    title: 'emotion recognition in the workplace or education (no medical or safety reason)',
  },
  biometricCategorisationSensitive: { article: 'Art. 5(1)(g)', title: 'biometric categorisation inferring sensitive characteristics' },
  realTimeRemoteBiometricIdLawEnforcement: {
    article: 'Art. 5(1)(h)',
    title: 'real-time remote biometric identification in public spaces for law enforcement (exceptions not met)',
  },
};

export const annexIIIAreas: Record<string, string> = {
  '1': 'biometrics',
  '2': 'critical infrastructure',
  '3': 'education and vocational training',
  '4': 'employment, workers management and access to self-employment',
  '5': 'access to essential private and public services and benefits',
  '6': 'law enforcement',
  '7': 'migration, asylum and border control',
  '8': 'administration of justice and democratic processes',
};

export const annexIIIPoints: Record<AnnexIIICode, string> = {
  '1a': 'remote biometric identification',
  '1b': 'biometric categorisation by sensitive or protected attributes',
  '1c': 'emotion recognition',
  '2a': 'safety component of critical infrastructure',
  '3a': 'admission or assignment to education and training',
  '3b': 'evaluating learning outcomes',
  '3c': 'assessing the level of education a person can access',
  '3d': 'monitoring prohibited behaviour during tests',
  '4a': 'recruitment or selection of candidates',
  '4b': 'decisions on work relationships, task allocation, monitoring and evaluation of workers',
  '5a': 'eligibility for public assistance benefits and services',
  '5b': 'creditworthiness or credit scoring (not fraud detection)',
  '5c': 'risk assessment and pricing in life and health insurance',
  '5d': 'emergency call classification, dispatch and patient triage',
  '6a': 'risk of a person becoming a victim of crime',
  '6b': 'polygraphs and similar tools in law enforcement',
  '6c': 'reliability of evidence',
  '6d': 'risk of offending or re-offending, personality or past behaviour',
  '6e': 'profiling in the detection, investigation or prosecution of crime',
  '7a': 'polygraphs and similar tools in migration and border control',
  '7b': 'security, irregular-migration or health risk of entrants',
  '7c': 'examining asylum, visa and residence applications',
  '7d': 'detecting, recognising or identifying persons at borders',
  '8a': 'assisting judicial authorities in researching and applying the law',
  '8b': 'influencing elections, referendums or voting behaviour',
};

/** `4a` → `Annex III 4(a)` */
export const annexIIIRef = (code: AnnexIIICode): string => `Annex III ${code[0]}(${code[1]})`;

export const derogationConditions = {
  narrowProceduralTask: { article: 'Art. 6(3)(a)', title: 'performs a narrow procedural task' },
  improvesCompletedHumanActivity: { article: 'Art. 6(3)(b)', title: 'improves the result of a previously completed human activity' },
  detectsPatternsWithoutReplacingHumanAssessment: {
    article: 'Art. 6(3)(c)',
    title: 'detects decision patterns without replacing or influencing the human assessment',
  },
  preparatoryTask: { article: 'Art. 6(3)(d)', title: 'performs a preparatory task to an assessment' },
} as const;

/** Art. 50 paragraphs: who carries the duty. */
export const transparencyDuties = {
  'Art. 50(1)': { appliesTo: 'provider', title: 'Tell people they are interacting with an AI system' },
  'Art. 50(2)': { appliesTo: 'provider', title: 'Mark synthetic audio, image, video or text as AI-generated, machine-readably' },
  'Art. 50(3)': { appliesTo: 'deployer', title: 'Inform people exposed to emotion recognition or biometric categorisation' },
  'Art. 50(4)': { appliesTo: 'deployer', title: 'Disclose deep fakes and AI-generated text published on matters of public interest' },
} as const satisfies Record<string, { appliesTo: EuRole; title: string }>;
export type TransparencyParagraph = keyof typeof transparencyDuties;

type Duty = readonly [article: string, title: string];

/** Duties of a provider of a high-risk system (Art. 16 and the articles it points to). */
export const highRiskProviderDuties: readonly Duty[] = [
  ['Art. 16', 'Provider obligations for high-risk AI systems'],
  ['Art. 16(a)', 'Meet the requirements of Art. 8–15 (risk management, data, documentation, logs, transparency, oversight, accuracy)'],
  ['Art. 17', 'Quality management system'],
  ['Art. 18', 'Keep the documentation for 10 years'],
  ['Art. 19', 'Keep the automatically generated logs'],
  ['Art. 20', 'Corrective actions and duty of information'],
  ['Art. 43', 'Conformity assessment before placing on the market'],
  ['Art. 47', 'EU declaration of conformity'],
  ['Art. 48', 'CE marking'],
  ['Art. 72', 'Post-market monitoring'],
  ['Art. 73', 'Report serious incidents'],
];

export const highRiskDeployerDuties: readonly Duty[] = [['Art. 26', 'Deployer obligations for high-risk AI systems']];
export const importerDuties: readonly Duty[] = [['Art. 23', 'Importer obligations for high-risk AI systems']];
export const distributorDuties: readonly Duty[] = [['Art. 24', 'Distributor obligations for high-risk AI systems']];

export const gpaiTitles: Record<string, string> = {
  'Art. 52(1)': 'Notify the Commission within two weeks that the model meets the systemic-risk threshold',
  'Art. 53': 'GPAI provider obligations: documentation, downstream information, copyright policy, training-content summary',
  'Art. 53(1)(c)': 'Policy to comply with Union copyright law, including text-and-data-mining opt-outs',
  'Art. 53(1)(d)': 'Publish a sufficiently detailed summary of the training content',
  'Art. 54': 'Appoint an authorised representative in the Union (provider established outside the Union)',
  'Art. 55': 'Systemic-risk obligations: evaluation and adversarial testing, risk mitigation, incident reporting, cybersecurity',
};

const OMNIBUS = 'Digital Omnibus on AI (2025/0359(COD))';
const UNVERIFIED = 'Agreed and adopted by Parliament and Council per our sources; publication in the Official Journal not confirmed.';

/** Art. 113 dates, with the pending Omnibus deferrals (reference §2.8). */
export const applicationDates: Record<DateOfApplication['group'], DateOfApplication> = {
  general: {
    group: 'general',
    covers: 'Chapters I and II: general provisions incl. Art. 4 AI literacy',
    appliesFrom: '2025-02-02',
    source: 'Art. 113(a)',
    pendingAmendment: null,
  },
  prohibited: {
    group: 'prohibited',
    covers: 'Art. 5 prohibited practices',
    appliesFrom: '2025-02-02',
    source: 'Art. 113(a)',
    pendingAmendment: null,
  },
  gpai: {
    group: 'gpai',
    covers: 'Chapter V general-purpose AI models (models placed on the market before 2 Aug 2025: by 2 Aug 2027, Art. 111(3))',
    appliesFrom: '2025-08-02',
    source: 'Art. 113(b)',
    pendingAmendment: null,
  },
  transparency: {
    group: 'transparency',
    covers: 'Art. 50 transparency obligations',
    appliesFrom: '2026-08-02',
    source: 'Art. 113 (second paragraph)',
    pendingAmendment: {
      instrument: OMNIBUS,
      appliesFrom: '2026-12-02',
      status: 'pending_unverified',
      note: `Art. 50(2) marking only, for systems placed on the market before 2 Aug 2026; the rest of Art. 50 unchanged. ${UNVERIFIED}`,
    },
  },
  high_risk_annex_iii: {
    group: 'high_risk_annex_iii',
    covers: 'High-risk systems of Annex III (Art. 6(2)) and their obligations',
    appliesFrom: '2026-08-02',
    source: 'Art. 113 (second paragraph)',
    pendingAmendment: { instrument: OMNIBUS, appliesFrom: '2027-12-02', status: 'pending_unverified', note: UNVERIFIED },
  },
  high_risk_annex_i: {
    group: 'high_risk_annex_i',
    covers: 'High-risk systems under Annex I product legislation (Art. 6(1)) and their obligations',
    appliesFrom: '2027-08-02',
    source: 'Art. 113(c)',
    pendingAmendment: { instrument: OMNIBUS, appliesFrom: '2028-08-02', status: 'pending_unverified', note: UNVERIFIED },
  },
};
