import type { PriorityBasis, PriorityLevel } from './schema.js';

/** The register fields that say how much harm a system can do, until the risk classification gives its tier. */
export interface SystemRiskFacts {
  id: string;
  name: string;
  dataCategories: readonly string[];
  affectedPersons: readonly string[];
  decisionRole: string;
  /** the tier the EU AI Act gives (or would give) the system, from its newest classification */
  indicativeTier?: string | null;
}

/**
 * 3: high-risk or prohibited under the EU AI Act (indicative tier), decides about people on its own, or handles
 * sensitive, biometric or children's data; 2: a limited-risk tier, personal or financial data, or affects customers
 * or the public; 1: otherwise. Each reason is kept so a person can check the figure.
 */
export function systemRisk(s: SystemRiskFacts): { risk: 1 | 2 | 3; reasons: string[] } {
  const high: string[] = [];
  if (s.indicativeTier === 'high' || s.indicativeTier === 'prohibited') high.push(`EU AI Act tier: ${s.indicativeTier}`);
  if (s.decisionRole === 'decides_automatically') high.push('decides automatically');
  for (const c of ['sensitive_personal', 'biometric', 'childrens'])
    if (s.dataCategories.includes(c)) high.push(`${c.replace('_', ' ')} data`);
  if (high.length) return { risk: 3, reasons: high };
  const medium: string[] = [];
  if (s.indicativeTier === 'limited') medium.push('EU AI Act tier: limited');
  for (const c of ['personal', 'financial']) if (s.dataCategories.includes(c)) medium.push(`${c} data`);
  for (const p of ['customers', 'public']) if (s.affectedPersons.includes(p)) medium.push(`affects ${p}`);
  if (medium.length) return { risk: 2, reasons: medium };
  return { risk: 1, reasons: ['no personal data, informs people only'] };
}

/** Weight × the highest risk among the systems the requirement touches (1 when it touches none). */
export function computePriority(
  weight: number,
  scope: PriorityBasis['scope'],
  systems: SystemRiskFacts[],
): { priority: number; basis: PriorityBasis } {
  const rated = systems.map((s) => ({ id: s.id, name: s.name, ...systemRisk(s) }));
  const risk = rated.reduce((m, s) => Math.max(m, s.risk), 1);
  return {
    priority: weight * risk,
    basis: { weight, systemRisk: risk, scope: systems.length ? scope : 'no_systems', systems: rated },
  };
}

export function priorityLevel(priority: number): PriorityLevel {
  if (priority >= 6) return 'high';
  if (priority >= 3) return 'medium';
  return 'low';
}
