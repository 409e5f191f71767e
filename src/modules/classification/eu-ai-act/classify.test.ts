import { describe, expect, it } from 'vitest';
import { annexIIICodes, euAiActInput, euAiActResult, prohibitedPracticeKeys, type EuAiActInput } from '../schema.js';
import { classifyEuAiAct } from './classify.js';
import { RULES_VERSION } from './rules.js';

/** A system with an EU nexus (its output is used in the Union), the usual case for a Hong Kong firm. */
const inEu = (input: EuAiActInput = {}): EuAiActInput => ({ euNexus: { outputUsedInEu: true }, ...input });
const articles = (r: ReturnType<typeof classifyEuAiAct>) => r.obligations.map((o) => o.article);
const explains = (r: ReturnType<typeof classifyEuAiAct>, article: string) => r.explanation.filter((s) => s.article === article);

describe('classifyEuAiAct — contract', () => {
  it('treats an empty input as out of scope and minimal, with every output field present', () => {
    const r = classifyEuAiAct({});
    expect(euAiActResult.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      rulesVersion: RULES_VERSION,
      inScope: false,
      tier: 'out_of_scope',
      indicativeTier: 'minimal',
      basis: ['Art. 2(1)'],
      indicativeBasis: [],
      highRiskRoute: null,
      derogationApplied: false,
      transparencyObligations: [],
      gpaiObligations: [],
      obligations: [],
    });
  });

  it('gives the same result for raw input and zod-parsed input (missing booleans false, lists empty)', () => {
    const raw: EuAiActInput = inEu({ role: 'provider', annexIII: ['4a'], transparency: { interactsWithNaturalPersons: true } });
    expect(classifyEuAiAct(euAiActInput.parse(raw))).toEqual(classifyEuAiAct(raw));
  });

  it('names an article on every explanation step', () => {
    const r = classifyEuAiAct(inEu({ annexIII: ['5b'], transparency: { deepFake: true }, gpai: { isGpaiModel: true } }));
    for (const s of r.explanation) {
      expect(s.article).toMatch(/^(Art\. \d+|Annex III \d\([a-e]\))/);
      expect(s.answer).not.toBe('');
    }
    expect(r.explanation.at(-1)).toMatchObject({ answer: 'high', text: 'Tier: high.' });
  });
});

describe('Art. 2 scope', () => {
  it.each([
    [{ placedOnEuMarket: true }, 'Art. 2(1)(a)'],
    [{ establishedInEu: true }, 'Art. 2(1)(b)'],
    [{ outputUsedInEu: true }, 'Art. 2(1)(c)'],
  ])('an EU nexus %j brings the system in scope (%s)', (euNexus, point) => {
    const r = classifyEuAiAct({ euNexus });
    expect(r.inScope).toBe(true);
    expect(r.tier).toBe('minimal');
    expect(explains(r, 'Art. 2(1)')[0]?.text).toContain(point);
  });

  it('no EU nexus: out of scope under Art. 2(1)', () => {
    const r = classifyEuAiAct({ annexIII: ['4a'] });
    expect(r).toMatchObject({ inScope: false, tier: 'out_of_scope', basis: ['Art. 2(1)'], indicativeTier: 'high' });
  });

  it.each([
    ['militaryDefenceNationalSecurity', 'Art. 2(3)'],
    ['scientificResearchOnly', 'Art. 2(6)'],
    ['personalNonProfessionalUse', 'Art. 2(10)'],
  ] as const)('exclusion %s exits scope with basis %s', (exclusion, article) => {
    const r = classifyEuAiAct(inEu({ role: 'deployer', exclusions: { [exclusion]: true }, annexIII: ['1a'] }));
    expect(r.inScope).toBe(false);
    expect(r.tier).toBe('out_of_scope');
    expect(r.basis).toEqual([article]);
    expect(r.obligations).toEqual([]);
    expect(explains(r, article)[0]?.answer).toBe('excluded');
  });

  it('lists every scope exit that applies', () => {
    const r = classifyEuAiAct({ exclusions: { militaryDefenceNationalSecurity: true, scientificResearchOnly: true } });
    expect(r.basis).toEqual(['Art. 2(1)', 'Art. 2(3)', 'Art. 2(6)']);
  });

  it('Art. 2(10) relieves only the private deployer: a provider of the same system stays in scope', () => {
    const r = classifyEuAiAct(
      inEu({ role: 'provider', exclusions: { personalNonProfessionalUse: true }, transparency: { generatesSyntheticContent: true } }),
    );
    expect(r.inScope).toBe(true);
    expect(r.tier).toBe('limited');
    expect(explains(r, 'Art. 2(10)')[0]?.answer).toBe('not for this role');
  });

  it.each([
    [{ prohibitedPractices: { socialScoring: true } }, 'prohibited', ['Art. 5(1)(c)']],
    [{ annexIII: ['4a'] }, 'high', ['Art. 6(2)', 'Annex III 4(a)']],
    [{ transparency: { deepFake: true } }, 'limited', ['Art. 50(4)']],
    [{}, 'minimal', []],
  ] as [EuAiActInput, string, string[]][])(
    'indicativeTier shows the tier an out-of-scope system would have (%j → %s)',
    (input, tier, basis) => {
      const r = classifyEuAiAct({ ...input, exclusions: { scientificResearchOnly: true } });
      expect(r.tier).toBe('out_of_scope');
      expect(r.indicativeTier).toBe(tier);
      expect(r.indicativeBasis).toEqual(basis);
      expect(r.transparencyObligations).toEqual([]);
    },
  );
});

describe('Art. 5 prohibited practices', () => {
  const expected: Record<(typeof prohibitedPracticeKeys)[number], string> = {
    subliminalManipulation: 'Art. 5(1)(a)',
    exploitsVulnerabilities: 'Art. 5(1)(b)',
    socialScoring: 'Art. 5(1)(c)',
    crimeRiskProfilingOnly: 'Art. 5(1)(d)',
    untargetedFacialScraping: 'Art. 5(1)(e)',
    emotionRecognitionWorkplaceOrEducation: 'Art. 5(1)(f)',
    biometricCategorisationSensitive: 'Art. 5(1)(g)',
    realTimeRemoteBiometricIdLawEnforcement: 'Art. 5(1)(h)',
  };
  it.each(prohibitedPracticeKeys)('%s is prohibited', (key) => {
    const r = classifyEuAiAct(inEu({ role: 'deployer', prohibitedPractices: { [key]: true } }));
    expect(r.tier).toBe('prohibited');
    expect(r.basis).toEqual([expected[key]]);
    expect(r.obligations).toEqual([{ article: 'Art. 5', title: expect.stringContaining('Do not') as string, appliesTo: 'deployer' }]);
    expect(r.datesOfApplication.map((d) => [d.group, d.appliesFrom])).toContainEqual(['prohibited', '2025-02-02']);
  });

  it('names every prohibited practice that applies, in the order of Art. 5(1)', () => {
    const r = classifyEuAiAct(
      inEu({ prohibitedPractices: { realTimeRemoteBiometricIdLawEnforcement: true, subliminalManipulation: true } }),
    );
    expect(r.basis).toEqual(['Art. 5(1)(a)', 'Art. 5(1)(h)']);
  });

  it('prohibition takes precedence over high-risk and keeps the Art. 50 paragraphs', () => {
    const r = classifyEuAiAct(
      inEu({
        prohibitedPractices: { emotionRecognitionWorkplaceOrEducation: true },
        annexIII: ['1c', '4b'],
        annexI: { safetyComponentOrProduct: true, thirdPartyConformityAssessment: true },
        transparency: { emotionRecognitionOrBiometricCategorisation: true },
      }),
    );
    expect(r.tier).toBe('prohibited');
    expect(r.basis).toEqual(['Art. 5(1)(f)']);
    expect(r.highRiskRoute).toBeNull();
    expect(r.transparencyObligations).toEqual(['Art. 50(3)']);
    expect(explains(r, 'Art. 5')[0]?.answer).toBe('precedence');
  });
});

describe('Art. 6(2) and Annex III', () => {
  const areaOf: Record<string, string> = {
    '1': 'biometrics',
    '2': 'critical infrastructure',
    '3': 'education',
    '4': 'employment',
    '5': 'essential private and public services',
    '6': 'law enforcement',
    '7': 'migration',
    '8': 'justice',
  };
  it.each(annexIIICodes)('Annex III %s is high-risk with its point as the basis', (code) => {
    const r = classifyEuAiAct(inEu({ role: 'provider', euNexus: { placedOnEuMarket: true }, annexIII: [code] }));
    const point = `Annex III ${code[0]}(${code[1]})`;
    expect(r.tier).toBe('high');
    expect(r.highRiskRoute).toBe('annex_iii');
    expect(r.basis).toEqual(['Art. 6(2)', point]);
    expect(explains(r, point)[0]?.text).toContain(areaOf[code[0]!]);
    expect(articles(r)).toEqual(
      expect.arrayContaining(['Art. 16', 'Art. 17', 'Art. 43', code === '2a' ? 'Art. 49(5)' : 'Art. 49(1)', 'Art. 22']),
    );
    expect(r.datesOfApplication.find((d) => d.group === 'high_risk_annex_iii')).toMatchObject({
      appliesFrom: '2026-08-02',
      pendingAmendment: { appliesFrom: '2027-12-02', status: 'pending_unverified' },
    });
  });

  it('lists several points in Annex III order, once each', () => {
    const r = classifyEuAiAct(inEu({ annexIII: ['5c', '4a', '5c'] }));
    expect(r.basis).toEqual(['Art. 6(2)', 'Annex III 4(a)', 'Annex III 5(c)']);
  });

  it.each([
    ['importer', 'Art. 23'],
    ['distributor', 'Art. 24'],
    ['deployer', 'Art. 26'],
  ] as const)('a high-risk %s has %s', (role, article) => {
    const r = classifyEuAiAct(inEu({ role, annexIII: ['4a'] }));
    expect(articles(r)).toContain(article);
    expect(articles(r)).not.toContain('Art. 16');
    expect(r.obligations.every((o) => o.appliesTo === role)).toBe(true);
  });

  it('without a role, lists the duties of every role with the role they apply to', () => {
    const r = classifyEuAiAct(inEu({ annexIII: ['4a'] }));
    expect(r.obligations.filter((o) => ['Art. 16', 'Art. 23', 'Art. 24', 'Art. 26'].includes(o.article)).map((o) => o.appliesTo)).toEqual([
      'provider',
      'deployer',
      'importer',
      'distributor',
    ]);
  });

  it('an EU-established provider needs no authorised representative (Art. 22)', () => {
    const r = classifyEuAiAct({ role: 'provider', euNexus: { establishedInEu: true }, annexIII: ['4a'] });
    expect(articles(r)).not.toContain('Art. 22');
  });
});

describe('Art. 27 fundamental-rights impact assessment', () => {
  it.each([
    [{ annexIII: ['5b'] }, true],
    [{ annexIII: ['5c'] }, true],
    [{ annexIII: ['4a'] }, false],
    [{ annexIII: ['4a'], deployerIsPublicBodyOrPublicService: true }, true],
    [{ annexIII: ['5a'], deployerIsPublicBodyOrPublicService: true }, true],
    [{ annexIII: ['2a'], deployerIsPublicBodyOrPublicService: true }, false],
    [{ annexIII: ['5b'], derogation: { preparatoryTask: true } }, false],
  ] as [EuAiActInput, boolean][])('deployer with %j → FRIA %s', (input, fria) => {
    const r = classifyEuAiAct(inEu({ role: 'deployer', ...input }));
    expect(articles(r).includes('Art. 27')).toBe(fria);
  });

  it('is a deployer duty only', () => {
    expect(articles(classifyEuAiAct(inEu({ role: 'provider', annexIII: ['5b'] })))).not.toContain('Art. 27');
  });
});

describe('Art. 6(3) derogation and the profiling override', () => {
  it.each([
    ['narrowProceduralTask', 'Art. 6(3)(a)'],
    ['improvesCompletedHumanActivity', 'Art. 6(3)(b)'],
    ['detectsPatternsWithoutReplacingHumanAssessment', 'Art. 6(3)(c)'],
    ['preparatoryTask', 'Art. 6(3)(d)'],
  ] as const)('condition %s takes an Annex III system out of high-risk', (condition, point) => {
    const r = classifyEuAiAct(inEu({ role: 'provider', annexIII: ['4a'], derogation: { [condition]: true } }));
    expect(r).toMatchObject({ tier: 'minimal', derogationApplied: true, highRiskRoute: null, basis: ['Art. 6(3)'] });
    expect(explains(r, 'Art. 6(3)')[0]?.text).toContain(point);
    expect(articles(r)).toEqual(['Art. 4', 'Art. 6(4)', 'Art. 49(2)']);
  });

  it('a derogated system with an Art. 50 duty is limited', () => {
    const r = classifyEuAiAct(
      inEu({ annexIII: ['3b'], derogation: { narrowProceduralTask: true }, transparency: { interactsWithNaturalPersons: true } }),
    );
    expect(r).toMatchObject({ tier: 'limited', basis: ['Art. 6(3)', 'Art. 50(1)'], derogationApplied: true });
  });

  it('never applies when the system profiles natural persons: high-risk, with the override in the basis', () => {
    const r = classifyEuAiAct(inEu({ annexIII: ['4a'], derogation: { preparatoryTask: true }, profilesNaturalPersons: true }));
    expect(r).toMatchObject({ tier: 'high', derogationApplied: false, highRiskRoute: 'annex_iii' });
    expect(r.basis).toEqual(['Art. 6(2)', 'Annex III 4(a)', 'Art. 6(3) third subparagraph']);
    expect(explains(r, 'Art. 6(3) third subparagraph')[0]?.text).toMatch(/profiles natural persons.*always high-risk/);
  });

  it('profiling alone does not make a system high-risk', () => {
    expect(classifyEuAiAct(inEu({ profilesNaturalPersons: true })).tier).toBe('minimal');
  });

  it('does not touch the Annex I route', () => {
    const r = classifyEuAiAct(
      inEu({
        annexI: { safetyComponentOrProduct: true, thirdPartyConformityAssessment: true },
        derogation: { narrowProceduralTask: true },
      }),
    );
    expect(r).toMatchObject({ tier: 'high', highRiskRoute: 'annex_i', derogationApplied: false, basis: ['Art. 6(1)'] });
    expect(explains(r, 'Art. 6(3)')[0]?.answer).toBe('not applicable');
  });
});

describe('Art. 6(1) and Annex I', () => {
  it('a safety component with third-party conformity assessment is high-risk', () => {
    const r = classifyEuAiAct(inEu({ role: 'provider', annexI: { safetyComponentOrProduct: true, thirdPartyConformityAssessment: true } }));
    expect(r).toMatchObject({ tier: 'high', highRiskRoute: 'annex_i', basis: ['Art. 6(1)'] });
    expect(articles(r)).toContain('Art. 43');
    expect(articles(r)).not.toContain('Art. 49(1)');
    expect(r.datesOfApplication.find((d) => d.group === 'high_risk_annex_i')).toMatchObject({
      appliesFrom: '2027-08-02',
      source: 'Art. 113(c)',
      pendingAmendment: { appliesFrom: '2028-08-02', status: 'pending_unverified' },
    });
  });

  it('without third-party conformity assessment it is not high-risk', () => {
    const r = classifyEuAiAct(inEu({ annexI: { safetyComponentOrProduct: true } }));
    expect(r).toMatchObject({ tier: 'minimal', highRiskRoute: null, basis: [] });
    expect(explains(r, 'Art. 6(1)')[0]?.answer).toBe('no');
  });

  it('third-party assessment alone (no Annex I product) is not high-risk', () => {
    expect(classifyEuAiAct(inEu({ annexI: { thirdPartyConformityAssessment: true } })).tier).toBe('minimal');
  });

  it('both routes: Annex I leads, both are in the basis, both dates are shown', () => {
    const r = classifyEuAiAct(
      inEu({ role: 'provider', annexI: { safetyComponentOrProduct: true, thirdPartyConformityAssessment: true }, annexIII: ['5d'] }),
    );
    expect(r.highRiskRoute).toBe('annex_i');
    expect(r.basis).toEqual(['Art. 6(1)', 'Art. 6(2)', 'Annex III 5(d)']);
    expect(r.datesOfApplication.map((d) => d.group)).toEqual(['general', 'high_risk_annex_iii', 'high_risk_annex_i']);
    expect(articles(r)).toContain('Art. 49(1)');
  });
});

describe('Art. 50 transparency', () => {
  it.each([
    [{ interactsWithNaturalPersons: true }, 'Art. 50(1)', 'provider'],
    [{ generatesSyntheticContent: true }, 'Art. 50(2)', 'provider'],
    [{ emotionRecognitionOrBiometricCategorisation: true }, 'Art. 50(3)', 'deployer'],
    [{ deepFake: true }, 'Art. 50(4)', 'deployer'],
    [{ publicInterestText: true }, 'Art. 50(4)', 'deployer'],
  ] as const)('%j triggers %s, a duty of the %s', (transparency, paragraph, dutyOf) => {
    const r = classifyEuAiAct(inEu({ transparency }));
    expect(r).toMatchObject({ tier: 'limited', basis: [paragraph], transparencyObligations: [paragraph] });
    expect(r.obligations.find((o) => o.article === paragraph)?.appliesTo).toBe(dutyOf);
    expect(r.datesOfApplication.find((d) => d.group === 'transparency')?.appliesFrom).toBe('2026-08-02');
  });

  it('public-interest text under human editorial control triggers nothing', () => {
    const r = classifyEuAiAct(inEu({ transparency: { publicInterestText: true, humanEditorialControl: true } }));
    expect(r).toMatchObject({ tier: 'minimal', transparencyObligations: [] });
    expect(explains(r, 'Art. 50(4)')[0]?.answer).toBe('no');
  });

  it('editorial control does not excuse a deep fake', () => {
    const r = classifyEuAiAct(inEu({ transparency: { deepFake: true, publicInterestText: true, humanEditorialControl: true } }));
    expect(r.transparencyObligations).toEqual(['Art. 50(4)']);
  });

  it('lists the paragraphs whatever the role; obligations hold only the role’s own', () => {
    const all = {
      interactsWithNaturalPersons: true,
      generatesSyntheticContent: true,
      emotionRecognitionOrBiometricCategorisation: true,
      deepFake: true,
    };
    const deployer = classifyEuAiAct(inEu({ role: 'deployer', transparency: all }));
    expect(deployer.transparencyObligations).toEqual(['Art. 50(1)', 'Art. 50(2)', 'Art. 50(3)', 'Art. 50(4)']);
    expect(articles(deployer)).toEqual(['Art. 4', 'Art. 50(3)', 'Art. 50(4)']);
    const importer = classifyEuAiAct(inEu({ role: 'importer', transparency: all }));
    expect(importer.transparencyObligations).toHaveLength(4);
    expect(importer.obligations).toEqual([]);
  });

  it('apply alongside high-risk', () => {
    const r = classifyEuAiAct(inEu({ role: 'provider', annexIII: ['4a'], transparency: { interactsWithNaturalPersons: true } }));
    expect(r.tier).toBe('high');
    expect(r.transparencyObligations).toEqual(['Art. 50(1)']);
    expect(articles(r)).toContain('Art. 50(1)');
  });
});

describe('GPAI models', () => {
  const gpaiProvider = (gpai: EuAiActInput['gpai'], euNexus: EuAiActInput['euNexus'] = { establishedInEu: true }) =>
    classifyEuAiAct({ role: 'provider', euNexus, gpai: { isGpaiModel: true, ...gpai } });

  it('without systemic risk: Art. 53', () => {
    expect(gpaiProvider({}).gpaiObligations).toEqual(['Art. 53']);
  });

  it('a provider outside the Union also appoints an authorised representative (Art. 54)', () => {
    const r = gpaiProvider({}, { placedOnEuMarket: true });
    expect(r.gpaiObligations).toEqual(['Art. 53', 'Art. 54']);
    expect(r.obligations.find((o) => o.article === 'Art. 54')?.appliesTo).toBe('provider');
  });

  it('with systemic risk: Art. 53 and Art. 55 (and the Art. 52 notification)', () => {
    const r = gpaiProvider({ systemicRisk: true });
    expect(r.gpaiObligations).toEqual(['Art. 52(1)', 'Art. 53', 'Art. 55']);
    expect(r.datesOfApplication.find((d) => d.group === 'gpai')).toMatchObject({ appliesFrom: '2025-08-02', source: 'Art. 113(b)' });
  });

  it('open source without systemic risk keeps only Art. 53(1)(c) and (d), no representative', () => {
    const r = gpaiProvider({ openSource: true }, { placedOnEuMarket: true });
    expect(r.gpaiObligations).toEqual(['Art. 53(1)(c)', 'Art. 53(1)(d)']);
    expect(explains(r, 'Art. 53(2)')[0]?.answer).toBe('open-source relief');
  });

  it('open source with systemic risk gets no relief', () => {
    expect(gpaiProvider({ openSource: true, systemicRisk: true }, { placedOnEuMarket: true }).gpaiObligations).toEqual([
      'Art. 52(1)',
      'Art. 53',
      'Art. 54',
      'Art. 55',
    ]);
  });

  it.each(['deployer', 'importer', 'distributor'] as const)('a %s has no GPAI provider obligations', (role) => {
    const r = classifyEuAiAct(inEu({ role, gpai: { isGpaiModel: true, systemicRisk: true } }));
    expect(r.gpaiObligations).toEqual([]);
    expect(explains(r, 'Art. 53')[0]?.answer).toBe('not for this role');
  });

  it('systemic-risk or open-source flags without a GPAI model do nothing', () => {
    expect(classifyEuAiAct(inEu({ role: 'provider', gpai: { systemicRisk: true, openSource: true } })).gpaiObligations).toEqual([]);
  });
});

describe('dates of application', () => {
  it('always include the general date; the pending amendments are marked unverified', () => {
    const r = classifyEuAiAct(inEu());
    expect(r.datesOfApplication).toEqual([
      {
        group: 'general',
        covers: expect.stringContaining('Art. 4') as string,
        appliesFrom: '2025-02-02',
        source: 'Art. 113(a)',
        pendingAmendment: null,
      },
    ]);
    const high = classifyEuAiAct(inEu({ annexIII: ['4a'] }));
    expect(high.datesOfApplication.at(-1)?.pendingAmendment?.note).toMatch(/Official Journal not confirmed/);
  });
});
