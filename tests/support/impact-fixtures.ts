import { randomUUID } from 'node:crypto';
import type { ImpactContent } from '../../src/modules/impact/schema.js';
import type { App } from '../../src/server/types.js';
import { buildSystem } from './factories.js';

/** An assessment content with every section complete. */
export function completeImpactContent(): ImpactContent {
  const harm = (description: string, severity: number, likelihood: number) => ({ description, severity, likelihood });
  return {
    system: {
      description: 'Answers staff questions from the policy library',
      intendedUse: 'Internal knowledge search for front-line staff',
      deploymentContext: 'Intranet, Hong Kong offices',
    },
    misuse: { description: 'Staff could paste customer records into prompts' },
    affected: {
      groups: [
        { name: 'Front-line staff', vulnerable: false },
        { name: 'Customers in financial difficulty', description: 'Answers shape how staff treat them', vulnerable: true },
      ],
    },
    benefits: { description: 'Faster, consistent answers' },
    harms: {
      rights: harm('Wrong answers about complaint rights', 3, 2),
      fairness: harm('Uneven quality across languages', 2, 3),
      safety: harm('No physical safety impact', 1, 1),
      privacy: harm('Customer data in prompts', 4, 2),
      wellbeing: harm('Staff over-reliance', 2, 2),
      society: harm('No material societal impact', 1, 1),
      environment: harm('Modest compute use', 1, 2),
    },
    mitigations: { items: [{ description: 'Prompt filter for identifiers', dimensions: ['privacy'], controlIds: [] }] },
    oversight: { description: 'Staff check every answer against the source before acting' },
    transparency: { description: 'Staff notice and intranet banner' },
    dataProtection: {
      DPP1: { how: 'Only policy documents are indexed' },
      DPP2: { how: 'Index refreshed nightly; logs kept 30 days' },
      DPP3: { how: 'No reuse of prompts for training' },
      DPP4: { how: 'Vendor hosting in Hong Kong, SSO', gaps: 'Vendor penetration test pending' },
      DPP5: { how: 'AI use listed in the privacy policy' },
      DPP6: { how: 'Logs searchable for access requests' },
    },
    consultation: { items: [{ who: 'Data protection officer', when: '2026-11-02', outcome: 'Prompt filter added' }] },
    residual: { description: 'Low residual privacy risk', severity: 2, likelihood: 1 },
    conclusion: {
      decision: 'proceed_with_conditions',
      conditions: 'Complete the vendor penetration test',
      rationale: 'Benefits outweigh low residual risk',
    },
  };
}

export interface ImpactFixtures {
  /** a draft that stays a draft: read, edited, exported */
  impact: string;
  /** a complete assessment submitted for review; the walk submits it again (no change) and signs the governance step */
  reviewImpact: string;
}

/** Systems without an assessment, by organisation slug, handed out one per create call. */
const freshSystems = new Map<string, { ids: string[]; next: number }>();

/** A system of `slug` with no assessment yet (a random id when none was seeded, which answers 404). */
export function nextFreshSystem(slug: string | undefined): string {
  const pool = slug ? freshSystems.get(slug) : undefined;
  if (!pool?.ids.length) return randomUUID();
  return pool.ids[pool.next++ % pool.ids.length]!;
}

/**
 * Through the API, as `headers`' caller (an owner): a draft assessment, a submitted one, and `poolSize` systems for
 * the create route, so that every caller of a walk starts a fresh assessment instead of meeting an open one (409).
 */
export async function seedImpactFixtures(
  app: App,
  slug: string,
  headers: Record<string, string>,
  label: string,
  poolSize = 30,
): Promise<ImpactFixtures> {
  const base = `/api/v1/orgs/${slug}`;
  const call = async (method: 'GET' | 'POST' | 'PATCH', path: string, payload: object | undefined, expected: number) => {
    const res = await app.inject({ method, url: `${base}${path}`, headers, ...(payload ? { payload } : {}) });
    if (res.statusCode !== expected) throw new Error(`seed ${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; items?: { userId: string; role: string }[] }>();
  };
  const members = (await call('GET', '/members', undefined, 200)).items ?? [];
  const owner = members.find((m) => m.role === 'system_owner') ?? members[0];
  const system = async (name: string) => (await call('POST', '/systems', buildSystem({ name, accountableOwnerId: owner?.userId }), 201)).id;
  const impact = (await call('POST', '/impact-assessments', { systemId: await system(`${label} assessed system`) }, 201)).id;
  const reviewImpact = (await call('POST', '/impact-assessments', { systemId: await system(`${label} reviewed system`) }, 201)).id;
  await call('PATCH', `/impact-assessments/${reviewImpact}`, { content: completeImpactContent() }, 200);
  await call('POST', `/impact-assessments/${reviewImpact}/submit`, undefined, 200);
  const ids: string[] = [];
  for (let i = 0; i < poolSize; i++) ids.push(await system(`${label} unassessed system ${i + 1}`));
  freshSystems.set(slug, { ids, next: 0 });
  return { impact, reviewImpact };
}
