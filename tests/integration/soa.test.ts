import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedControls, controlRequirements, evidenceItems, evidenceLinks } from '../../src/db/schema.js';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import type { AcceptSuggestionsResult, SoaEntryView, SoaVersionList, SoaVersionView, SoaView } from '../../src/modules/soa/schema.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, buildVendor, PASSWORD, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';

type ErrorBody = { error: { code: string; message: string; details?: { issues?: { path: string }[]; undecided?: string[] } } };

describe.each(engines)('Statement of Applicability on %s', (engine) => {
  let t: TestApp;
  let acme: TestOrg;
  let other: TestOrg;
  let owner: Record<string, string>;
  const base = '/api/v1/orgs/acme/soa';

  const get = <T>(url: string, headers = owner) =>
    t.app.inject({ method: 'GET', url, headers }).then((r) => ({ res: r, body: r.json<T>() }));
  const patch = (ref: string, payload: object, headers = owner) =>
    t.app.inject({ method: 'PATCH', url: `${base}/${ref}`, headers, payload });
  const post = (path: string, payload: object, headers = owner) =>
    t.app.inject({ method: 'POST', url: `${base}${path}`, headers, payload });
  const soa = async () => (await get<SoaView>(base)).body;
  const entry = async (ref: string) => (await soa()).entries.find((e) => e.controlRef === ref)!;
  const auditHead = async () => (await get<AuditPage>('/api/v1/orgs/acme/audit-log?limit=1')).body.items[0]?.seq;

  beforeAll(async () => {
    t = await startTestApp(engine);
    acme = await buildOrg(t.database.db, 'acme');
    other = await buildOrg(t.database.db, 'other');
    owner = bearer(acme.tokens.owner);
    const create = async (path: string, payload: object) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/orgs/acme${path}`, headers: owner, payload });
      if (res.statusCode !== 201) throw new Error(`${path}: ${res.body}`);
      return res.json<{ id: string }>().id;
    };
    const vendorId = await create('/vendors', buildVendor({ name: 'Cloud AI Ltd' }));
    // only vendor systems: one SaaS product and one embedded feature; one processes personal data
    await create('/systems', buildSystem({ name: 'Chat helper', type: 'vendor_saas_ai', vendorId, dataCategories: ['personal'] }));
    await create(
      '/systems',
      buildSystem({ name: 'Mail filter', type: 'embedded_vendor_feature', dataCategories: ['none'], affectedPersons: ['customers'] }),
    );
  });
  afterAll(async () => t?.close());

  it('lists the 38 Annex A controls by objective, undecided, with suggestions from the register', async () => {
    const view = await soa();
    expect(view.entries).toHaveLength(38);
    expect(view.entries.map((e) => e.controlRef).slice(0, 3)).toEqual(['A.2.2', 'A.2.3', 'A.2.4']);
    expect(view.entries.at(-1)?.controlRef).toBe('A.10.4');
    expect(view.entries.every((e) => e.applicable === null && e.version === 0 && e.implementationStatus === 'not_started')).toBe(true);
    expect(view.summary).toEqual({ total: 38, applicable: 0, notApplicable: 0, undecided: 38, implemented: 0 });
    expect(view.facts).toEqual({
      systems: 2,
      developedSystems: 0,
      vendors: 1,
      thirdPartySystems: 2,
      personalDataSystems: 1,
      externallyFacingSystems: 1,
    });
    const a622 = view.entries.find((e) => e.controlRef === 'A.6.2.2')!;
    expect(a622.title.en).toBe('AI system requirements and specification');
    expect(a622.objective).toEqual({ ref: 'A.6', title: { en: 'AI system life cycle', 'zh-HK': '人工智能系統生命周期' } });
    expect(a622.suggestion).toEqual({
      applicable: false,
      ruleId: 'no-in-house-development',
      reason: {
        en: 'May be excluded because all 2 registered systems are acquired from vendors; none is developed in-house.',
        'zh-HK': '可予排除，因為全部 2 個已登記系統均向供應商取得，並無內部開發的系統。',
      },
      facts: { systems: 2, developedSystems: 0 },
    });
    const byRef = new Map(view.entries.map((e) => [e.controlRef, e.suggestion]));
    expect(['A.6.1.2', 'A.6.1.3', 'A.6.2.3', 'A.6.2.4', 'A.6.2.7'].map((r) => byRef.get(r)?.applicable)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(byRef.get('A.6.2.6')?.ruleId).toBe('core-control');
    expect(byRef.get('A.7.3')).toMatchObject({ applicable: true, ruleId: 'personal-data' });
    expect(byRef.get('A.5.4')).toMatchObject({ applicable: true, ruleId: 'externally-facing' });
    expect(byRef.get('A.10.3')).toMatchObject({ applicable: true, ruleId: 'core-control' });
    expect(view.can).toEqual({ update: true, approve: true });
    expect(view.latestVersion).toBeNull();
  });

  it('shows linked applied controls and evidence, and the status they suggest', async () => {
    const { db } = t.database;
    const orgId = acme.ctx.org.id;
    const [live, archived] = await db
      .insert(appliedControls)
      .values([
        { orgId, name: 'Board-approved AI policy', status: 'implemented', frequency: 'annual' },
        { orgId, name: 'Retired policy', status: 'implemented', frequency: 'annual', archivedAt: new Date() },
      ])
      .returning();
    await db.insert(controlRequirements).values([
      { orgId, controlId: live!.id, framework: 'iso-iec-42001-2023', requirementId: 'A.2.2' },
      { orgId, controlId: archived!.id, framework: 'iso-iec-42001-2023', requirementId: 'A.2.2' },
    ]);
    const [minutes, policy] = await db
      .insert(evidenceItems)
      .values([
        { orgId, kind: 'document', title: 'Board minutes', expiresOn: '2027-03-31' },
        { orgId, kind: 'document', title: 'AI policy v2' },
      ])
      .returning();
    await db.insert(evidenceLinks).values([
      { orgId, evidenceId: minutes!.id, targetType: 'requirement', targetKey: 'iso-iec-42001-2023:A.2.2' },
      { orgId, evidenceId: minutes!.id, targetType: 'control', targetKey: live!.id },
      { orgId, evidenceId: policy!.id, targetType: 'control', targetKey: live!.id },
    ]);
    const e = await entry('A.2.2');
    expect(e.controls).toEqual([{ id: live!.id, name: 'Board-approved AI policy', status: 'implemented' }]);
    expect(e.evidence).toEqual([
      { id: policy!.id, title: 'AI policy v2', expiresOn: null },
      { id: minutes!.id, title: 'Board minutes', expiresOn: '2027-03-31' },
    ]);
    expect(e.derivedImplementationStatus).toBe('implemented');
    expect((await entry('A.2.3')).derivedImplementationStatus).toBeNull();
  });

  it('refuses "not applicable" without a justification and writes nothing', async () => {
    const head = await auditHead();
    for (const payload of [
      { applicable: false },
      { applicable: false, justification: '   ' },
      { applicable: false, justification: null },
    ]) {
      const res = await patch('A.6.2.2', payload);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<ErrorBody>().error.details?.issues?.map((i) => i.path)).toEqual(['justification']);
    }
    expect(await auditHead()).toBe(head);
    expect(await entry('A.6.2.2')).toMatchObject({ applicable: null, justification: null, version: 0 });
  });

  it('records decisions with versions, owners from the organisation only, and 404 for unknown controls', async () => {
    const res = await patch('A.6.2.2', { applicable: false, justification: 'We build nothing ourselves', version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SoaEntryView>()).toMatchObject({ applicable: false, justification: 'We build nothing ourselves', version: 1 });
    // clearing the justification of an excluded control is refused too
    expect((await patch('A.6.2.2', { justification: '' })).statusCode).toBe(422);
    const stale = await patch('A.6.2.2', { implementationStatus: 'planned', version: 0 });
    expect(stale.statusCode).toBe(409);
    const owned = await patch('A.2.2', { applicable: true, implementationStatus: 'implemented', ownerId: acme.users.governance_lead.id });
    expect(owned.json<SoaEntryView>()).toMatchObject({
      applicable: true,
      justification: null,
      owner: { id: acme.users.governance_lead.id, name: 'governance_lead of acme' },
      version: 1,
    });
    const foreignOwner = await patch('A.2.3', { applicable: true, ownerId: other.users.owner.id });
    expect(foreignOwner.statusCode).toBe(422);
    expect(foreignOwner.json<ErrorBody>().error.details?.issues?.map((i) => i.path)).toEqual(['ownerId']);
    expect((await patch('A.99.1', { applicable: true })).statusCode).toBe(404);
    expect((await patch('A.2.2', { applicable: 'yes' })).statusCode).toBe(400);
  });

  it('lets a contributor edit but not approve', async () => {
    const contributor = await signIn(t.app, acme.users.contributor.email, PASSWORD);
    expect((await patch('A.2.3', { applicable: true }, contributor)).statusCode).toBe(200);
    const refused = await post('/approve', {}, contributor);
    expect(refused.statusCode).toBe(403);
    const viewer = bearer(acme.tokens.viewer);
    expect((await get<SoaView>(base, viewer)).body.can).toEqual({ update: false, approve: false });
    expect((await patch('A.2.4', { applicable: true }, viewer)).statusCode).toBe(403);
  });

  it('refuses to approve while controls are undecided, naming them', async () => {
    const head = await auditHead();
    const res = await post('/approve', { note: 'too early' });
    expect(res.statusCode).toBe(422);
    const undecided = res.json<ErrorBody>().error.details?.undecided ?? [];
    expect(undecided).toHaveLength(35);
    expect(undecided).toContain('A.2.4');
    expect(undecided).not.toContain('A.2.2');
    expect(await auditHead()).toBe(head);
    expect((await get<SoaVersionList>(`${base}/versions`)).body.items).toEqual([]);
  });

  it('accepts suggestions into undecided controls only', async () => {
    const some = await post('/accept-suggestions', { controlRefs: ['A.6.2.2', 'A.6.2.3', 'A.7.3'], lang: 'zh-HK' });
    expect(some.json<AcceptSuggestionsResult>()).toEqual({ accepted: ['A.6.2.3', 'A.7.3'], alreadyDecided: ['A.6.2.2'] });
    expect(await entry('A.6.2.2')).toMatchObject({ applicable: false, justification: 'We build nothing ourselves', version: 1 });
    expect(await entry('A.6.2.3')).toMatchObject({
      applicable: false,
      justification: '可予排除，因為全部 2 個已登記系統均向供應商取得，並無內部開發的系統。',
    });
    expect((await post('/accept-suggestions', { controlRefs: ['A.1.1'] })).statusCode).toBe(422);
    const rest = (await post('/accept-suggestions', {})).json<AcceptSuggestionsResult>();
    expect(rest.accepted).toHaveLength(33);
    expect(rest.alreadyDecided.sort()).toEqual(['A.2.2', 'A.2.3', 'A.6.2.2', 'A.6.2.3', 'A.7.3']);
    expect((await soa()).summary.undecided).toBe(0);
    const audit = (await get<AuditPage>('/api/v1/orgs/acme/audit-log?limit=1')).body.items[0];
    expect(audit).toMatchObject({ action: 'soa.accept_suggestion', entityType: 'soa_entry' });
  });

  it('approves: freezes version 1, which later edits leave unchanged', async () => {
    const approved = await post('/approve', { note: 'Management review 2026' });
    expect(approved.statusCode, approved.body).toBe(201);
    const v1 = approved.json<SoaVersionView>();
    expect(v1).toMatchObject({ versionNo: 1, approverName: 'token:owner token', note: 'Management review 2026', hashValid: true });
    expect(v1.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.snapshot.entries).toHaveLength(38);
    const a22 = v1.snapshot.entries.find((e) => e.controlRef === 'A.2.2')!;
    expect(a22).toMatchObject({
      title: { en: 'AI policy', 'zh-HK': '人工智能政策' },
      owner: { name: 'governance_lead of acme' },
      controls: [{ name: 'Board-approved AI policy' }],
    });
    expect(a22.evidence.map((e) => e.title)).toEqual(['AI policy v2', 'Board minutes']);

    const edited = await patch('A.2.2', { applicable: false, justification: 'Changed after approval' });
    expect(edited.statusCode).toBe(200);
    const reread = (await get<SoaVersionView>(`${base}/versions/1`)).body;
    expect(reread).toEqual(v1);
    expect(reread.snapshot.entries.find((e) => e.controlRef === 'A.2.2')?.applicable).toBe(true);
    expect((await soa()).latestVersion?.versionNo).toBe(1);

    // a session user is named by display name, and numbering continues
    const lead = await signIn(t.app, acme.users.governance_lead.email, PASSWORD);
    const v2 = (await post('/approve', {}, lead)).json<SoaVersionView>();
    expect(v2).toMatchObject({
      versionNo: 2,
      approverName: 'governance_lead of acme',
      approvedBy: acme.users.governance_lead.id,
      note: null,
    });
    expect(v2.snapshot.entries.find((e) => e.controlRef === 'A.2.2')?.applicable).toBe(false);
    expect(v2.snapshotHash).not.toBe(v1.snapshotHash);
    const list = (await get<SoaVersionList>(`${base}/versions`)).body.items;
    expect(list.map((v) => v.versionNo)).toEqual([2, 1]);
    expect((await get<SoaVersionView>(`${base}/versions/3`)).res.statusCode).toBe(404);
  });

  it('the database refuses to change an approved version, and a tampered snapshot shows as invalid', async () => {
    const { db } = t.database;
    await expect(db.execute(sql`update soa_versions set note = 'rewritten' where version_no = 1`)).rejects.toThrow();
    const v1 = (await get<SoaVersionView>(`${base}/versions/1`)).body;
    expect(v1).toMatchObject({ note: 'Management review 2026', hashValid: true });
    // only someone who switches the trigger off can change it, and the hash then gives it away
    await db.execute(sql`alter table soa_versions disable trigger soa_versions_no_update`);
    await db.execute(sql`update soa_versions set snapshot = jsonb_set(snapshot, '{note}', '"rewritten"') where version_no = 1`);
    await db.execute(sql`alter table soa_versions enable trigger soa_versions_no_update`);
    const tampered = (await get<SoaVersionView>(`${base}/versions/1`)).body;
    expect(tampered).toMatchObject({ hashValid: false, snapshotHash: v1.snapshotHash });
    expect(tampered.snapshot.note).toBe('rewritten');
  });

  it("answers 404 to another organisation's members and for its versions", async () => {
    const outsider = bearer(other.tokens.owner);
    for (const url of [base, `${base}/versions`, `${base}/versions/1`, `${base}/export?format=pdf`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: outsider });
      expect(res.statusCode, url).toBe(404);
    }
    expect((await patch('A.2.2', { applicable: true }, outsider)).statusCode).toBe(404);
    // the other organisation's own statement is empty: nothing of acme leaks into it
    const theirs = await get<SoaView>('/api/v1/orgs/other/soa', outsider);
    expect(theirs.body.summary.undecided).toBe(38);
    expect(theirs.body.latestVersion).toBeNull();
    expect((await get('/api/v1/orgs/other/soa/versions/1', outsider)).res.statusCode).toBe(404);
  });

  it('exports the draft and approved versions as XLSX, DOCX and PDF in both languages', async () => {
    const xlsx = await t.app.inject({ method: 'GET', url: `${base}/export?format=xlsx&lang=en`, headers: owner });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="acme-soa-draft-en.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(39);
    expect(rows[1]!.slice(1, 6)).toEqual(['A.2.2', 'A.2 Policies related to AI', 'AI policy', 'Not applicable', 'Changed after approval']);
    expect(wb.worksheets[1]!.getColumn(1).values).toContain('Draft — not approved');

    const v1xlsx = await t.app.inject({ method: 'GET', url: `${base}/export?format=xlsx&lang=zh-HK&version=1`, headers: owner });
    const wb1 = new ExcelJS.Workbook();
    await wb1.xlsx.load(v1xlsx.rawPayload as unknown as ArrayBuffer);
    const rows1 = wb1.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows1[0]![5]).toBe('理據');
    expect(rows1[1]!.slice(1, 5)).toEqual(['A.2.2', 'A.2 與人工智能相關的政策', '人工智能政策', '適用']);
    expect(wb1.worksheets[1]!.getColumn(1).values).toContain('批准人: token:owner token');

    const docx = await t.app.inject({ method: 'GET', url: `${base}/export?format=docx&lang=zh-HK&version=1`, headers: owner });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    for (const lang of ['en', 'zh-HK']) {
      const pdf = await t.app.inject({ method: 'GET', url: `${base}/export?format=pdf&lang=${lang}&version=2`, headers: owner });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = pdf.rawPayload.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      expect(text).toMatch(/\/FontFile2 /);
      expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHK/);
    }

    expect((await t.app.inject({ method: 'GET', url: `${base}/export?format=pdf&version=9`, headers: owner })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${base}/export?format=csv`, headers: owner })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `${base}/export?lang=fr`, headers: owner })).statusCode).toBe(400);
  });
});
