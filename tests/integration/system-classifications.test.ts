import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import type { ClassificationOverview, ClassificationState } from '../../src/modules/system-classifications/schema.js';
import type { SystemView } from '../../src/modules/systems/schema.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, PASSWORD, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';

describe.each(engines)('classifying AI systems on %s', (engine) => {
  let t: TestApp;
  let org: TestOrg;
  let lead: Record<string, string>;
  const url = (path: string, slug = 'acme') => `/api/v1/orgs/${slug}${path}`;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp(engine);
    org = await buildOrg(t.database.db, 'acme');
    await buildOrg(t.database.db, 'other');
    lead = bearer(org.tokens.governance_lead);
  });
  afterAll(async () => t?.close());

  async function newSystem(overrides = {}): Promise<SystemView> {
    const res = await t.app.inject({ method: 'POST', url: url('/systems'), headers: lead, payload: buildSystem(overrides) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<SystemView>();
  }

  it('suggests answers from the register, stores the wizard answers with the result, and sets the review date by tier', async () => {
    const cv = await newSystem({
      name: 'CV screening',
      decisionRole: 'recommends',
      affectedPersons: ['public'],
      dataCategories: ['personal'],
      outputRegions: ['hong_kong', 'eu'],
      vendorId: null,
    });
    const before = await t.app.inject({ method: 'GET', url: url(`/systems/${cv.id}/classification`), headers: lead });
    const state = before.json<ClassificationState>();
    expect(state.current).toBeNull();
    expect(state.suggestedAnswers.eu).toMatchObject({ euNexus: { outputUsedInEu: true }, profilesNaturalPersons: true });
    expect(state.suggestionReasons.length).toBeGreaterThan(0);

    const answers = { ...state.suggestedAnswers.eu, role: 'deployer', annexIII: ['4a'], derogation: { preparatoryTask: true } };
    const res = await t.app.inject({
      method: 'PUT',
      url: url(`/systems/${cv.id}/classification`),
      headers: lead,
      payload: { eu: answers, hk: state.suggestedAnswers.hk },
    });
    expect(res.statusCode, res.body).toBe(200);
    const classified = res.json<ClassificationState>();
    // Profiling natural persons rules the Art. 6(3) derogation out.
    expect(classified.current?.tier).toBe('high');
    expect(classified.current?.eu.result.basis).toEqual(expect.arrayContaining(['Art. 6(2)', 'Annex III 4(a)']));
    expect(classified.current?.eu.result.derogationApplied).toBe(false);
    expect(classified.current?.eu.answers).toMatchObject({ annexIII: ['4a'] });
    expect(classified.current?.hk?.result.pcpd.riskLevel).toBeDefined();
    expect(classified.history).toHaveLength(1);
    // High risk: reviewed within 6 months by default.
    const [y, m] = today.split('-').map(Number) as [number, number];
    const due = classified.nextReviewDate ?? '';
    expect(due > today).toBe(true);
    expect(Number(due.slice(0, 4)) * 12 + Number(due.slice(5, 7)) - (y * 12 + m)).toBe(6);

    const audit = (
      await t.app.inject({ method: 'GET', url: url(`/audit-log?entityId=${cv.id}&limit=5`), headers: lead })
    ).json<AuditPage>();
    expect(audit.items.find((e) => e.action === 'system.classify')?.after).toMatchObject({ tier: 'high', nextReviewDate: due });
  });

  it('lists every system with its tier and counts the unclassified and overdue ones', async () => {
    const idle = await newSystem({ name: 'Idle tool', nextReviewDate: '2020-01-31' });
    const overview = (await t.app.inject({ method: 'GET', url: url('/classifications'), headers: lead })).json<ClassificationOverview>();
    expect(overview.counts.high).toBe(1);
    expect(overview.unclassified).toBeGreaterThanOrEqual(1);
    const row = overview.items.find((i) => i.systemId === idle.id);
    expect(row).toMatchObject({ tier: null, reviewOverdue: true });
    expect(overview.overdue).toBeGreaterThanOrEqual(1);
  });

  it('refuses malformed answers, listing the fields, and writes nothing', async () => {
    const s = await newSystem();
    const res = await t.app.inject({
      method: 'PUT',
      url: url(`/systems/${s.id}/classification`),
      headers: lead,
      payload: { eu: { annexIII: ['9z'], profilesNaturalPersons: 'yes', role: 'owner' } },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ error: { details: { issues: { path: string }[] } } }>().error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['eu.annexIII.0', 'eu.profilesNaturalPersons', 'eu.role']));
    const after = (
      await t.app.inject({ method: 'GET', url: url(`/systems/${s.id}/classification`), headers: lead })
    ).json<ClassificationState>();
    expect(after.history).toHaveLength(0);
  });

  it('lets a system owner classify only the systems they own', async () => {
    const owned = await newSystem({ technicalOwnerId: org.users.system_owner.id });
    const other = await newSystem();
    const headers = bearer(org.tokens.system_owner);
    const body = { eu: { role: 'deployer' } };
    const put = (id: string) => t.app.inject({ method: 'PUT', url: url(`/systems/${id}/classification`), headers, payload: body });
    // A token acts for no person, so even the owned system is refused to a system_owner token.
    expect((await put(owned.id)).statusCode).toBe(403);
    expect((await put(other.id)).statusCode).toBe(403);
    // Signed in as the person, the owned system is theirs to classify.
    const session = await signIn(t.app, org.users.system_owner.email, PASSWORD);
    const asPerson = (id: string) =>
      t.app.inject({ method: 'PUT', url: url(`/systems/${id}/classification`), headers: session, payload: body });
    expect((await asPerson(owned.id)).statusCode).toBe(200);
    expect((await asPerson(other.id)).statusCode).toBe(403);
    const viewer = await t.app.inject({
      method: 'PUT',
      url: url(`/systems/${other.id}/classification`),
      headers: bearer(org.tokens.viewer),
      payload: body,
    });
    expect(viewer.statusCode).toBe(403);
    const foreign = await t.app.inject({
      method: 'GET',
      url: url(`/systems/${other.id}/classification`, 'other'),
      headers: bearer(org.tokens.owner),
    });
    expect(foreign.statusCode).toBe(404);
  });
});
