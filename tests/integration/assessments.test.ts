import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentDetail, AssessmentItemView, OrgProgressView } from '../../src/modules/assessments/schema.js';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import type { AdoptResult, ControlView } from '../../src/modules/controls/schema.js';
import type { ActionView, GapRegister, PlanView } from '../../src/modules/remediation/schema.js';
import type { SystemView } from '../../src/modules/systems/schema.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, type TestOrg } from '../support/factories.js';
import { bearer, startTestApp, type TestApp } from '../support/harness.js';

const ISO = 'iso-iec-42001-2023';

describe.each(engines)('applied controls, assessments and remediation on %s', (engine) => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let lead: Record<string, string>;
  const url = (path: string, slug = 'acme') => `/api/v1/orgs/${slug}${path}`;

  async function call<T>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    payload?: object,
    expected = method === 'POST' ? 201 : 200,
  ): Promise<T> {
    const res = await t.app.inject({ method, url: url(path), headers: lead, ...(payload ? { payload } : {}) });
    if (res.statusCode !== expected) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  }
  const item = (a: AssessmentDetail, id: string): AssessmentItemView => {
    const found = a.items.find((i) => i.requirementId === id);
    if (!found) throw new Error(`no item ${id}`);
    return found;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    org = await buildOrg(t.database.db, 'acme');
    other = await buildOrg(t.database.db, 'other');
    lead = bearer(org.tokens.governance_lead);
  });
  afterAll(async () => t?.close());

  it('creates an assessment with one item per assessable requirement, and derives statuses from linked controls', async () => {
    const a = await call<AssessmentDetail>('POST', '/assessments', { framework: ISO });
    expect(a.items).toHaveLength(70);
    expect(a.items.every((i) => i.status === 'not_assessed' && i.statusSource === 'derived')).toBe(true);
    expect(a.progress).toMatchObject({ total: 70, completion: 0, compliance: 0 });

    const planned = await call<ControlView>('POST', '/controls', {
      name: 'AI policy approved by the board',
      requirements: [{ framework: ISO, requirementId: 'A.2.2' }],
    });
    let now = await call<AssessmentDetail>('GET', `/assessments/${a.id}`);
    expect(item(now, 'A.2.2')).toMatchObject({ status: 'gap', derivedStatus: 'gap', controls: [{ id: planned.id, status: 'planned' }] });

    await call('PATCH', `/controls/${planned.id}`, { status: 'implemented' });
    now = await call<AssessmentDetail>('GET', `/assessments/${a.id}`);
    expect(item(now, 'A.2.2').status).toBe('met');

    const second = await call<ControlView>('POST', '/controls', {
      name: 'Policy review each year',
      status: 'in_progress',
      requirements: [{ framework: ISO, requirementId: 'A.2.2' }],
    });
    now = await call<AssessmentDetail>('GET', `/assessments/${a.id}`);
    expect(item(now, 'A.2.2').status).toBe('partially_met');

    // Archiving the unfinished control leaves only the implemented one.
    await call('POST', `/controls/${second.id}/archive`, undefined, 200);
    now = await call<AssessmentDetail>('GET', `/assessments/${a.id}`);
    expect(item(now, 'A.2.2').status).toBe('met');
  });

  it("shows what the organisation's assessed ISO/IEC 42001 work covers of the NIST AI RMF", async () => {
    // A.2.2 is met (previous test) and intersects GOVERN 1.2: partly covered, never fully through "intersects".
    const coverage = await call<{
      summary: Record<string, number>;
      rows: { requirementId: string; coverage: string; links: { sourceId: string; sourceStatus: string | null }[] }[];
    }>('GET', `/coverage?framework=nist-ai-rmf-1.0&from=${ISO}`);
    const govern12 = coverage.rows.find((r) => r.requirementId === 'GOVERN 1.2');
    expect(govern12?.coverage).toBe('partly_covered');
    expect(govern12?.links.find((l) => l.sourceId === 'A.2.2')?.sourceStatus).toBe('met');
    expect(coverage.summary.partly_covered).toBeGreaterThan(0);
    // The catalogue alone (no organisation) knows the links but no statuses.
    const plain = await t.app.inject({ method: 'GET', url: `/api/v1/frameworks/nist-ai-rmf-1.0/coverage?from=${ISO}`, headers: lead });
    expect(plain.json<{ summary: Record<string, number> }>().summary.partly_covered).toBe(0);
  });

  it('records a manual override in the audit trail, and hands the status back to the controls on request', async () => {
    const a = await call<AssessmentDetail>('POST', '/assessments', { framework: ISO, title: 'Override check' });
    expect(item(a, 'A.2.2').status).toBe('met');
    const overridden = await call<AssessmentItemView>('PATCH', `/assessments/${a.id}/items/A.2.2`, {
      status: 'partially_met',
      overrideReason: 'The policy has not been communicated to staff yet',
    });
    expect(overridden).toMatchObject({ status: 'partially_met', statusSource: 'manual', derivedStatus: 'met' });
    const audit = await call<AuditPage>('GET', `/audit-log?entityType=assessment_item&limit=5`);
    const entry = audit.items.find((e) => e.action === 'assessment.item.override');
    expect(entry?.before).toMatchObject({ status: 'met', statusSource: 'derived' });
    expect(entry?.after).toMatchObject({
      status: 'partially_met',
      statusSource: 'manual',
      overrideReason: 'The policy has not been communicated to staff yet',
    });

    const back = await call<AssessmentItemView>('PATCH', `/assessments/${a.id}/items/A.2.2`, { statusSource: 'derived' });
    expect(back).toMatchObject({ status: 'met', statusSource: 'derived', overrideReason: null });
  });

  it('refuses "not applicable" without a justification and changes nothing, one at a time or in bulk', async () => {
    const a = await call<AssessmentDetail>('POST', '/assessments', { framework: ISO, title: 'N/A check' });
    const before = item(a, 'A.10.3');
    const res = await t.app.inject({
      method: 'PATCH',
      url: url(`/assessments/${a.id}/items/A.10.3`),
      headers: lead,
      payload: { status: 'not_applicable', notes: 'No suppliers' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ error: { details: { issues: { path: string }[] } } }>().error.details.issues.map((i) => i.path)).toContain(
      'justification',
    );

    const bulk = await t.app.inject({
      method: 'POST',
      url: url(`/assessments/${a.id}/items/bulk`),
      headers: lead,
      payload: { requirementIds: ['A.10.2', 'A.10.3'], changes: { status: 'not_applicable' } },
    });
    expect(bulk.statusCode).toBe(422);
    const unchanged = await call<AssessmentDetail>('GET', `/assessments/${a.id}`);
    expect(item(unchanged, 'A.10.3')).toMatchObject({ status: before.status, version: before.version, notes: null });
    expect(item(unchanged, 'A.10.2').version).toBe(item(a, 'A.10.2').version);

    const ok = await call<{ updated: number }>(
      'POST',
      `/assessments/${a.id}/items/bulk`,
      {
        requirementIds: ['A.10.2', 'A.10.3'],
        changes: { status: 'not_applicable', justification: 'All AI is built in-house; no suppliers' },
      },
      200,
    );
    expect(ok.updated).toBe(2);
    const filtered = await call<AssessmentDetail>('GET', `/assessments/${a.id}?status=not_applicable`);
    expect(filtered.items.map((i) => i.requirementId).sort()).toEqual(['A.10.2', 'A.10.3']);
  });

  it('answers a stale edit with 409', async () => {
    const a = await call<AssessmentDetail>('POST', '/assessments', { framework: 'hk-pdpo-dpp' });
    const first = a.items[0] as AssessmentItemView;
    await call('PATCH', `/assessments/${a.id}/items/${first.requirementId}`, { maturity: 2, version: first.version });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: url(`/assessments/${a.id}/items/${first.requirementId}`),
      headers: lead,
      payload: { maturity: 3, version: first.version },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('computes progress by framework, clause and AIMS component', async () => {
    const a = await call<AssessmentDetail>('POST', '/assessments', { framework: 'hk-pdpo-dpp', title: 'Progress check' });
    const ids = a.items.map((i) => i.requirementId);
    await call('POST', `/assessments/${a.id}/items/bulk`, { requirementIds: ids.slice(0, 2), changes: { status: 'met' } }, 200);
    await call('POST', `/assessments/${a.id}/items/bulk`, { requirementIds: ids.slice(2, 3), changes: { status: 'partially_met' } }, 200);
    const now = await call<AssessmentDetail>('GET', `/assessments/${a.id}`);
    const n = ids.length;
    expect(now.breakdown.overall.counts).toMatchObject({ met: 2, partially_met: 1, not_assessed: n - 3 });
    expect(now.breakdown.overall.completion).toBeCloseTo(3 / n, 4);
    expect(now.breakdown.overall.compliance).toBeCloseTo(2.5 / n, 4);
    expect(now.breakdown.byClause.reduce((s, c) => s + c.total, 0)).toBe(n);
    expect(now.breakdown.byComponent.length).toBeGreaterThan(0);

    const progress = await call<OrgProgressView>('GET', '/progress');
    expect(progress.frameworks.map((f) => f.framework).sort()).toEqual([ISO, 'hk-pdpo-dpp'].sort());
    const pdpo = progress.frameworks.find((f) => f.framework === 'hk-pdpo-dpp');
    expect(pdpo?.assessments.find((x) => x.id === a.id)?.progress.counts.met).toBe(2);
  });

  it('adopts starter controls once, linked to the requirements they serve', async () => {
    const first = await call<AdoptResult>('POST', '/controls/adopt', { suggestionIds: ['SC-INV-01', 'SC-INV-01'], language: 'zh-HK' }, 200);
    expect(first.created).toHaveLength(1);
    expect(first.created[0]?.suggestionId).toBe('SC-INV-01');
    expect(first.created[0]?.requirements.length).toBeGreaterThan(0);
    expect(first.created[0]?.name).toMatch(/[\u4e00-\u9fff]/);
    const again = await call<AdoptResult>('POST', '/controls/adopt', { suggestionIds: ['SC-INV-01'] }, 200);
    expect(again).toMatchObject({ created: [], skipped: [{ suggestionId: 'SC-INV-01' }] });
    const unknown = await t.app.inject({
      method: 'POST',
      url: url('/controls/adopt'),
      headers: lead,
      payload: { suggestionIds: ['SC-XYZ-99'] },
    });
    expect(unknown.statusCode).toBe(422);
  });

  it('refuses links to requirements, systems and owners that do not exist, and writes nothing', async () => {
    const before = await call<{ total: number }>('GET', '/controls?archived=include');
    const foreignSystem = (
      await t.app.inject({ method: 'POST', url: url('/systems', 'other'), headers: bearer(other.tokens.owner), payload: buildSystem() })
    ).json<SystemView>();
    const res = await t.app.inject({
      method: 'POST',
      url: url('/controls'),
      headers: lead,
      payload: {
        name: 'Broken links',
        requirements: [
          { framework: ISO, requirementId: 'A.99.9' },
          { framework: 'no-such-framework', requirementId: '1' },
        ],
        systemIds: [foreignSystem.id],
        ownerId: other.users.owner.id,
      },
    });
    expect(res.statusCode).toBe(422);
    const paths = res.json<{ error: { details: { issues: { path: string }[] } } }>().error.details.issues.map((i) => i.path);
    expect(paths).toEqual(['requirements.0.requirementId', 'requirements.1.framework', 'systemIds.0', 'ownerId']);
    expect((await call<{ total: number }>('GET', '/controls?archived=include')).total).toBe(before.total);
  });

  it('prices remediation by requirement weight and system risk, and orders the plan by priority', async () => {
    const risky = await call<SystemView>(
      'POST',
      '/systems',
      buildSystem({ name: 'Credit decisions', decisionRole: 'decides_automatically', dataCategories: ['financial'] }),
    );
    const mild = await call<SystemView>(
      'POST',
      '/systems',
      buildSystem({ name: 'Meeting notes', dataCategories: ['none'], affectedPersons: ['employees'] }),
    );
    const onRisky = await call<AssessmentDetail>('POST', '/assessments', { framework: ISO, systemId: risky.id });
    const onMild = await call<AssessmentDetail>('POST', '/assessments', { framework: ISO, systemId: mild.id });
    expect(onRisky.system).toEqual({ id: risky.id, name: 'Credit decisions' });
    // A.5.4 (impact on individuals) weighs more than 7.5.2 (documented information) in the pack.
    const heavy = item(onRisky, 'A.5.4');
    const light = item(onMild, '7.5.2');
    expect(heavy.weight).toBeGreaterThan(light.weight);
    for (const [a, req] of [
      [onMild, '7.5.2'],
      [onRisky, 'A.5.4'],
    ] as const) {
      await call('PATCH', `/assessments/${a.id}/items/${req}`, { status: 'gap', gapDescription: `Nothing in place for ${req}` });
    }
    const low = await call<ActionView>('POST', `/assessments/${onMild.id}/items/7.5.2/actions`, {});
    const high = await call<ActionView>('POST', `/assessments/${onRisky.id}/items/A.5.4/actions`, {});
    expect(high).toMatchObject({
      priority: heavy.weight * 3,
      priorityBasis: { weight: heavy.weight, systemRisk: 3, scope: 'assessed_system', systems: [{ id: risky.id, risk: 3 }] },
      description: 'Nothing in place for A.5.4',
      assessment: { id: onRisky.id },
    });
    expect(high.priorityBasis.systems[0]?.reasons).toContain('decides automatically');
    expect(low).toMatchObject({ priority: light.weight * 1, priorityBasis: { systemRisk: 1 } });

    let plan = await call<PlanView>('GET', '/remediation-actions');
    const order = plan.items.map((i) => i.id);
    expect(order.indexOf(high.id)).toBeLessThan(order.indexOf(low.id));

    // An override wins over the computed value and moves the action; null hands it back.
    await call('PATCH', `/remediation-actions/${low.id}`, { priorityOverride: 9 });
    plan = await call<PlanView>('GET', '/remediation-actions');
    expect(plan.items[0]?.id).toBe(low.id);
    const reset = await call<ActionView>('PATCH', `/remediation-actions/${low.id}`, { priorityOverride: null });
    expect(reset.priority).toBe(low.computedPriority);

    const gaps = await call<GapRegister>('GET', '/gaps');
    const heavyGap = gaps.items.find((g) => g.itemId === heavy.id);
    expect(heavyGap).toMatchObject({ priority: heavy.weight * 3, actions: [{ id: high.id, status: 'open' }] });
    const priorities = gaps.items.map((g) => g.priority);
    expect(priorities).toEqual([...priorities].sort((x, y) => y - x));

    // Only a gap can be remediated from an assessment.
    const met = await t.app.inject({
      method: 'POST',
      url: url(`/assessments/${onRisky.id}/items/4.1/actions`),
      headers: lead,
      payload: {},
    });
    expect(met.statusCode).toBe(422);
  });

  it("hides every object from another organisation's members (404) and checks the role (403)", async () => {
    const a = await call<AssessmentDetail>('POST', '/assessments', { framework: 'hk-pdpo-dpp', title: 'Private' });
    const outsider = bearer(other.tokens.owner);
    for (const path of [`/assessments/${a.id}`, `/controls/${(await call<{ items: ControlView[] }>('GET', '/controls')).items[0]?.id}`]) {
      const res = await t.app.inject({ method: 'GET', url: url(path, 'other'), headers: outsider });
      expect(res.statusCode, path).toBe(404);
    }
    const viewer = await t.app.inject({
      method: 'PATCH',
      url: url(`/assessments/${a.id}/items/${a.items[0]?.requirementId}`),
      headers: bearer(org.tokens.viewer),
      payload: { maturity: 1 },
    });
    expect(viewer.statusCode).toBe(403);
  });
});
