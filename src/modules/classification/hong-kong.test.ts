import { describe, expect, it } from 'vitest';
import { classifyHongKong, HK_RULES_VERSION } from './hong-kong.js';
import { hongKongInput, hongKongResult, type HongKongInput } from './schema.js';

const sources = (reasons: { source: string }[]) => reasons.map((r) => r.source).join(' | ');

describe('classifyHongKong — PCPD Model Framework', () => {
  it.each([
    [{}, 'low', 'human-out-of-the-loop'],
    [{ processesPersonalData: true }, 'low', 'human-out-of-the-loop'],
    [{ processesPersonalData: true, largeVolumeOfPersonalData: true }, 'medium', 'human-in-command'],
    [{ processesPersonalData: true, decisionsAboutIndividuals: true, sensitivePersonalData: true }, 'medium', 'human-in-command'],
    [{ processesPersonalData: true, decisionsAboutIndividuals: true, significantImpactOnRights: true }, 'high', 'human-in-the-loop'],
    [{ processesPersonalData: true, irreversibleEffects: true, significantImpactOnRights: true }, 'high', 'human-in-the-loop'],
    [
      { processesPersonalData: true, sensitivePersonalData: true, largeVolumeOfPersonalData: true, vulnerableGroups: true },
      'high',
      'human-in-the-loop',
    ],
    // without personal data the risk factors are not weighed
    [{ sensitivePersonalData: true, decisionsAboutIndividuals: true, significantImpactOnRights: true }, 'low', 'human-out-of-the-loop'],
  ] as [HongKongInput['pcpd'], string, string][])('%j → %s risk, %s', (pcpd, riskLevel, oversight) => {
    const r = classifyHongKong({ pcpd });
    expect(r.pcpd.riskLevel).toBe(riskLevel);
    expect(r.pcpd.oversight).toBe(oversight);
    expect(sources(r.pcpd.reasons)).toContain('Model Personal Data Protection Framework (11 June 2024)');
  });

  it('names the risk factors in both languages and says the oversight tier names are unverified', () => {
    const r = classifyHongKong({ pcpd: { processesPersonalData: true, vulnerableGroups: true } });
    expect(r.pcpd.reasons[0]).toMatchObject({
      en: expect.stringContaining('vulnerable groups') as string,
      'zh-HK': expect.stringContaining('弱勢群體') as string,
    });
    expect(r.pcpd.reasons.at(-1)?.en).toMatch(/not yet checked against the PDF/);
  });
});

describe('classifyHongKong — SFC', () => {
  it.each([
    [{}, false, false],
    [{ investmentAdvice: true }, false, false],
    [{ licensedCorporation: true, investmentAdvice: true }, false, false],
    [{ licensedCorporation: true, usesAiLanguageModel: true }, true, false],
    [{ licensedCorporation: true, usesAiLanguageModel: true, investmentRecommendations: true }, true, true],
    [{ licensedCorporation: true, usesAiLanguageModel: true, investmentAdvice: true }, true, true],
    [{ licensedCorporation: true, usesAiLanguageModel: true, investmentResearch: true }, true, true],
  ] as [HongKongInput['sfc'], boolean, boolean][])('%j → applicable %s, high-risk %s', (sfc, applicable, highRisk) => {
    const r = classifyHongKong({ sfc });
    expect(r.sfc).toMatchObject({ applicable, highRisk });
    expect(r.sfc.reasons.length).toBeGreaterThan(0);
    expect(sources(r.sfc.reasons)).toContain('24EC55');
  });

  it('explains the high-risk safeguards', () => {
    const r = classifyHongKong({ sfc: { licensedCorporation: true, usesAiLanguageModel: true, investmentResearch: true } });
    expect(r.sfc.reasons.at(-1)?.en).toMatch(/investment research.*human review/);
    expect(r.sfc.reasons.at(-1)?.['zh-HK']).toContain('投資研究');
  });
});

describe('classifyHongKong — HKMA', () => {
  it.each([
    [{}, false, false],
    [{ customerFacing: true, generativeAi: true }, false, false],
    [{ authorisedInstitution: true }, true, false],
    [{ authorisedInstitution: true, generativeAi: true }, true, false],
    [{ authorisedInstitution: true, customerFacing: true }, true, false],
    [{ authorisedInstitution: true, customerFacing: true, generativeAi: true }, true, true],
  ] as [HongKongInput['hkma'], boolean, boolean][])(
    '%j → applicable %s, customer-facing GenAI %s',
    (hkma, applicable, customerFacingGenAi) => {
      expect(classifyHongKong({ hkma }).hkma).toMatchObject({ applicable, customerFacingGenAi });
    },
  );

  it('cites the 2024 GenAI circular and marks the 2019 addresses as unconfirmed', () => {
    const r = classifyHongKong({ hkma: { authorisedInstitution: true, customerFacing: true, generativeAi: true } });
    expect(sources(r.hkma.reasons)).toContain('Consumer Protection in respect of Use of Generative AI (19 August 2024)');
    expect(sources(r.hkma.reasons)).toContain('still to be confirmed');
    expect(r.hkma.reasons.at(-1)?.en).toMatch(/opt out/);
  });
});

describe('classifyHongKong — contract', () => {
  it('matches its schema and gives the same answer for parsed input', () => {
    const raw: HongKongInput = { pcpd: { processesPersonalData: true }, hkma: { authorisedInstitution: true } };
    const r = classifyHongKong(raw);
    expect(hongKongResult.parse(r)).toEqual(r);
    expect(classifyHongKong(hongKongInput.parse(raw))).toEqual(r);
    expect(r.rulesVersion).toBe(HK_RULES_VERSION);
  });

  it('refuses unknown answers and wrong types, naming each field', () => {
    const parsed = hongKongInput.safeParse({ pcpd: { processesPersonalData: 'yes' }, sfc: { licensed: true } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['pcpd.processesPersonalData', 'sfc']);
  });
});
