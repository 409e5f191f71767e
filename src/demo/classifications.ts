import type { EuAiActInput, HongKongInput } from '../modules/classification/schema.js';

/**
 * How Harbour Point answered the classification wizard for each demo system. No system's output reaches the EU,
 * so the EU AI Act does not apply to any of them today; the indicative tiers show what it would mean if it did —
 * CV screening would be high-risk under Annex III 4(a) as soon as its output is used in the EU.
 */
export const demoClassifications: { system: string; eu: EuAiActInput; hk: HongKongInput }[] = [
  {
    system: 'Microsoft 365 Copilot',
    eu: { role: 'deployer' },
    hk: { pcpd: { processesPersonalData: true, sensitivePersonalData: true, largeVolumeOfPersonalData: true } },
  },
  {
    system: 'Harbour Knowledge Assistant',
    eu: { role: 'provider', transparency: { interactsWithNaturalPersons: true } },
    hk: { pcpd: { processesPersonalData: true, sensitivePersonalData: true, largeVolumeOfPersonalData: true } },
  },
  {
    system: 'CRM lead scoring (LeadLoom AI)',
    eu: { role: 'deployer', profilesNaturalPersons: true },
    hk: { pcpd: { processesPersonalData: true, sensitivePersonalData: true, decisionsAboutIndividuals: true } },
  },
  {
    system: 'CRM e-mail drafting (DraftWise)',
    eu: { role: 'deployer', transparency: { generatesSyntheticContent: true } },
    hk: { pcpd: { processesPersonalData: true } },
  },
  {
    system: 'CRM call transcription and summaries (CallSense)',
    eu: { role: 'deployer' },
    hk: { pcpd: { processesPersonalData: true, sensitivePersonalData: true } },
  },
  {
    system: 'CV screening (TalentSift)',
    eu: { role: 'deployer', annexIII: ['4a'], profilesNaturalPersons: true },
    hk: {
      pcpd: {
        processesPersonalData: true,
        sensitivePersonalData: true,
        decisionsAboutIndividuals: true,
        significantImpactOnRights: true,
      },
    },
  },
  {
    system: 'Website chatbot (Chatwise)',
    eu: { role: 'deployer', transparency: { interactsWithNaturalPersons: true } },
    hk: { pcpd: { processesPersonalData: true } },
  },
  {
    system: 'Meeting transcription (Otter.ai)',
    eu: { role: 'deployer' },
    hk: { pcpd: { processesPersonalData: true, sensitivePersonalData: true } },
  },
  { system: 'GitHub Copilot', eu: { role: 'deployer' }, hk: {} },
];
