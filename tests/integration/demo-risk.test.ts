import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import type { ClassificationOverview } from '../../src/modules/system-classifications/schema.js';
import { engines } from '../support/engines.js';
import { signIn, startTestApp, type TestApp } from '../support/harness.js';

describe.each(engines)('the demo classifications on %s', (engine) => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(engine);
    await seedDemo(t.database.db, { evidenceDir: t.evidenceDir });
    headers = await signIn(t.app, 'grace.wong@harbourpoint.example', 'harbour-demo-2026');
  });
  afterAll(async () => t?.close());

  it('classifies every system; CV screening would be high-risk under Annex III 4(a) once its output reaches the EU', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/orgs/harbour-point/classifications', headers });
    const overview = res.json<ClassificationOverview>();
    expect(overview.unclassified).toBe(0);
    expect(overview.items).toHaveLength(9);
    // Nothing reaches the EU today.
    expect(overview.items.every((i) => i.tier === 'out_of_scope')).toBe(true);
    const cv = overview.items.find((i) => i.name === 'CV screening (TalentSift)');
    expect(cv).toMatchObject({ indicativeTier: 'high', pcpdRiskLevel: 'high' });
    expect(cv?.basis).toContain('Art. 2(1)');
    const chatbot = overview.items.find((i) => i.name === 'Website chatbot (Chatwise)');
    expect(chatbot?.indicativeTier).toBe('limited');
  });

  it('starts the risk register from the suggestions for the client- and applicant-facing systems', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/orgs/harbour-point/risk-summary', headers });
    expect(res.statusCode, res.body).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/orgs/harbour-point/risks?limit=200', headers });
    const risks = list.json<{ items: { system: { name: string } | null; riskSource: string | null }[]; total: number }>();
    expect(risks.total).toBeGreaterThanOrEqual(3);
    expect(new Set(risks.items.map((r) => r.system?.name))).toEqual(
      new Set(['CV screening (TalentSift)', 'CRM lead scoring (LeadLoom AI)', 'Harbour Knowledge Assistant']),
    );
    expect(risks.items.every((r) => r.riskSource !== null)).toBe(true);
  });

  it("has the knowledge assistant's impact assessment in draft, and requires one for CV screening", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/orgs/harbour-point/impact-assessments/required', headers });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { system: { name: string }; required: boolean; reasons: string[]; status: string }[] }>().items;
    const byName = (name: string) => items.find((i) => i.system.name === name);
    expect(byName('Harbour Knowledge Assistant')?.status).toBe('draft');
    expect(byName('CV screening (TalentSift)')).toMatchObject({ required: true, reasons: ['decides_about_individuals'], status: 'none' });
  });
});
