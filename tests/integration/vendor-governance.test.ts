import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendorAssessments } from '../../src/db/schema.js';
import { seedDemo } from '../../src/demo/seed.js';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../src/demo/harbour-point.js';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import type { EvidenceView } from '../../src/modules/evidence/schema.js';
import type { ActionView } from '../../src/modules/remediation/schema.js';
import type { ResidencyViolations } from '../../src/modules/residency/schema.js';
import { addMonths } from '../../src/modules/system-classifications/cadence.js';
import { loadQuestionnaires } from '../../src/modules/vendor-assessments/load.js';
import type { AssessmentView, DueList, SentAssessmentView, VendorLinkView } from '../../src/modules/vendor-assessments/schema.js';
import { scoreAssessment } from '../../src/modules/vendor-assessments/scoring.js';
import type { AttestationList, AttestationView } from '../../src/modules/vendor-attestations/schema.js';
import type { ClauseChecklist, ContractView } from '../../src/modules/vendor-contracts/schema.js';
import type { FeatureView } from '../../src/modules/vendor-features/schema.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, buildVendor, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';
import { multipart } from './route-table.js';

const template = loadQuestionnaires().get('ai-vendor-due-diligence')!;
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The lowest-risk answer to every question, as the API takes it. */
const bestAnswers = (): Record<string, { value: string | string[] }> =>
  Object.fromEntries(
    template.questions.map((q) => {
      if (q.type === 'regions') return [q.id, { value: ['hong_kong', 'singapore'] }];
      const safest = [...q.options].sort((a, b) => a.risk - b.risk)[0]!;
      return [q.id, { value: q.type === 'multi' ? [safest.id] : safest.id }];
    }),
  );

describe.each(engines)('third-party AI governance on %s', (engine) => {
  let t: TestApp;
  let alpha: TestOrg;
  let bravo: TestOrg;
  let owner: Record<string, string>;
  let vendorId: string;
  const url = (path: string, slug = 'alpha') => `/api/v1/orgs/${slug}${path}`;
  const inject = (o: InjectOptions) => t.app.inject(o);
  const post = (path: string, payload: object, headers = owner) => inject({ method: 'POST', url: url(path), headers, payload });
  const head = async () =>
    (await inject({ method: 'GET', url: url('/audit-log?limit=1'), headers: owner })).json<AuditPage>().items[0]?.seq;

  beforeAll(async () => {
    t = await startTestApp(engine);
    alpha = await buildOrg(t.database.db, 'alpha');
    bravo = await buildOrg(t.database.db, 'bravo');
    owner = bearer(alpha.tokens.owner);
    vendorId = (await post('/vendors', buildVendor({ name: 'LeadLoom AI', contactEmail: 'dd@leadloom.example' }))).json<{ id: string }>()
      .id;
  });
  afterAll(async () => t?.close());

  async function newAssessment(language = 'en', answers: object = {}): Promise<AssessmentView> {
    const res = await post(`/vendors/${vendorId}/assessments`, { language, answers });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<AssessmentView>();
  }
  async function send(id: string, payload: object = {}): Promise<SentAssessmentView> {
    const res = await post(`/vendor-assessments/${id}/send`, payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<SentAssessmentView>();
  }
  const link = (token: string, suffix = '') => `/api/v1/vendor-links/${token}${suffix}`;

  it('scores the answers on review, applies the knockout and sets the next assessment date from the tier', async () => {
    const answers = { ...bestAnswers(), T1: { value: 'yes' }, I1: { value: '72h' } };
    const a = await newAssessment('en', answers);
    expect(a.status).toBe('draft');
    const expected = scoreAssessment(template, answers);
    // T1 "yes" (weight 3, risk 1) and I1 "72h" (weight 3, risk 0.2): 100 × (1 − 3.6 / Σw)
    const totalWeight = template.questions.reduce((s, q) => s + q.weight, 0);
    expect(expected.score).toBe(Math.round(1000 * (1 - 3.6 / totalWeight)) / 10);
    expect(expected.scoreTier).toBe('low');
    expect(a.preview).toMatchObject({ score: expected.score, tier: 'high', unanswered: [] });

    const reviewed = await post(`/vendor-assessments/${a.id}/review`, { version: a.version });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json<AssessmentView>()).toMatchObject({
      status: 'reviewed',
      score: expected.score,
      tier: 'high',
      reviewedBy: 'token:owner token',
      nextAssessmentDate: addMonths(today(), 6),
    });
    // a reviewed assessment is closed to edits
    const edit = await inject({ method: 'PATCH', url: url(`/vendor-assessments/${a.id}`), headers: owner, payload: { answers: {} } });
    expect(edit.statusCode).toBe(409);

    // unanswered questions count as full risk: an empty questionnaire is critical, re-assessed in 3 months
    const empty = await newAssessment();
    const emptyReviewed = (await post(`/vendor-assessments/${empty.id}/review`, {})).json<AssessmentView>();
    expect(emptyReviewed).toMatchObject({ score: 0, tier: 'critical', nextAssessmentDate: addMonths(today(), 3) });

    // the vendor's latest review is due in 3 months: due within 100 days, not within 30
    const due = (w: number) => inject({ method: 'GET', url: url(`/vendor-assessments/due?withinDays=${w}`), headers: owner });
    expect((await due(100)).json<DueList>().items.find((i) => i.vendor.id === vendorId)).toMatchObject({
      reason: 'due_soon',
      tier: 'critical',
      lastAssessmentId: empty.id,
    });
    expect((await due(30)).json<DueList>().items.find((i) => i.vendor.id === vendorId)).toBeUndefined();

    const list = (await inject({ method: 'GET', url: url(`/vendors/${vendorId}/assessments`), headers: owner })).json<{
      items: AssessmentView[];
    }>();
    expect(list.items.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, empty.id]));
  });

  it('lets the vendor answer once through the link, keeps the answers as evidence and then answers 410', async () => {
    const a = await newAssessment('zh-HK', { T1: { value: 'no' } });
    const sent = await send(a.id, { expiresInDays: 10 });
    expect(sent.link).toBe(`/vendor-response/${sent.token}`);
    expect(sent.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.assessment).toMatchObject({
      status: 'sent',
      link: { recipientEmail: 'dd@leadloom.example', sentBy: 'token:owner token', usedAt: null },
    });
    expect(Date.parse(sent.expiresAt) - Date.now()).toBeGreaterThan(9.9 * 86_400_000);
    // only the hash is stored
    const [row] = await t.database.db.select().from(vendorAssessments).where(eq(vendorAssessments.id, a.id));
    expect(row?.linkTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(sent.token);

    const read = await inject({ method: 'GET', url: link(sent.token) });
    expect(read.statusCode, read.body).toBe(200);
    const view = read.json<VendorLinkView>();
    expect(view).toMatchObject({ vendorName: 'LeadLoom AI', orgName: 'Org alpha', language: 'zh-HK', title: template.title['zh-HK'] });
    expect(view.questions.find((q) => q.id === 'T1')?.text).toBe(template.questions.find((q) => q.id === 'T1')?.text['zh-HK']);
    expect(view.answers).toEqual({ T1: { value: 'no', comment: null } });
    expect(JSON.stringify(view)).not.toContain('"risk"');

    // answers that do not fit the questionnaire are refused and change nothing
    const before = await head();
    for (const answers of [
      { T1: { value: 'maybe' } },
      { T1: { value: ['no'] } },
      { R1: { value: ['atlantis'] } },
      { Z9: { value: 'x' } },
      { C1: { value: 'iso27001' } },
    ]) {
      const bad = await inject({ method: 'POST', url: link(sent.token), payload: { answers } });
      expect(bad.statusCode, JSON.stringify(answers)).toBe(422);
    }
    expect((await inject({ method: 'POST', url: link(sent.token), payload: { answers: 'all good' } })).statusCode).toBe(400);
    expect(await head()).toBe(before);

    const file = multipart('soc2-bridge-letter.pdf', '%PDF-1.4 bridge letter', { type: 'application/pdf' });
    const attached = await inject({ method: 'POST', url: link(sent.token, '/files'), headers: file.headers, payload: file.payload });
    expect(attached.statusCode, attached.body).toBe(201);
    expect(attached.json()).toEqual({ submittedAt: null, attachments: 1 });
    const exe = multipart('tool.exe', 'MZ', { type: 'application/octet-stream' });
    const refusedFile = await inject({ method: 'POST', url: link(sent.token, '/files'), headers: exe.headers, payload: exe.payload });
    expect(refusedFile.statusCode).toBeGreaterThanOrEqual(400);
    expect(refusedFile.statusCode).toBeLessThan(500);
    // a vendor's file must be what its name says: an HTML page named .pdf is refused, and counts as no attachment
    const disguised = multipart('iso-certificate.pdf', '<html><body>certificate</body></html>', { type: 'application/pdf' });
    const refusedDisguise = await inject({
      method: 'POST',
      url: link(sent.token, '/files'),
      headers: disguised.headers,
      payload: disguised.payload,
    });
    expect([refusedDisguise.statusCode, refusedDisguise.json<{ error: { message: string } }>().error.message]).toEqual([
      415,
      "The file's content is not a PDF, as its .pdf extension says; check that the right file was chosen",
    ]);

    const answers = { ...bestAnswers(), P1: { value: 'partly', comment: 'DPA under review' } };
    const submitted = await inject({ method: 'POST', url: link(sent.token), payload: { answers } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json<{ attachments: number }>().attachments).toBe(1);

    const again = await inject({ method: 'POST', url: link(sent.token), payload: { answers } });
    expect([again.statusCode, again.json<{ error: { code: string } }>().error.code]).toEqual([410, 'gone']);
    expect((await inject({ method: 'GET', url: link(sent.token) })).statusCode).toBe(410);
    const lateFile = await inject({ method: 'POST', url: link(sent.token, '/files'), headers: file.headers, payload: file.payload });
    expect(lateFile.statusCode).toBe(410);

    const after = (await inject({ method: 'GET', url: url(`/vendor-assessments/${a.id}`), headers: owner })).json<AssessmentView>();
    expect(after).toMatchObject({ status: 'submitted', answers: { P1: { value: 'partly', comment: 'DPA under review' } } });
    expect(after.attachments).toHaveLength(1);
    expect(after.link.usedAt).not.toBeNull();
    const evidence = (await inject({ method: 'GET', url: url(`/evidence/${after.evidenceId}`), headers: owner })).json<EvidenceView>();
    expect(evidence).toMatchObject({ kind: 'note', title: '盡職審查回覆： LeadLoom AI' });
    expect(evidence.note).toContain('DPA under review');
    expect(evidence.links.map((l) => l.targetKey)).toEqual(['iso-iec-42001-2023:A.10.3']);
    const document = (await inject({ method: 'GET', url: url(`/evidence/${after.attachments[0]}`), headers: owner })).json<EvidenceView>();
    expect(document).toMatchObject({ kind: 'file', title: 'LeadLoom AI: soc2-bridge-letter.pdf' });
    expect(document.versions.map((f) => f.fileName)).toEqual(['soc2-bridge-letter.pdf']);
    expect(document.links.map((l) => l.targetKey)).toEqual(['iso-iec-42001-2023:A.10.3']);
    expect(document.archivedAt).toBeNull();
    // the vendor's writes are in the audit trail under the link
    const trail = (await inject({ method: 'GET', url: url(`/audit-log?entityId=${a.id}`), headers: owner })).json<AuditPage>();
    expect(trail.items.find((e) => e.action === 'vendor_assessment.submit')?.actorLabel).toBe('vendor link (LeadLoom AI)');

    // the assessor can still correct the submitted answers, then review
    const fixed = await inject({
      method: 'PATCH',
      url: url(`/vendor-assessments/${a.id}`),
      headers: owner,
      payload: { answers: { ...answers, P1: { value: 'yes' } } },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await post(`/vendor-assessments/${a.id}/review`, {})).json<AssessmentView>()).toMatchObject({
      status: 'reviewed',
      score: 100,
      tier: 'low',
    });
  });

  it('accepts exactly one of two concurrent submissions', async () => {
    const { token } = await send((await newAssessment()).id);
    const payload = { answers: bestAnswers() };
    const results = await Promise.all([
      inject({ method: 'POST', url: link(token), payload }),
      inject({ method: 'POST', url: link(token), payload }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410]);
  });

  it('answers 404 to unknown tokens, 410 to expired or replaced links, and never crosses organisations', async () => {
    expect((await inject({ method: 'GET', url: link('A'.repeat(43)) })).statusCode).toBe(404);
    expect((await inject({ method: 'POST', url: link('A'.repeat(43)), payload: { answers: {} } })).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: link('short') })).statusCode).toBe(400);

    const a = await newAssessment();
    const first = await send(a.id, { expiresInDays: 1 });
    const second = await send(a.id, { expiresInDays: 1 });
    // sending again replaces the link: the first token is gone entirely
    expect((await inject({ method: 'GET', url: link(first.token) })).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: link(second.token) })).statusCode).toBe(200);

    await t.database.db
      .update(vendorAssessments)
      .set({ linkExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(vendorAssessments.id, a.id));
    const before = await head();
    const expired = await inject({ method: 'POST', url: link(second.token), payload: { answers: bestAnswers() } });
    expect([expired.statusCode, expired.json<{ error: { message: string } }>().error.message]).toEqual([
      410,
      'This questionnaire link has expired; ask for a new one',
    ]);
    expect((await inject({ method: 'GET', url: link(second.token) })).statusCode).toBe(410);
    expect(await head()).toBe(before);
    expect((await inject({ method: 'GET', url: url(`/vendor-assessments/${a.id}`), headers: owner })).json<AssessmentView>().status).toBe(
      'expired',
    );

    // bravo's link opens bravo's questionnaire only; alpha's members cannot reach bravo's assessment by id
    const bravoOwner = bearer(bravo.tokens.owner);
    const bravoVendor = (
      await inject({ method: 'POST', url: url('/vendors', 'bravo'), headers: bravoOwner, payload: buildVendor({ name: 'Bravo supplier' }) })
    ).json<{ id: string }>().id;
    const bravoA = (
      await inject({ method: 'POST', url: url(`/vendors/${bravoVendor}/assessments`, 'bravo'), headers: bravoOwner, payload: {} })
    ).json<AssessmentView>();
    const bravoSent = (
      await inject({ method: 'POST', url: url(`/vendor-assessments/${bravoA.id}/send`, 'bravo'), headers: bravoOwner, payload: {} })
    ).json<SentAssessmentView>();
    const bravoView = (await inject({ method: 'GET', url: link(bravoSent.token) })).json<VendorLinkView>();
    expect([bravoView.vendorName, bravoView.orgName]).toEqual(['Bravo supplier', 'Org bravo']);
    expect(JSON.stringify(bravoView)).not.toContain('LeadLoom');
    expect((await inject({ method: 'GET', url: url(`/vendor-assessments/${bravoA.id}`), headers: owner })).statusCode).toBe(404);
    expect((await post(`/vendor-assessments/${bravoA.id}/send`, {})).statusCode).toBe(404);
    expect((await post(`/vendors/${bravoVendor}/assessments`, {})).statusCode).toBe(404);
  });

  it('refuses bad assessment input with 400 or 422 and writes nothing', async () => {
    const before = await head();
    const refusals: [string, object, number][] = [
      [`/vendors/${vendorId}/assessments`, { templateId: 'nope' }, 422],
      [`/vendors/${vendorId}/assessments`, { language: 'fr' }, 400],
      [`/vendors/${vendorId}/assessments`, { answers: { T1: { value: 'perhaps' } } }, 422],
      [`/vendors/${vendorId}/assessments`, { answers: { R1: { value: ['hong_kong', 'hong_kong'] } } }, 422],
    ];
    for (const [path, payload, status] of refusals) expect((await post(path, payload)).statusCode, JSON.stringify(payload)).toBe(status);
    const a = await newAssessment();
    const afterCreate = await head();
    expect((await post(`/vendor-assessments/${a.id}/send`, { expiresInDays: 61 })).statusCode).toBe(400);
    expect((await post(`/vendor-assessments/${a.id}/send`, { expiresInDays: 0 })).statusCode).toBe(400);
    expect((await post(`/vendor-assessments/${a.id}/send`, { recipientEmail: 'not-an-address' })).statusCode).toBe(400);
    expect(await head()).toBe(afterCreate);
    expect(afterCreate).toBe((before ?? 0) + 1);
    // reviewing while the vendor holds the link is refused
    await send(a.id);
    expect((await post(`/vendor-assessments/${a.id}/review`, {})).statusCode).toBe(409);
  });

  it('raises one remediation action for a missing clause and keeps it when the clause turns up', async () => {
    const created = await post(`/vendors/${vendorId}/contracts`, {
      title: 'Order form 2025',
      startsOn: '2025-03-01',
      endsOn: '2026-02-28',
    });
    expect(created.statusCode, created.body).toBe(201);
    const contract = created.json<ContractView>();
    expect(contract.clauses.map((c) => c.key)).toEqual([
      'no_training',
      'data_location',
      'incident_notice',
      'model_change_notice',
      'audit_rights',
      'subprocessor_approval',
      'deletion_on_exit',
    ]);
    expect(contract.summary).toEqual({ present: 0, missing: 0, under_negotiation: 0, not_reviewed: 7 });

    const setClause = (key: string, payload: object) =>
      inject({ method: 'PUT', url: url(`/vendor-contracts/${contract.id}/clauses/${key}`), headers: owner, payload });
    const missing = (await setClause('no_training', { status: 'missing', note: 'Click-through terms only' })).json<ContractView>();
    const clause = missing.clauses.find((c) => c.key === 'no_training')!;
    expect(clause).toMatchObject({ status: 'missing', note: 'Click-through terms only', action: { status: 'open' } });
    expect(clause.action?.title).toBe('Add the "No training on our data" clause to Order form 2025 (LeadLoom AI)');
    const action = (
      await inject({ method: 'GET', url: url(`/remediation-actions/${clause.action!.id}`), headers: owner })
    ).json<ActionView>();
    expect([action.framework, action.requirementId, action.status]).toEqual(['iso-iec-42001-2023', 'A.10.3', 'open']);

    // marking it missing again while the action is open raises no second one
    const again = (await setClause('no_training', { status: 'missing' })).json<ContractView>();
    expect(again.clauses.find((c) => c.key === 'no_training')?.action?.id).toBe(clause.action!.id);
    const plan = (await inject({ method: 'GET', url: url('/remediation-actions?status=all'), headers: owner })).json<{
      items: ActionView[];
    }>();
    expect(plan.items.filter((i) => i.title.includes('No training on our data'))).toHaveLength(1);

    // present: the action stays for its owner to close
    const present = (await setClause('no_training', { status: 'present' })).json<ContractView>();
    expect(present.clauses.find((c) => c.key === 'no_training')).toMatchObject({
      status: 'present',
      action: { id: clause.action!.id, status: 'open' },
    });
    expect(present.summary).toMatchObject({ present: 1, missing: 0, not_reviewed: 6 });
    // once the action is done, a clause missing again raises a new one
    await inject({ method: 'PATCH', url: url(`/remediation-actions/${clause.action!.id}`), headers: owner, payload: { status: 'done' } });
    const reopened = (await setClause('no_training', { status: 'missing' })).json<ContractView>();
    expect(reopened.clauses.find((c) => c.key === 'no_training')?.action).toMatchObject({ status: 'open' });
    expect(reopened.clauses.find((c) => c.key === 'no_training')?.action?.id).not.toBe(clause.action!.id);

    // the checklist: switch a built-in clause off, add one of our own
    const off = await inject({ method: 'PATCH', url: url('/contract-clauses/audit_rights'), headers: owner, payload: { enabled: false } });
    expect(off.json<ClauseChecklist>().items.find((c) => c.key === 'audit_rights')?.enabled).toBe(false);
    const added = (
      await post('/contract-clauses', { title: { en: 'Bias testing results', 'zh-HK': '偏差測試結果' } })
    ).json<ClauseChecklist>();
    const own = added.items.find((c) => c.title.en === 'Bias testing results')!;
    expect(own).toMatchObject({ builtIn: false, enabled: true, requirements: [{ framework: 'iso-iec-42001-2023', id: 'A.10.3' }] });
    const now = (await inject({ method: 'GET', url: url(`/vendor-contracts/${contract.id}`), headers: owner })).json<ContractView>();
    expect(now.clauses.map((c) => c.key)).not.toContain('audit_rights');
    expect(now.clauses.at(-1)?.key).toBe(own.key);

    // refusals write nothing
    const before = await head();
    expect((await setClause('audit_rights', { status: 'present' })).statusCode).toBe(409);
    expect((await setClause('no_such_clause', { status: 'present' })).statusCode).toBe(404);
    expect((await setClause('data_location', { status: 'maybe' })).statusCode).toBe(400);
    expect((await setClause('data_location', { status: 'present', evidenceId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(
      422,
    );
    expect(
      (await post(`/vendors/${vendorId}/contracts`, { title: 'Backwards', startsOn: '2026-02-01', endsOn: '2026-01-01' })).statusCode,
    ).toBe(422);
    expect(
      (await inject({ method: 'PATCH', url: url('/contract-clauses/no_training'), headers: owner, payload: { title: { en: 'Renamed' } } }))
        .statusCode,
    ).toBe(422);
    expect((await post('/contract-clauses', { title: { en: 'bias testing results' } })).statusCode).toBe(422);
    expect(await head()).toBe(before);
  });

  it('reports residency violations of demo-like data with reasons in English and Chinese', async () => {
    const before = (await inject({ method: 'GET', url: url('/residency/violations'), headers: owner })).json<ResidencyViolations>();
    expect(before).toEqual({ configured: false, allowedRegions: [], items: [] });
    const put = await inject({
      method: 'PUT',
      url: url('/residency/policy'),
      headers: owner,
      payload: { allowedRegions: ['hong_kong', 'singapore'] },
    });
    expect(put.statusCode, put.body).toBe(200);

    const sysLead = (
      await post(
        '/systems',
        buildSystem({
          name: 'CRM lead scoring',
          vendorId,
          regionsUsed: ['hong_kong'],
          outputRegions: ['hong_kong', 'mainland_china'],
          dataCategories: ['personal', 'financial'],
        }),
      )
    ).json<{ id: string }>().id;
    const usVendor = (
      await post('/vendors', buildVendor({ name: 'Chatwise', dataProcessingRegions: ['Hong Kong', 'United States'] }))
    ).json<{ id: string }>().id;
    await post(
      '/systems',
      buildSystem({ name: 'Website chatbot', vendorId: usVendor, regionsUsed: ['hong_kong'], dataCategories: ['personal'] }),
    );
    // a vendor reached only through an AI feature linked to a system
    const drafting = (
      await post('/systems', buildSystem({ name: 'CRM e-mail drafting', regionsUsed: ['hong_kong'], dataCategories: ['personal'] }))
    ).json<{ id: string }>().id;
    const draftwise = (await post('/vendors', buildVendor({ name: 'DraftWise' }))).json<{ id: string }>().id;
    const feature = await post(`/vendors/${draftwise}/ai-features`, {
      product: 'DraftWise CRM Assistant',
      feature: 'E-mail drafting',
      systemId: drafting,
    });
    expect(feature.statusCode, feature.body).toBe(201);
    // not personal data: out of scope
    await post('/systems', buildSystem({ name: 'Code assistant', regionsUsed: ['other'], dataCategories: ['none'] }));

    const v = (await inject({ method: 'GET', url: url('/residency/violations'), headers: owner })).json<ResidencyViolations>();
    const find = (name: string, kind: string) => v.items.find((i) => i.name === name && i.kind === kind);
    expect(find('CRM lead scoring', 'region_not_allowed')).toMatchObject({
      subject: 'system',
      id: sysLead,
      region: 'mainland_china',
      reason: { en: 'processes personal data in CN; allowed: HK, SG', 'zh-HK': '在中國內地處理個人資料；獲准地區：香港、新加坡' },
    });
    expect(find('LeadLoom AI', 'no_region_stated')).toMatchObject({
      subject: 'vendor',
      systems: [{ id: sysLead, name: 'CRM lead scoring' }],
      reason: { en: 'receives personal data but states no processing region; allowed: HK, SG' },
    });
    expect(find('Chatwise', 'region_not_allowed')).toMatchObject({
      region: 'united_states',
      regionText: 'United States',
      reason: { en: 'processes personal data in US; allowed: HK, SG', 'zh-HK': '在美國處理個人資料；獲准地區：香港、新加坡' },
    });
    expect(find('DraftWise', 'no_region_stated')?.systems).toEqual([{ id: drafting, name: 'CRM e-mail drafting' }]);
    expect(v.items.find((i) => i.name === 'Code assistant')).toBeUndefined();
    expect(v.items.filter((i) => i.name === 'Chatwise')).toHaveLength(1);

    // bad policy input is refused and writes nothing
    const head0 = await head();
    for (const payload of [
      { allowedRegions: [] },
      { allowedRegions: ['mars'] },
      { allowedRegions: ['hong_kong'], dataCategories: ['none'] },
    ]) {
      expect(
        (await inject({ method: 'PUT', url: url('/residency/policy'), headers: owner, payload })).statusCode,
        JSON.stringify(payload),
      ).toBe(400);
    }
    expect(await head()).toBe(head0);
  });

  it('flags the demo organisation’s three CRM add-ons under its residency policy', async () => {
    await seedDemo(t.database.db, { evidenceDir: t.evidenceDir });
    const headers = await signIn(t.app, 'margaret.leung@harbourpoint.example', DEMO_PASSWORD);
    const res = await inject({ method: 'GET', url: `/api/v1/orgs/${DEMO_SLUG}/residency/violations`, headers });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<ResidencyViolations>();
    expect(v.allowedRegions).toEqual(['hong_kong', 'singapore']);
    const vendors = v.items.filter((i) => i.subject === 'vendor' && i.kind === 'no_region_stated').map((i) => i.name);
    expect(vendors).toEqual(expect.arrayContaining(['LeadLoom AI', 'DraftWise', 'CallSense']));
    expect(v.items.find((i) => i.name === 'CRM lead scoring (LeadLoom AI)')?.region).toBe('mainland_china');
    expect(v.items.some((i) => i.name === 'Pacific CRM')).toBe(false);
  });

  it('tracks attestation expiry per vendor and across the organisation', async () => {
    const make = async (kind: string, validTo: string | null, validFrom: string | null = '2024-01-01') => {
      const res = await post(`/vendors/${vendorId}/attestations`, { kind, issuer: 'BSI', validFrom, validTo });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<AttestationView>();
    };
    const valid = await make('iso27001', inDays(200));
    const soon = await make('soc2_type2', inDays(30));
    const expired = await make('iso42001', inDays(-1));
    const open = await make('csa_star', null);
    expect([valid.expiry, soon.expiry, expired.expiry, open.expiry]).toEqual(['valid', 'expiring', 'expired', 'no_expiry']);
    expect([soon.daysLeft, expired.daysLeft]).toEqual([30, -1]);

    const expiring = (await inject({ method: 'GET', url: url('/vendor-attestations/expiring'), headers: owner })).json<AttestationList>();
    expect(expiring.items.map((i) => i.id)).toEqual([expired.id, soon.id]);
    expect(expiring.items[0]?.vendor.name).toBe('LeadLoom AI');
    const wider = (
      await inject({ method: 'GET', url: url('/vendor-attestations/expiring?withinDays=365'), headers: owner })
    ).json<AttestationList>();
    expect(wider.items.map((i) => i.id)).toEqual([expired.id, soon.id, valid.id]);

    const renewed = await inject({
      method: 'PATCH',
      url: url(`/vendor-attestations/${expired.id}`),
      headers: owner,
      payload: { validTo: inDays(365) },
    });
    expect(renewed.json<AttestationView>().expiry).toBe('valid');
    await post(`/vendor-attestations/${soon.id}/archive`, {});
    expect(
      (await inject({ method: 'GET', url: url('/vendor-attestations/expiring'), headers: owner })).json<AttestationList>().items,
    ).toEqual([]);

    const before = await head();
    expect(
      (await post(`/vendors/${vendorId}/attestations`, { kind: 'iso27001', issuer: 'BSI', validFrom: '2026-05-01', validTo: '2026-04-30' }))
        .statusCode,
    ).toBe(422);
    expect((await post(`/vendors/${vendorId}/attestations`, { kind: 'pci', issuer: 'BSI' })).statusCode).toBe(400);
    expect(
      (await inject({ method: 'PATCH', url: url(`/vendor-attestations/${valid.id}`), headers: owner, payload: { validFrom: inDays(201) } }))
        .statusCode,
    ).toBe(422);
    expect(await head()).toBe(before);
  });

  it('records AI features inside vendor products, linked only to live systems of the organisation', async () => {
    const system = (await post('/systems', buildSystem({ name: 'Call summaries' }))).json<{ id: string }>().id;
    const bravoSystem = (
      await inject({
        method: 'POST',
        url: url('/systems', 'bravo'),
        headers: bearer(bravo.tokens.owner),
        payload: buildSystem({ name: 'Bravo system' }),
      })
    ).json<{ id: string }>().id;
    const created = await post(`/vendors/${vendorId}/ai-features`, {
      product: 'CallSense Connector',
      feature: 'Call transcription',
      enabledBy: 'Sales',
      enabledOn: '2025-03-01',
      systemId: system,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<FeatureView>()).toMatchObject({
      enabled: true,
      system: { id: system, name: 'Call summaries' },
      vendor: { id: vendorId },
    });

    const before = await head();
    expect((await post(`/vendors/${vendorId}/ai-features`, { product: 'X', feature: 'Y', systemId: bravoSystem })).statusCode).toBe(422);
    expect((await post(`/vendors/${vendorId}/ai-features`, { product: '', feature: 'Y' })).statusCode).toBe(400);
    await post(`/systems/${system}/archive`, {});
    const head1 = await head();
    expect((await post(`/vendors/${vendorId}/ai-features`, { product: 'X', feature: 'Y', systemId: system })).statusCode).toBe(422);
    expect(await head()).toBe(head1);
    expect(head1).toBe((before ?? 0) + 1);

    const off = await inject({
      method: 'PATCH',
      url: url(`/vendor-ai-features/${created.json<FeatureView>().id}`),
      headers: owner,
      payload: { enabled: false },
    });
    expect(off.json<FeatureView>().enabled).toBe(false);
    expect(
      (await inject({ method: 'GET', url: url(`/vendor-ai-features/${created.json<FeatureView>().id}`, 'bravo'), headers: owner }))
        .statusCode,
    ).toBe(404);
  });
});
