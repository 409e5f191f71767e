import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClassifications } from '../../src/db/schema.js';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import type { ImpactPage, ImpactVersionList, ImpactView, RequiredList } from '../../src/modules/impact/schema.js';
import { markImpactReassessment } from '../../src/modules/impact/service.js';
import { impactTemplate } from '../../src/modules/impact/template.js';
import { pdfMapsCjk, zipEntry } from '../support/document-files.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, PASSWORD, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';
import { completeImpactContent } from '../support/impact-fixtures.js';

type ErrorBody = { error: { code: string; message: string; details?: { missingSections?: string[]; issues?: { path: string }[] } } };

describe.each(engines)('AI system impact assessments on %s', (engine) => {
  let t: TestApp;
  let acme: TestOrg;
  let other: TestOrg;
  let owner: Record<string, string>;
  /** sessions: sign-offs need a person, and API tokens have none */
  let systemOwner: Record<string, string>;
  let lead: Record<string, string>;
  let assistant: string; // owned by the system_owner user; recommends to customers with personal data
  let screening: string; // owned by the admin
  let chatbot: string; // informs only; classified high-risk later
  let control: string;
  const base = '/api/v1/orgs/acme/impact-assessments';

  const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const view = async (id: string, headers = owner) => (await inject('GET', `${base}/${id}`, headers)).json<ImpactView>();
  const create = (systemId: string, headers = owner) => inject('POST', base, headers, { systemId });
  const sign = (id: string, headers: Record<string, string>, payload: object) => inject('POST', `${base}/${id}/signoff`, headers, payload);
  const auditHead = async () => (await inject('GET', '/api/v1/orgs/acme/audit-log?limit=1', owner)).json<AuditPage>().items[0]?.seq;
  const required = async () => (await inject('GET', `${base}/required`, owner)).json<RequiredList>().items;
  const code = (res: { json: <T>() => T }) => res.json<ErrorBody>().error.code;

  beforeAll(async () => {
    t = await startTestApp(engine);
    acme = await buildOrg(t.database.db, 'acme');
    other = await buildOrg(t.database.db, 'other');
    owner = bearer(acme.tokens.owner);
    systemOwner = await signIn(t.app, acme.users.system_owner.email, PASSWORD);
    lead = await signIn(t.app, acme.users.governance_lead.email, PASSWORD);
    const post = async (path: string, payload: object) => {
      const res = await inject('POST', `/api/v1/orgs/acme${path}`, owner, payload);
      if (res.statusCode !== 201) throw new Error(`${path}: ${res.body}`);
      return res.json<{ id: string }>().id;
    };
    assistant = await post(
      '/systems',
      buildSystem({
        name: 'Knowledge assistant',
        purpose: 'Suggests answers to customer questions',
        decisionRole: 'recommends',
        affectedPersons: ['customers'],
        dataCategories: ['personal'],
        models: ['gpt-4o'],
        accountableOwnerId: acme.users.system_owner.id,
      }),
    );
    screening = await post('/systems', buildSystem({ name: 'CV screening', accountableOwnerId: acme.users.admin.id }));
    chatbot = await post('/systems', buildSystem({ name: 'Website chatbot', dataCategories: ['none'] }));
    control = await post('/controls', { name: 'Prompt filter' });
  });
  afterAll(async () => t?.close());

  it('lists which live systems need an assessment and why', async () => {
    const db = t.database.db;
    const row = (tier: string, at: string) => ({
      orgId: acme.ctx.org.id,
      systemId: chatbot,
      rulesVersion: 'test',
      euAnswers: {},
      euResult: {},
      tier,
      classifiedBy: 'test',
      classifiedAt: new Date(at),
    });
    // the newest classification counts: high, after an older minimal one
    await db.insert(systemClassifications).values([row('minimal', '2026-01-01T00:00:00Z'), row('high', '2026-06-01T00:00:00Z')]);
    const items = await required();
    const byName = Object.fromEntries(items.map((i) => [i.system.name, i]));
    expect(byName['Knowledge assistant']).toMatchObject({
      required: true,
      reasons: ['decides_about_individuals'],
      tier: null,
      status: 'none',
      assessmentId: null,
    });
    expect(byName['CV screening']).toMatchObject({ required: false, reasons: [], status: 'none' });
    expect(byName['Website chatbot']).toMatchObject({ required: true, reasons: ['high_risk'], tier: 'high' });
    const otherList = await inject('GET', '/api/v1/orgs/other/impact-assessments/required', bearer(other.tokens.owner));
    expect(otherList.json<RequiredList>().items).toEqual([]);
  });

  it('creates, edits, refuses an incomplete submission, submits, signs off by role and freezes the approved version', async () => {
    const created = await create(assistant, bearer(acme.tokens.contributor));
    expect(created.statusCode, created.body).toBe(201);
    const v1 = created.json<ImpactView>();
    expect(v1).toMatchObject({
      versionNo: 1,
      status: 'draft',
      needsReassessment: false,
      systemChanged: false,
      createdBy: 'token:contributor token',
    });
    expect(v1.content).toEqual({ system: { intendedUse: 'Suggests answers to customer questions' } });
    expect(v1.missingSections).toEqual(impactTemplate.filter((s) => s.required).map((s) => s.id));
    expect(v1.steps.map((s) => [s.step, s.state, s.signers.map((p) => p.id)])).toEqual([
      ['system_owner', 'pending', [acme.users.system_owner.id]],
      ['governance_lead', 'pending', expect.arrayContaining([acme.users.governance_lead.id, acme.users.owner.id, acme.users.admin.id])],
    ]);
    expect(v1.steps[1]?.signers).toHaveLength(3);

    // one open assessment per system
    const again = await create(assistant);
    expect([again.statusCode, code(again)]).toEqual([409, 'conflict']);
    expect((await inject('GET', `${base}?systemId=${assistant}`, owner)).json<ImpactPage>().total).toBe(1);

    // partial edits merge section by section; a stale version and an unknown control are refused
    const url = `${base}/${v1.id}`;
    const edited = await inject('PATCH', url, owner, { version: v1.version, content: { benefits: { description: 'Faster answers' } } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<ImpactView>().content).toEqual({
      system: { intendedUse: 'Suggests answers to customer questions' },
      benefits: { description: 'Faster answers' },
    });
    const stale = await inject('PATCH', url, owner, { version: v1.version, content: { misuse: { description: 'x' } } });
    expect([stale.statusCode, code(stale)]).toEqual([409, 'conflict']);
    const unknownControl = await inject('PATCH', url, owner, {
      content: { mitigations: { items: [{ description: 'Filter', controlIds: ['00000000-0000-4000-8000-000000000000'] }] } },
    });
    expect(unknownControl.statusCode).toBe(422);
    expect(unknownControl.json<ErrorBody>().error.details?.issues?.[0]?.path).toBe('content.mitigations.items.0.controlIds.0');
    const badScore = await inject('PATCH', url, owner, { content: { harms: { privacy: { severity: 9 } } } });
    expect(badScore.statusCode).toBe(400);

    // submitting with sections missing: 422 naming them, nothing written
    const head = await auditHead();
    const early = await inject('POST', `${url}/submit`, owner);
    expect(early.statusCode).toBe(422);
    expect(early.json<ErrorBody>().error.details?.missingSections).toEqual(
      impactTemplate.filter((s) => s.required && s.id !== 'benefits').map((s) => s.id),
    );
    expect(early.json<ErrorBody>().error.message).toMatch(/^Complete the required sections first: system, misuse/);
    expect(await auditHead()).toBe(head);
    expect((await view(v1.id)).status).toBe('draft');

    const content = completeImpactContent();
    content.mitigations!.items[0]!.controlIds = [control];
    const complete = await inject('PATCH', url, owner, { content });
    expect(complete.statusCode, complete.body).toBe(200);
    expect(complete.json<ImpactView>().missingSections).toEqual([]);
    const submitted = await inject('POST', `${url}/submit`, bearer(acme.tokens.contributor));
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json<ImpactView>()).toMatchObject({ status: 'in_review', can: { update: false, submit: false } });
    expect(submitted.json<ImpactView>().submittedAt).not.toBeNull();
    const inReview = await inject('PATCH', url, owner, { content: { misuse: { description: 'Changed' } } });
    expect([inReview.statusCode, code(inReview)]).toEqual([409, 'conflict']);
    expect((await inject('POST', `${url}/submit`, owner)).statusCode).toBe(200); // already in review: no change

    // who may sign what
    expect((await view(v1.id, systemOwner)).can.signoff).toEqual({ system_owner: true, governance_lead: false });
    expect((await view(v1.id, lead)).can.signoff).toEqual({ system_owner: false, governance_lead: true });
    const contributor = await sign(v1.id, bearer(acme.tokens.contributor), { step: 'governance_lead', decision: 'approve' });
    expect([contributor.statusCode, code(contributor)]).toEqual([403, 'forbidden']);
    const leadAsOwner = await sign(v1.id, lead, { step: 'system_owner', decision: 'approve' });
    expect([leadAsOwner.statusCode, code(leadAsOwner)]).toEqual([403, 'forbidden']);
    const ownerAsLead = await sign(v1.id, systemOwner, { step: 'governance_lead', decision: 'approve' });
    expect(ownerAsLead.statusCode).toBe(403);

    const first = await sign(v1.id, systemOwner, { step: 'system_owner', decision: 'approve', note: 'Checked the mitigations' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<ImpactView>()).toMatchObject({ status: 'in_review', approvedAt: null });
    expect(first.json<ImpactView>().steps.map((s) => [s.step, s.state, s.signoff?.signerName ?? null])).toEqual([
      ['system_owner', 'approved', 'system_owner of acme'],
      ['governance_lead', 'pending', null],
    ]);
    const second = await sign(v1.id, lead, { step: 'governance_lead', decision: 'approve' });
    expect(second.statusCode, second.body).toBe(200);
    const approved = second.json<ImpactView>();
    expect(approved).toMatchObject({
      status: 'approved',
      can: { update: false, submit: false, signoff: { system_owner: false, governance_lead: false }, newVersion: true },
    });
    expect(approved.approvedAt).not.toBeNull();
    expect(approved.signoffs.map((s) => [s.step, s.decision, s.userId])).toEqual([
      ['system_owner', 'approve', acme.users.system_owner.id],
      ['governance_lead', 'approve', acme.users.governance_lead.id],
    ]);

    // frozen
    const frozen = await inject('PATCH', url, owner, { content: { misuse: { description: 'Changed' } } });
    expect([frozen.statusCode, code(frozen)]).toEqual([409, 'conflict']);
    expect(frozen.json<ErrorBody>().error.message).toMatch(/approved and frozen/);
    expect((await inject('POST', `${url}/submit`, owner)).statusCode).toBe(409);
    expect((await sign(v1.id, lead, { step: 'governance_lead', decision: 'reject', note: 'Late' })).statusCode).toBe(409);
    expect((await view(v1.id)).content).toEqual(content);

    const actions = (await inject('GET', `/api/v1/orgs/acme/audit-log?entityId=${v1.id}&limit=50`, owner))
      .json<AuditPage>()
      .items.map((e) => e.action);
    expect(actions.sort()).toEqual(
      ['impact.approve', 'impact.create', 'impact.signoff', 'impact.submit', 'impact.update', 'impact.update'].sort(),
    );
    expect((await required()).find((i) => i.system.id === assistant)).toMatchObject({
      status: 'approved',
      assessmentId: v1.id,
      versionNo: 1,
    });
  });

  it('flags the approved assessment for re-assessment when the purpose, models or data categories change', async () => {
    const [v1] = (await inject('GET', `/api/v1/orgs/acme/systems/${assistant}/impact-assessments`, owner)).json<ImpactVersionList>().items;
    expect(v1?.status).toBe('approved');
    // a change that does not touch the fingerprint fields flags nothing
    expect(await markImpactReassessment(t.database.db, acme.ctx.org.id, assistant, ['tags', 'businessUnit'])).toBeNull();
    const patched = await inject('PATCH', `/api/v1/orgs/acme/systems/${assistant}`, owner, {
      models: ['gpt-4o', 'claude'],
      purpose: 'Answers customers directly',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    // The register edit itself flags the assessment (the systems service calls markImpactReassessment).
    expect(await view(v1!.id)).toMatchObject({
      needsReassessment: true,
      reassessmentReason: "The system's purpose, model or data categories changed: purpose, models",
    });
    const marked = await markImpactReassessment(t.database.db, acme.ctx.org.id, assistant, ['purpose', 'models', 'tags']);
    expect(marked).toEqual({ id: v1!.id, versionNo: 1, reason: "The system's purpose, model or data categories changed: purpose, models" });
    const flagged = await view(v1!.id);
    expect(flagged).toMatchObject({ needsReassessment: true, systemChanged: true, reassessmentReason: marked!.reason, status: 'approved' });
    expect((await inject('GET', `${base}?needsReassessment=true`, owner)).json<ImpactPage>().items.map((i) => i.id)).toEqual([v1!.id]);
    expect((await required()).find((i) => i.system.id === assistant)?.status).toBe('needs_reassessment');
    // another organisation's id flags nothing
    expect(await markImpactReassessment(t.database.db, other.ctx.org.id, assistant, ['purpose'])).toBeNull();
  });

  it('starts the next version from the latest approved one', async () => {
    const res = await create(assistant);
    expect(res.statusCode, res.body).toBe(201);
    const v2 = res.json<ImpactView>();
    const versions = (await inject('GET', `/api/v1/orgs/acme/systems/${assistant}/impact-assessments`, owner)).json<ImpactVersionList>();
    const v1 = versions.items[1]!;
    expect(versions.items.map((v) => [v.versionNo, v.status])).toEqual([
      [2, 'draft'],
      [1, 'approved'],
    ]);
    expect(v2).toMatchObject({ versionNo: 2, status: 'draft', needsReassessment: false, systemChanged: false, signoffs: [] });
    expect(v2.content).toEqual((await view(v1.id)).content);
    expect((await view(v1.id)).can.newVersion).toBe(false); // no longer the newest
    expect((await required()).find((i) => i.system.id === assistant)).toMatchObject({ status: 'draft', versionNo: 2 });
  });

  it('returns a rejected assessment to draft with the note; a system owner of another system cannot sign', async () => {
    const id = (await create(screening)).json<ImpactView>().id;
    expect((await inject('PATCH', `${base}/${id}`, owner, { content: completeImpactContent() })).statusCode).toBe(200);
    expect((await inject('POST', `${base}/${id}/submit`, owner)).statusCode).toBe(200);

    const stranger = await sign(id, systemOwner, { step: 'system_owner', decision: 'approve' });
    expect([stranger.statusCode, code(stranger)]).toEqual([403, 'forbidden']);
    expect(stranger.json<ErrorBody>().error.message).toMatch(/accountable or technical owner/);
    const noNote = await sign(id, lead, { step: 'governance_lead', decision: 'reject' });
    expect([noNote.statusCode, code(noNote)]).toEqual([422, 'unprocessable']);

    const admin = await signIn(t.app, acme.users.admin.email, PASSWORD);
    expect((await sign(id, admin, { step: 'system_owner', decision: 'approve' })).statusCode).toBe(200);
    // the admin, as this system's owner, signed one step; the other needs someone else
    const twice = await sign(id, admin, { step: 'governance_lead', decision: 'approve' });
    expect([twice.statusCode, twice.json<ErrorBody>().error.message]).toEqual([403, 'The two sign-off steps need two different people']);

    const rejected = await sign(id, lead, {
      step: 'governance_lead',
      decision: 'reject',
      note: 'Add the works council to the consultation',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const back = rejected.json<ImpactView>();
    expect(back).toMatchObject({ status: 'draft', can: { update: true, submit: true } });
    expect(back.rejection).toMatchObject({
      step: 'governance_lead',
      decision: 'reject',
      note: 'Add the works council to the consultation',
    });
    expect(back.steps.map((s) => s.state)).toEqual(['pending', 'pending']);

    // a new round: earlier decisions no longer count
    expect(
      (await inject('PATCH', `${base}/${id}`, owner, { content: { consultation: { items: [{ who: 'Works council' }] } } })).statusCode,
    ).toBe(200);
    const resubmitted = (await inject('POST', `${base}/${id}/submit`, owner)).json<ImpactView>();
    expect(resubmitted).toMatchObject({ status: 'in_review', rejection: null });
    expect(resubmitted.steps.map((s) => s.state)).toEqual(['pending', 'pending']);
    expect(resubmitted.signoffs).toHaveLength(2);
  });

  it('refuses to approve an assessment whose system changed while in review; resubmitting clears the flag', async () => {
    const [inReview] = (await inject('GET', `${base}?status=in_review&systemId=${screening}`, owner)).json<ImpactPage>().items;
    expect(inReview).toBeDefined();
    expect((await inject('PATCH', `/api/v1/orgs/acme/systems/${screening}`, owner, { dataCategories: ['biometric'] })).statusCode).toBe(
      200,
    );
    expect(await markImpactReassessment(t.database.db, acme.ctx.org.id, screening, ['dataCategories'])).toMatchObject({ id: inReview!.id });
    const refused = await sign(inReview!.id, lead, { step: 'governance_lead', decision: 'approve' });
    expect([refused.statusCode, code(refused)]).toEqual([409, 'conflict']);
    const back = await sign(inReview!.id, lead, {
      step: 'governance_lead',
      decision: 'reject',
      note: 'Biometric data now: update DPP1 and harms',
    });
    expect(back.json<ImpactView>()).toMatchObject({ status: 'draft', needsReassessment: true, systemChanged: true });
    const again = (await inject('POST', `${base}/${inReview!.id}/submit`, owner)).json<ImpactView>();
    expect(again).toMatchObject({ status: 'in_review', needsReassessment: false, reassessmentReason: null, systemChanged: false });
  });

  it('exports DOCX and PDF in both languages', async () => {
    const [v1] = (await inject('GET', `${base}?status=approved`, owner)).json<ImpactPage>().items;
    const get = (q: string) => t.app.inject({ method: 'GET', url: `${base}/${v1!.id}/export?${q}`, headers: bearer(acme.tokens.auditor) });
    for (const lang of ['en', 'zh-HK'] as const) {
      const docx = await get(`format=docx&lang=${lang}`);
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(docx.headers['content-disposition']).toBe(`attachment; filename="acme-impact-knowledge-assistant-v1-${lang}.docx"`);
      const xml = await zipEntry(docx.rawPayload, 'word/document.xml');
      for (const s of impactTemplate) expect(xml).toContain(s.heading[lang]);
      expect(xml).toContain('Prompt filter'); // the linked control by name
      const pdf = await get(`format=pdf&lang=${lang}`);
      expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      if (lang === 'zh-HK') expect(pdfMapsCjk(pdf.rawPayload, '人工智能系統影響評估')).toEqual({ embedded: true, missing: [] });
    }
    expect((await get('format=xlsx')).statusCode).toBe(400);
  });

  it("answers 404 for another organisation's assessments and systems", async () => {
    const [any] = (await inject('GET', base, owner)).json<ImpactPage>().items;
    const o = bearer(other.tokens.owner);
    const otherBase = '/api/v1/orgs/other/impact-assessments';
    for (const res of [
      await inject('GET', `${otherBase}/${any!.id}`, o),
      await inject('PATCH', `${otherBase}/${any!.id}`, o, { content: {} }),
      await inject('POST', `${otherBase}/${any!.id}/submit`, o),
      await inject('POST', `${otherBase}/${any!.id}/signoff`, o, { step: 'governance_lead', decision: 'approve' }),
      await inject('GET', `${otherBase}/${any!.id}/export`, o),
      await inject('POST', otherBase, o, { systemId: assistant }),
      await inject('GET', `/api/v1/orgs/other/systems/${assistant}/impact-assessments`, o),
      await inject('GET', `${base}/${any!.id}`, o),
    ])
      expect([res.statusCode, code(res)]).toEqual([404, 'not_found']);
    expect((await inject('GET', `${otherBase}`, o)).json<ImpactPage>().total).toBe(0);
  });
});
