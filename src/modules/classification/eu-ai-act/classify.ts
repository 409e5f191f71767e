import {
  annexIIICodes,
  derogationKeys,
  euRoles,
  prohibitedPracticeKeys,
  type AnnexIIICode,
  type DateOfApplication,
  type EuAiActInput,
  type EuAiActResult,
  type EuObligation,
  type EuRole,
  type ExplanationStep,
  type IndicativeTier,
} from '../schema.js';
import {
  annexIIIAreas,
  annexIIIPoints,
  annexIIIRef,
  applicationDates,
  derogationConditions,
  distributorDuties,
  gpaiTitles,
  highRiskDeployerDuties,
  highRiskProviderDuties,
  importerDuties,
  prohibitedPractices,
  RULES_VERSION,
  transparencyDuties,
  type TransparencyParagraph,
} from './rules.js';

/**
 * Classifies one AI system under the EU AI Act. Pure: the same answers always give the same result. Takes the
 * caller's answers as sent (missing booleans are false, missing lists empty), so it also works on input that has
 * not been through zod; validate untrusted input with `euAiActInput` first.
 *
 * Order of the rules: Art. 2 scope, then the tier by precedence prohibited (Art. 5) > high (Art. 6) > limited
 * (Art. 50) > minimal. The tier is also computed for out-of-scope systems (indicativeTier), so a user sees what
 * would apply if, say, the output started to be used in the Union.
 */
export function classifyEuAiAct(input: EuAiActInput = {}): EuAiActResult {
  const steps: ExplanationStep[] = [];
  const step = (article: string, answer: string, text: string) => steps.push({ article, answer, text });
  const role = input.role;
  const yes = (v: boolean | undefined) => v === true;

  // ---- Art. 2: scope ----
  const nexus = input.euNexus ?? {};
  const nexusPoints = [
    yes(nexus.placedOnEuMarket) && 'placed on the EU market or put into service in the EU (Art. 2(1)(a))',
    yes(nexus.establishedInEu) && 'established or located in the EU (Art. 2(1)(b))',
    yes(nexus.outputUsedInEu) && 'output used in the EU (Art. 2(1)(c))',
  ].filter((p): p is string => typeof p === 'string');
  const exits: string[] = [];
  if (nexusPoints.length) step('Art. 2(1)', 'yes', `EU nexus: ${nexusPoints.join('; ')}.`);
  else {
    exits.push('Art. 2(1)');
    step('Art. 2(1)', 'no', 'No EU nexus: not placed on the EU market, not established in the EU and no output used in the EU.');
  }
  const ex = input.exclusions ?? {};
  if (yes(ex.militaryDefenceNationalSecurity)) {
    exits.push('Art. 2(3)');
    step('Art. 2(3)', 'excluded', 'Used exclusively for military, defence or national-security purposes: outside the Act.');
  }
  if (yes(ex.scientificResearchOnly)) {
    exits.push('Art. 2(6)');
    step(
      'Art. 2(6)',
      'excluded',
      'Developed and put into service for the sole purpose of scientific research and development: outside the Act.',
    );
  }
  if (yes(ex.personalNonProfessionalUse)) {
    // Art. 2(10) relieves deployers who are natural persons acting privately; the provider of the system stays bound.
    if (role === undefined || role === 'deployer') {
      exits.push('Art. 2(10)');
      step(
        'Art. 2(10)',
        'excluded',
        'Used by a natural person in a purely personal, non-professional activity: deployer obligations do not apply.',
      );
    } else {
      step('Art. 2(10)', 'not for this role', `Art. 2(10) exempts only deployers acting privately; a ${role} stays bound.`);
    }
  }
  const inScope = exits.length === 0;

  // ---- Art. 5: prohibited practices ----
  const pp = input.prohibitedPractices ?? {};
  const prohibited = prohibitedPracticeKeys.filter((k) => yes(pp[k])).map((k) => prohibitedPractices[k]);
  for (const p of prohibited) step(p.article, 'prohibited', `Prohibited practice: ${p.title}.`);
  if (!prohibited.length) step('Art. 5(1)', 'no', 'None of the prohibited practices of Art. 5(1)(a)–(h) applies.');

  // ---- Art. 6(1): Annex I products ----
  const annexI = input.annexI ?? {};
  const annexIHigh = yes(annexI.safetyComponentOrProduct) && yes(annexI.thirdPartyConformityAssessment);
  if (annexIHigh) {
    step('Art. 6(1)', 'high-risk', 'Safety component of, or itself, an Annex I product that needs third-party conformity assessment.');
  } else if (yes(annexI.safetyComponentOrProduct)) {
    step(
      'Art. 6(1)',
      'no',
      'An Annex I product or safety component, but without third-party conformity assessment: not high-risk under Art. 6(1).',
    );
  }

  // ---- Art. 6(2)–(3): Annex III ----
  const listed = new Set(input.annexIII ?? []);
  const codes = annexIIICodes.filter((c) => listed.has(c));
  for (const c of codes) step(annexIIIRef(c), 'listed', `Annex III area ${c[0]} (${annexIIIAreas[c[0]!]}): ${annexIIIPoints[c]}.`);
  const der = input.derogation ?? {};
  const conditions = derogationKeys.filter((k) => yes(der[k])).map((k) => derogationConditions[k]);
  const profiles = yes(input.profilesNaturalPersons);
  let derogationApplied = false;
  let profilingOverride = false;
  if (codes.length && conditions.length) {
    if (profiles) {
      profilingOverride = true;
      step(
        'Art. 6(3) third subparagraph',
        'derogation refused',
        `The system profiles natural persons, so it is always high-risk: the Art. 6(3) derogation (${conditions.map((c) => c.article).join(', ')}) cannot apply.`,
      );
    } else {
      derogationApplied = true;
      step(
        'Art. 6(3)',
        'derogation applies',
        `Not high-risk despite Annex III: ${conditions.map((c) => `${c.title} (${c.article})`).join('; ')}, and no profiling of natural persons. The provider must document this assessment (Art. 6(4)) and register (Art. 49(2)).`,
      );
    }
  } else if (conditions.length) {
    step('Art. 6(3)', 'not applicable', 'The Art. 6(3) derogation concerns Annex III systems only; none is listed.');
  }
  const annexIIIHigh = codes.length > 0 && !derogationApplied;
  if (annexIIIHigh) step('Art. 6(2)', 'high-risk', `Listed in Annex III: ${codes.map(annexIIIRef).join(', ')}.`);

  // ---- Art. 50: transparency, alongside any tier ----
  const t = input.transparency ?? {};
  const paragraphs: TransparencyParagraph[] = [];
  if (yes(t.interactsWithNaturalPersons)) paragraphs.push('Art. 50(1)');
  if (yes(t.generatesSyntheticContent)) paragraphs.push('Art. 50(2)');
  if (yes(t.emotionRecognitionOrBiometricCategorisation)) paragraphs.push('Art. 50(3)');
  const publicInterestText = yes(t.publicInterestText) && !yes(t.humanEditorialControl);
  if (yes(t.deepFake) || publicInterestText) paragraphs.push('Art. 50(4)');
  for (const p of paragraphs) step(p, 'applies', `${transparencyDuties[p].title} (duty of the ${transparencyDuties[p].appliesTo}).`);
  if (yes(t.publicInterestText) && !publicInterestText && !yes(t.deepFake)) {
    step('Art. 50(4)', 'no', 'Public-interest text is reviewed under human editorial control: no disclosure duty.');
  }

  // ---- Tier by precedence ----
  let indicativeTier: IndicativeTier;
  let indicativeBasis: string[];
  let highRiskRoute: EuAiActResult['highRiskRoute'] = null;
  if (prohibited.length) {
    indicativeTier = 'prohibited';
    indicativeBasis = prohibited.map((p) => p.article);
    if (annexIHigh || annexIIIHigh) step('Art. 5', 'precedence', 'Prohibition takes precedence over the high-risk classification.');
  } else if (annexIHigh || annexIIIHigh) {
    indicativeTier = 'high';
    indicativeBasis = [
      ...(annexIHigh ? ['Art. 6(1)'] : []),
      ...(annexIIIHigh ? ['Art. 6(2)', ...codes.map(annexIIIRef)] : []),
      ...(profilingOverride ? ['Art. 6(3) third subparagraph'] : []),
    ];
    highRiskRoute = annexIHigh ? 'annex_i' : 'annex_iii';
  } else if (paragraphs.length) {
    indicativeTier = 'limited';
    indicativeBasis = [...(derogationApplied ? ['Art. 6(3)'] : []), ...paragraphs];
  } else {
    indicativeTier = 'minimal';
    indicativeBasis = derogationApplied ? ['Art. 6(3)'] : [];
  }

  // ---- GPAI models (Chapter V) ----
  const g = input.gpai ?? {};
  const gpaiProvider = yes(g.isGpaiModel) && (role === undefined || role === 'provider');
  const gpaiObligations: string[] = [];
  if (yes(g.isGpaiModel) && !gpaiProvider) {
    step('Art. 53', 'not for this role', `A general-purpose AI model: its obligations fall on the model's provider, not on a ${role}.`);
  } else if (gpaiProvider) {
    const euProvider = yes(nexus.establishedInEu);
    if (yes(g.systemicRisk)) {
      gpaiObligations.push('Art. 52(1)', 'Art. 53', ...(euProvider ? [] : ['Art. 54']), 'Art. 55');
      step(
        'Art. 55',
        'systemic risk',
        'GPAI model with systemic risk: Art. 53 and Art. 55 apply in full; no open-source relief (Art. 53(2)).',
      );
    } else if (yes(g.openSource)) {
      gpaiObligations.push('Art. 53(1)(c)', 'Art. 53(1)(d)');
      step(
        'Art. 53(2)',
        'open-source relief',
        'Open-source GPAI model without systemic risk: only Art. 53(1)(c) and (d) remain; no authorised representative (Art. 54(6)).',
      );
    } else {
      gpaiObligations.push('Art. 53', ...(euProvider ? [] : ['Art. 54']));
      step('Art. 53', 'applies', 'GPAI model without systemic risk: Art. 53 provider obligations apply.');
    }
    if (gpaiObligations.includes('Art. 54'))
      step('Art. 54', 'applies', 'Provider established outside the Union: appoint an authorised representative.');
  }

  // ---- Role duties ----
  const roles: readonly EuRole[] = role ? [role] : euRoles;
  if (!role) step('Art. 3', 'no role given', 'No role was given: the duties of every role are listed, each with the role it applies to.');
  const frias = annexIIIHigh && indicativeTier === 'high' ? friaReason(codes, yes(input.deployerIsPublicBodyOrPublicService)) : null;
  const obligations: EuObligation[] = [];
  for (const r of roles) {
    obligations.push(
      ...roleDuties(r, {
        tier: indicativeTier,
        codes: annexIIIHigh ? codes : [],
        derogationApplied,
        euProvider: yes(nexus.establishedInEu),
        fria: frias,
        paragraphs,
        gpaiObligations: r === 'provider' ? gpaiObligations : [],
      }),
    );
  }
  if (frias && roles.includes('deployer'))
    step('Art. 27', 'FRIA required', `The deployer must assess the impact on fundamental rights before first use: ${frias}.`);

  const tier = inScope ? indicativeTier : 'out_of_scope';
  step(
    tier === 'out_of_scope' ? exits.join(', ') : indicativeBasis.join(', ') || 'Art. 6, Art. 50',
    tier,
    inScope
      ? `Tier: ${tier}.`
      : `Out of scope (${exits.join(', ')}). If it were in scope, its tier would be ${indicativeTier}${indicativeBasis.length ? ` (${indicativeBasis.join(', ')})` : ''}.`,
  );

  return {
    rulesVersion: RULES_VERSION,
    inScope,
    tier,
    indicativeTier,
    basis: inScope ? indicativeBasis : exits,
    indicativeBasis,
    highRiskRoute,
    derogationApplied,
    transparencyObligations: inScope ? paragraphs : [],
    gpaiObligations: inScope ? gpaiObligations : [],
    obligations: inScope ? obligations : [],
    explanation: steps,
    datesOfApplication: dates({
      prohibited: indicativeTier === 'prohibited',
      annexI: indicativeTier === 'high' && annexIHigh,
      annexIII: indicativeTier === 'high' && annexIIIHigh,
      transparency: paragraphs.length > 0,
      gpai: gpaiObligations.length > 0,
    }),
  };
}

/** Art. 27(1): who must do a fundamental-rights impact assessment; null when nobody must. */
function friaReason(codes: AnnexIIICode[], publicDeployer: boolean): string | null {
  if (codes.some((c) => c === '5b' || c === '5c')) return 'Annex III 5(b) or 5(c) (credit scoring, life and health insurance)';
  // Area 2 (critical infrastructure) is the exception of Art. 27(1).
  if (publicDeployer && codes.some((c) => c[0] !== '2'))
    return 'a body governed by public law or a private entity providing public services';
  return null;
}

interface DutyContext {
  tier: IndicativeTier;
  codes: AnnexIIICode[];
  derogationApplied: boolean;
  euProvider: boolean;
  fria: string | null;
  paragraphs: TransparencyParagraph[];
  gpaiObligations: string[];
}

function roleDuties(role: EuRole, c: DutyContext): EuObligation[] {
  const out: EuObligation[] = [];
  const add = (article: string, title: string) => out.push({ article, title, appliesTo: role });
  if (c.tier === 'prohibited') {
    add('Art. 5', 'Do not place on the market, put into service or use this system in the Union');
    return out;
  }
  if (role === 'provider' || role === 'deployer') add('Art. 4', 'Ensure sufficient AI literacy of staff and others operating the system');
  if (c.tier === 'high') {
    if (role === 'provider') {
      for (const [a, t] of highRiskProviderDuties) add(a, t);
      // Registration concerns Annex III systems; point 2 (critical infrastructure) registers nationally.
      if (c.codes.some((code) => code !== '2a')) add('Art. 49(1)', 'Register the system in the EU database');
      else if (c.codes.includes('2a')) add('Art. 49(5)', 'Register the system at national level (Annex III point 2)');
      if (!c.euProvider) add('Art. 22', 'Appoint an authorised representative in the Union (provider established outside the Union)');
    }
    if (role === 'deployer') {
      for (const [a, t] of highRiskDeployerDuties) add(a, t);
      if (c.fria) add('Art. 27', `Fundamental-rights impact assessment before first use (${c.fria})`);
    }
    if (role === 'importer') for (const [a, t] of importerDuties) add(a, t);
    if (role === 'distributor') for (const [a, t] of distributorDuties) add(a, t);
  }
  if (c.derogationApplied && role === 'provider') {
    add('Art. 6(4)', 'Document the assessment that the Annex III system is not high-risk before placing it on the market');
    add('Art. 49(2)', 'Register the system in the EU database although not high-risk');
  }
  for (const p of c.paragraphs) if (transparencyDuties[p].appliesTo === role) add(p, transparencyDuties[p].title);
  for (const a of c.gpaiObligations) add(a, gpaiTitles[a] ?? a);
  return out;
}

function dates(applies: Record<'prohibited' | 'gpai' | 'transparency' | 'annexIII' | 'annexI', boolean>): DateOfApplication[] {
  const groups: DateOfApplication['group'][] = ['general'];
  if (applies.prohibited) groups.push('prohibited');
  if (applies.gpai) groups.push('gpai');
  if (applies.transparency) groups.push('transparency');
  if (applies.annexIII) groups.push('high_risk_annex_iii');
  if (applies.annexI) groups.push('high_risk_annex_i');
  return groups.map((g) => applicationDates[g]);
}
