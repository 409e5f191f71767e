import type { Thresholds } from './schema.js';

/**
 * The built-in threshold profiles, created for an organisation the first time it lists its profiles. Each is a
 * documented policy choice; the rationale says where the numbers come from and what they are not.
 */
export interface BuiltInProfile {
  builtInKey: string;
  name: string;
  rationale: string;
  sensitiveAttributes: string[];
  thresholds: Thresholds;
}

export const builtInProfiles: readonly BuiltInProfile[] = [
  {
    builtInKey: 'hk_eoc',
    name: 'Hong Kong (EOC ordinances)',
    rationale: [
      "Protected characteristics of Hong Kong's anti-discrimination ordinances, enforced by the Equal Opportunities Commission:",
      'sex, marital status, pregnancy and breastfeeding (Sex Discrimination Ordinance, Cap. 480); disability (Disability',
      'Discrimination Ordinance, Cap. 487); family status (Family Status Discrimination Ordinance, Cap. 527); race',
      '(Race Discrimination Ordinance, Cap. 602).',
      "Hong Kong law sets no numeric disparity threshold: the numbers below are this organisation's policy choice, not a",
      'legal test. Defaults: demographic-parity ratio ≥ 0.8 (borrowed from the US four-fifths convention as a screening',
      'level), equalized-odds difference ≤ 0.1, groups under 30 rows flagged as too small to judge.',
      'Age and sexual orientation are not covered by these ordinances (to verify with counsel); add them in a custom',
      'profile if your policy covers them.',
    ].join(' '),
    sensitiveAttributes: ['sex', 'marital_status', 'pregnancy', 'disability', 'family_status', 'race'],
    thresholds: {
      metrics: { demographicParityRatio: { min: 0.8 }, equalizedOddsDifference: { max: 0.1 } },
      minGroupSize: 30,
    },
  },
  {
    builtInKey: 'us_four_fifths',
    name: 'US four-fifths (employment)',
    rationale: [
      'The US "four-fifths rule" of the Uniform Guidelines on Employee Selection Procedures (29 CFR 1607.4(D)): a',
      'selection rate for any group below four-fifths (80%) of the rate of the group with the highest rate is generally',
      'regarded as evidence of adverse impact. Checked here as the demographic-parity ratio ≥ 0.8 and, per group, the',
      'disparate impact (selection rate against the reference group, or against the highest-rate group) ≥ 0.8.',
      'Fairlearn warns that this rule is specific to US employment law and a screening heuristic, not a general',
      'fairness standard; groups under 30 rows are flagged.',
    ].join(' '),
    sensitiveAttributes: ['sex', 'race', 'age'],
    thresholds: {
      metrics: { demographicParityRatio: { min: 0.8 }, disparateImpact: { min: 0.8 } },
      minGroupSize: 30,
    },
  },
];
