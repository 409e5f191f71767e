import type { EuAiActInput, HongKongInput } from '../classification/schema.js';

/** The register facts the wizard can start from. */
export interface RegisterFacts {
  type: string;
  regionsUsed: readonly string[];
  outputRegions: readonly string[];
  dataCategories: readonly string[];
  affectedPersons: readonly string[];
  decisionRole: string;
  vendorId: string | null;
}

const assistantTypes = new Set(['general_purpose_assistant', 'agent', 'in_house_app_third_party_model']);

/**
 * Answers suggested from the register, each with the fact behind it. Only what the register really says is
 * answered; everything the register cannot know (prohibited practices, Annex III areas) is left for a person.
 */
export function suggestAnswers(f: RegisterFacts): { eu: EuAiActInput; hk: HongKongInput; reasons: { answer: string; reason: string }[] } {
  const reasons: { answer: string; reason: string }[] = [];
  const eu: EuAiActInput = {};
  const hk: HongKongInput = {};
  // A system bought from a vendor is used, not provided, by the organisation.
  eu.role = f.vendorId || f.type === 'vendor_saas_ai' || f.type === 'embedded_vendor_feature' ? 'deployer' : 'provider';
  reasons.push({
    answer: `role: ${eu.role}`,
    reason: f.vendorId ? 'the system comes from a vendor' : 'the system is built or run in-house',
  });
  if (f.regionsUsed.includes('eu') || f.outputRegions.includes('eu')) {
    eu.euNexus = { outputUsedInEu: f.outputRegions.includes('eu'), placedOnEuMarket: false, establishedInEu: false };
    if (f.regionsUsed.includes('eu') && !f.outputRegions.includes('eu')) eu.euNexus.placedOnEuMarket = true;
    reasons.push({ answer: 'EU nexus', reason: 'the register lists the EU among the regions used or receiving output' });
  }
  const people = f.affectedPersons.length > 0;
  if (f.decisionRole !== 'informs' && people && f.dataCategories.some((c) => c !== 'none')) {
    eu.profilesNaturalPersons = true;
    reasons.push({ answer: 'profiles natural persons', reason: `it ${f.decisionRole.replace('_', ' ')} about people using their data` });
  }
  if (assistantTypes.has(f.type) && (f.affectedPersons.includes('customers') || f.affectedPersons.includes('public'))) {
    eu.transparency = { interactsWithNaturalPersons: true };
    reasons.push({ answer: 'interacts with natural persons', reason: 'an assistant or agent used with customers or the public' });
  }
  const personal = f.dataCategories.filter((c) => c !== 'none');
  hk.pcpd = {
    processesPersonalData: personal.length > 0,
    sensitivePersonalData: personal.some((c) => ['sensitive_personal', 'biometric', 'childrens', 'financial'].includes(c)),
    decisionsAboutIndividuals: f.decisionRole !== 'informs' && people,
    vulnerableGroups: personal.includes('childrens'),
  };
  if (personal.length) reasons.push({ answer: 'PCPD: processes personal data', reason: `data categories: ${personal.join(', ')}` });
  return { eu, hk, reasons };
}
