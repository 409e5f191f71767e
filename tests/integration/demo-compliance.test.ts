import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import type { AssessmentDetail, AssessmentSummary } from '../../src/modules/assessments/schema.js';
import type { GapRegister, PlanView } from '../../src/modules/remediation/schema.js';
import { engines } from '../support/engines.js';
import { signIn, startTestApp, type TestApp } from '../support/harness.js';

describe.each(engines)('the demo gap assessment on %s', (engine) => {
  let t: TestApp;
  let headers: Record<string, string>;
  const get = async <T>(path: string): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/harbour-point${path}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    await seedDemo(t.database.db, { evidenceDir: t.evidenceDir });
    headers = await signIn(t.app, 'grace.wong@harbourpoint.example', 'harbour-demo-2026');
  });
  afterAll(async () => t?.close());

  it('is partly done and shows the real gaps: CRM vendors, the inventory, the knowledge assistant', async () => {
    const { items } = await get<{ items: AssessmentSummary[] }>('/assessments');
    expect(items).toHaveLength(1);
    const iso = await get<AssessmentDetail>(`/assessments/${items[0]?.id}`);
    expect(iso.progress.completion).toBeGreaterThan(0.1);
    expect(iso.progress.completion).toBeLessThan(0.6);
    const status = (id: string) => iso.items.find((i) => i.requirementId === id)?.status;
    expect(status('A.10.3')).toBe('gap');
    expect(status('A.4.2')).toBe('partially_met');
    expect(status('A.5.3')).toBe('gap');
    expect(status('5.2')).toBe('met');

    const gaps = await get<GapRegister>('/gaps');
    const text = gaps.items.map((g) => g.gapDescription ?? '').join('\n');
    expect(text).toContain('LeadLoom AI, DraftWise, CallSense');
    expect(text).toContain('Harbour Knowledge Assistant');
    expect(text).toContain('register was started');

    const plan = await get<PlanView>('/remediation-actions');
    expect(plan.items.map((a) => a.requirementId).sort()).toEqual(['A.10.3', 'A.4.2', 'A.5.3']);
    // The knowledge assistant's gap touches a system with personal and financial data used on customers.
    const ia = plan.items.find((a) => a.requirementId === 'A.5.3');
    expect(ia?.priorityBasis.scope).toBe('linked_systems');
    expect(ia?.priorityBasis.systems.map((s) => s.name)).toEqual(['Harbour Knowledge Assistant']);
  });

  it('has evidence for the approved AI policy, as a stored file linked to 5.2 and its control', async () => {
    const iso = (await get<{ items: AssessmentSummary[] }>('/assessments')).items[0];
    const detail = await get<AssessmentDetail>(`/assessments/${iso?.id}`);
    expect(detail.items.find((i) => i.requirementId === '5.2')?.evidenceCount).toBe(1);
    const list = await get<{ items: { id: string; title: string; kind: string }[] }>('/evidence?q=AI%20policy');
    const policy = list.items.find((e) => e.kind === 'file');
    expect(policy?.title).toContain('AI policy v1.0');
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/harbour-point/evidence/${policy?.id}/files/1`, headers });
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('Approved by the partners on 12 September 2026');
  });
});
