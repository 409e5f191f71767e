import type { App } from '../../src/server/types.js';

export interface ComplianceFixtures {
  control: string;
  toggleControl: string;
  assessment: string;
  toggleAssessment: string;
  action: string;
}

/**
 * Through the API, as `headers`' caller: two controls, an ISO/IEC 42001 assessment whose 4.2 is a gap (so that an
 * action can be raised from it), a second assessment to archive, and one remediation action.
 */
export async function seedComplianceFixtures(
  app: App,
  slug: string,
  headers: Record<string, string>,
  label: string,
): Promise<ComplianceFixtures> {
  const base = `/api/v1/orgs/${slug}`;
  const call = async (method: 'POST' | 'PATCH', path: string, payload: object, expected: number) => {
    const res = await app.inject({ method, url: `${base}${path}`, headers, payload });
    if (res.statusCode !== expected) throw new Error(`seed ${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>();
  };
  const control = (
    await call(
      'POST',
      '/controls',
      { name: `${label} AI policy review`, requirements: [{ framework: 'iso-iec-42001-2023', requirementId: 'A.2.2' }] },
      201,
    )
  ).id;
  const toggleControl = (await call('POST', '/controls', { name: `${label} archivable control` }, 201)).id;
  const assessment = (await call('POST', '/assessments', { framework: 'iso-iec-42001-2023', title: `${label} gap assessment` }, 201)).id;
  await call(
    'PATCH',
    `/assessments/${assessment}/items/4.2`,
    { status: 'gap', gapDescription: `${label}: interested parties not listed` },
    200,
  );
  const toggleAssessment = (await call('POST', '/assessments', { framework: 'hk-pdpo-dpp', title: `${label} archivable assessment` }, 201))
    .id;
  const action = (await call('POST', `/assessments/${assessment}/items/4.2/actions`, {}, 201)).id;
  return { control, toggleControl, assessment, toggleAssessment, action };
}
