import canonicalize from 'canonicalize';
import { sha256Hex } from '../../lib/secrets.js';

/** The facts about a system that an impact assessment rests on; a change to any of them calls for re-assessment. */
export interface SystemFacts {
  purpose: string;
  models: readonly string[];
  dataCategories: readonly string[];
}

export const fingerprintFields = ['purpose', 'models', 'dataCategories'] as const;

/**
 * SHA-256 of the RFC 8785 canonical JSON of {purpose, models, dataCategories}. Models and data categories are sets:
 * sorted and deduplicated, so that reordering them is not a change.
 */
export function systemFingerprint(s: SystemFacts): string {
  const set = (v: readonly string[]) => [...new Set(v)].sort();
  return sha256Hex(canonicalize({ purpose: s.purpose, models: set(s.models), dataCategories: set(s.dataCategories) }) ?? '');
}

export function fingerprintChanged(stored: string, current: SystemFacts): boolean {
  return stored !== systemFingerprint(current);
}

/** Of the fields a system update changed, those that matter to its impact assessment (in a fixed order). */
export function relevantChanges(changedFields: readonly string[]): string[] {
  return fingerprintFields.filter((f) => changedFields.includes(f));
}

const fieldWords: Record<(typeof fingerprintFields)[number], string> = {
  purpose: 'purpose',
  models: 'models',
  dataCategories: 'data categories',
};

export function reassessmentReason(fields: readonly string[]): string {
  return `The system's purpose, model or data categories changed: ${fields.map((f) => fieldWords[f as keyof typeof fieldWords] ?? f).join(', ')}`;
}

/* ---------- when an assessment is required ---------- */

export interface RequirementFacts {
  /** the newest EU AI Act classification tier, if the system was classified */
  tier: string | null;
  decisionRole: string;
  affectedPersons: readonly string[];
  dataCategories: readonly string[];
}

export type RequiredReason = 'high_risk' | 'decides_about_individuals';

const decidingRoles = new Set(['recommends', 'decides_automatically']);
const people = new Set(['customers', 'employees', 'public']);
const personalData = new Set(['personal', 'sensitive_personal', 'biometric', 'childrens']);

/**
 * An assessment is required when the system is high-risk (its latest classification), or when it recommends or
 * takes decisions about customers, employees or the public using personal data.
 */
export function requiredReasons(f: RequirementFacts): RequiredReason[] {
  const reasons: RequiredReason[] = [];
  if (f.tier === 'high') reasons.push('high_risk');
  if (
    decidingRoles.has(f.decisionRole) &&
    f.affectedPersons.some((p) => people.has(p)) &&
    f.dataCategories.some((c) => personalData.has(c))
  )
    reasons.push('decides_about_individuals');
  return reasons;
}
