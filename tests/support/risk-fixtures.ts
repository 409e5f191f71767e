import type { App } from '../../src/server/types.js';

export interface RiskFixtures {
  risk: string;
  toggleRisk: string;
}

/**
 * Through the API, as `headers`' caller: a control of its own, a treated risk of `systemId` (or organisation-wide)
 * with residual values and that control linked, and an organisation-wide risk to archive and restore.
 */
export async function seedRiskFixtures(
  app: App,
  slug: string,
  headers: Record<string, string>,
  label: string,
  systemId: string | null = null,
): Promise<RiskFixtures> {
  const base = `/api/v1/orgs/${slug}`;
  const call = async (path: string, payload: object, expected: number) => {
    const res = await app.inject({ method: 'POST', url: `${base}${path}`, headers, payload });
    if (res.statusCode !== expected) throw new Error(`seed POST ${path}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>();
  };
  const control = (await call('/controls', { name: `${label} model monitoring` }, 201)).id;
  const risk = (
    await call(
      '/risks',
      {
        systemId,
        title: `${label} model drift`,
        riskSource: 'C.3.4',
        objective: 'C.2.8',
        likelihood: 4,
        impact: 3,
        treatment: 'mitigate',
        residualLikelihood: 2,
        residualImpact: 3,
        status: 'treated',
      },
      201,
    )
  ).id;
  await call(`/risks/${risk}/controls`, { controlIds: [control] }, 200);
  const toggleRisk = (await call('/risks', { title: `${label} archivable risk`, likelihood: 1, impact: 2 }, 201)).id;
  return { risk, toggleRisk };
}
