import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import {
  aiSystems,
  appliedControls,
  assessmentItems,
  assessments,
  auditLog,
  evidenceFiles,
  evidenceItems,
  evidenceLinks,
} from '../../src/db/schema.js';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import type { PackManifest } from '../../src/modules/evidence/pack-content.js';
import type { EvidenceExpirySummary, EvidencePage, EvidenceView } from '../../src/modules/evidence/schema.js';
import { EvidenceStore } from '../../src/modules/evidence/store.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, type TestOrg } from '../support/factories.js';
import { bearer, startTestApp, type TestApp } from '../support/harness.js';
import { multipart } from './route-table.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

/** Every entry of a zip, by name. */
async function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const out = new Map<string, Buffer>();
  return new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve(out));
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

describe.each(engines)('evidence library on %s', (engine) => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let owner: Record<string, string>;
  let store: EvidenceStore;
  const url = (p: string, slug = 'acme') => `/api/v1/orgs/${slug}${p}`;

  const create = async (payload: object, headers = owner, slug = 'acme') => {
    const res = await t.app.inject({ method: 'POST', url: url('/evidence', slug), headers, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<EvidenceView>();
  };
  const upload = (id: string, fileName: string, content: Buffer | string, type: string, headers = owner, slug = 'acme') => {
    const m = multipart(fileName, content, { type });
    return t.app.inject({
      method: 'POST',
      url: url(`/evidence/${id}/files`, slug),
      headers: { ...headers, ...m.headers },
      payload: m.payload,
    });
  };
  const link = (id: string, targetType: string, targetKey: string) =>
    t.app.inject({ method: 'POST', url: url(`/evidence/${id}/links`), headers: owner, payload: { targetType, targetKey } });
  const rows = async () => {
    const { db } = t.database;
    const n = async (table: typeof evidenceItems | typeof evidenceFiles | typeof evidenceLinks | typeof auditLog) =>
      (await db.select({ n: count() }).from(table))[0]?.n;
    return { items: await n(evidenceItems), files: await n(evidenceFiles), links: await n(evidenceLinks), audit: await n(auditLog) };
  };
  async function storedFiles(): Promise<string[]> {
    const entries = await fs.readdir(path.join(t.evidenceDir, 'sha256'), { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  }
  const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

  beforeAll(async () => {
    t = await startTestApp(engine);
    org = await buildOrg(t.database.db, 'acme');
    other = await buildOrg(t.database.db, 'other');
    owner = bearer(org.tokens.owner);
    store = new EvidenceStore(t.evidenceDir);
  });
  afterAll(async () => t?.close());

  it('keeps link and note evidence, checks their fields, and refuses stale edits', async () => {
    const linkItem = await create({
      kind: 'link',
      title: 'Vendor SOC 2 report',
      url: 'https://trust.vendor.example/soc2',
      ownerId: org.users.governance_lead.id,
      collectedOn: '2026-01-10',
      expiresOn: '2027-01-10',
    });
    expect(linkItem).toMatchObject({
      kind: 'link',
      url: 'https://trust.vendor.example/soc2',
      owner: { id: org.users.governance_lead.id, email: org.users.governance_lead.email, name: 'governance_lead of acme' },
      versions: [],
      links: [],
      version: 1,
      can: { update: true, archive: true, upload: false, link: true },
    });
    const note = await create({ kind: 'note', title: 'Walkthrough of the model review', note: 'Reviewed with the data team.' });
    expect(note.note).toBe('Reviewed with the data team.');

    const before = await rows();
    for (const bad of [
      { kind: 'link', title: 'No address' },
      { kind: 'note', title: 'No text' },
      { kind: 'note', title: 'Backwards', note: 'x', collectedOn: '2026-05-01', expiresOn: '2026-04-01' },
      { kind: 'link', title: 'Stranger', url: 'https://x.example', ownerId: other.users.owner.id },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: url('/evidence'), headers: owner, payload: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(422);
    }
    const script = await t.app.inject({
      method: 'POST',
      url: url('/evidence'),
      headers: owner,
      payload: { kind: 'link', title: 'x', url: 'javascript:alert(1)' },
    });
    expect(script.statusCode).toBe(400);
    expect(await rows()).toEqual(before);

    const edited = await t.app.inject({
      method: 'PATCH',
      url: url(`/evidence/${linkItem.id}`),
      headers: owner,
      payload: { title: 'Vendor SOC 2 Type II report', version: 1 },
    });
    expect(edited.json<EvidenceView>()).toMatchObject({ title: 'Vendor SOC 2 Type II report', version: 2 });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: url(`/evidence/${linkItem.id}`),
      headers: owner,
      payload: { title: 'Lost edit', version: 1 },
    });
    expect([stale.statusCode, errorOf(stale).code, errorOf(stale).details]).toEqual([409, 'conflict', { currentVersion: 2 }]);
    const emptied = await t.app.inject({ method: 'PATCH', url: url(`/evidence/${linkItem.id}`), headers: owner, payload: { url: null } });
    expect(emptied.statusCode).toBe(422);

    const archived = await t.app.inject({ method: 'POST', url: url(`/evidence/${note.id}/archive`), headers: owner });
    expect(archived.json<EvidenceView>().archivedAt).not.toBeNull();
    const editArchived = await t.app.inject({ method: 'PATCH', url: url(`/evidence/${note.id}`), headers: owner, payload: { title: 'x' } });
    expect(editArchived.statusCode).toBe(409);
    const listed = await t.app.inject({ method: 'GET', url: url('/evidence?archived=only'), headers: owner });
    expect(listed.json<EvidencePage>().items.map((i) => i.id)).toEqual([note.id]);
    const restored = await t.app.inject({ method: 'POST', url: url(`/evidence/${note.id}/restore`), headers: owner });
    expect(restored.json<EvidenceView>().archivedAt).toBeNull();

    const audit = await t.app.inject({ method: 'GET', url: url(`/audit-log?entityId=${linkItem.id}`), headers: owner });
    expect(
      audit
        .json<AuditPage>()
        .items.map((e) => e.action)
        .sort(),
    ).toEqual(['evidence.create', 'evidence.update']);
  });

  it('stores file versions by SHA-256 and downloads exactly what was uploaded', async () => {
    const item = await create({ kind: 'file', title: 'Model card', ownerId: org.users.system_owner.id });
    const v1 = Buffer.from('%PDF-1.7 model card v1');
    const v2 = Buffer.from('%PDF-1.7 model card v2, with the bias review');
    const first = await upload(item.id, 'Model card (v1).pdf', v1, 'application/pdf');
    expect(first.statusCode, first.body).toBe(201);
    const second = await upload(item.id, '模型卡 v2.pdf', v2, 'application/octet-stream', bearer(org.tokens.contributor));
    expect(second.statusCode, second.body).toBe(201);
    const view = second.json<EvidenceView>();
    expect(view.versions.map((v) => [v.versionNo, v.fileName, v.sha256, v.size, v.mediaType, v.uploadedBy])).toEqual([
      [2, '模型卡 v2.pdf', sha(v2), v2.length, 'application/pdf', 'token:contributor token'],
      [1, 'Model card (v1).pdf', sha(v1), v1.length, 'application/pdf', 'token:owner token'],
    ]);
    expect(view.version).toBe(3);
    expect(await storedFiles()).toEqual(expect.arrayContaining([sha(v1), sha(v2)]));
    expect(await fs.readFile(store.pathOf(sha(v1)))).toEqual(v1);

    for (const [no, bytes] of [
      [1, v1],
      [2, v2],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: url(`/evidence/${item.id}/files/${no}`), headers: bearer(org.tokens.viewer) });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(bytes)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-sha256']).toBe(sha(bytes));
    }
    const dl = await t.app.inject({ method: 'GET', url: url(`/evidence/${item.id}/files/2`), headers: owner });
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="___ v2.pdf"; filename*=UTF-8''%E6%A8%A1%E5%9E%8B%E5%8D%A1%20v2.pdf`,
    );
    const missing = await t.app.inject({ method: 'GET', url: url(`/evidence/${item.id}/files/3`), headers: owner });
    expect([missing.statusCode, errorOf(missing).message]).toEqual([404, 'File version not found']);

    // The same bytes again: a third version, one stored copy.
    const before = (await storedFiles()).length;
    expect((await upload(item.id, 'again.pdf', v1, 'application/pdf')).statusCode).toBe(201);
    expect((await storedFiles()).length).toBe(before);

    const audit = await t.app.inject({ method: 'GET', url: url(`/audit-log?entityId=${item.id}`), headers: owner });
    expect(audit.json<AuditPage>().items.filter((e) => e.action === 'evidence.upload')).toHaveLength(3);
  });

  it('refuses to serve a stored file whose bytes were changed on disk', async () => {
    const item = await create({ kind: 'file', title: 'Signed approval' });
    const bytes = Buffer.from('Approved by the board on 2026-03-01');
    expect((await upload(item.id, 'approval.txt', bytes, 'text/plain')).statusCode).toBe(201);
    await fs.writeFile(store.pathOf(sha(bytes)), 'Approved by nobody');

    const res = await t.app.inject({ method: 'GET', url: url(`/evidence/${item.id}/files/1`), headers: owner });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toEqual({
      code: 'conflict',
      message: 'The stored file no longer matches its SHA-256; it was changed on disk',
      details: { expected: sha(bytes), actual: sha('Approved by nobody') },
    });
    expect(res.body).not.toContain('Approved by nobody');

    const pack = await t.app.inject({ method: 'GET', url: url(`/evidence-pack?ids=${item.id}`), headers: owner });
    expect([pack.statusCode, errorOf(pack).code, errorOf(pack).details]).toEqual([
      409,
      'conflict',
      { expected: sha(bytes), actual: sha('Approved by nobody') },
    ]);

    await fs.rm(store.pathOf(sha(bytes)));
    const gone = await t.app.inject({ method: 'GET', url: url(`/evidence/${item.id}/files/1`), headers: owner });
    expect([gone.statusCode, errorOf(gone).message]).toEqual([404, 'The stored file is missing from the evidence store']);

    // Uploading the true bytes again repairs the store.
    expect((await upload(item.id, 'approval.txt', bytes, 'text/plain')).statusCode).toBe(201);
    const healed = await t.app.inject({ method: 'GET', url: url(`/evidence/${item.id}/files/1`), headers: owner });
    expect(healed.rawPayload.equals(bytes)).toBe(true);
  });

  it('refuses unaccepted types, oversize files and uploads to non-file items, storing nothing', async () => {
    const item = await create({ kind: 'file', title: 'Screenshots' });
    const note = await create({ kind: 'note', title: 'Meeting note', note: 'Discussed' });
    const beforeRows = await rows();
    const beforeFiles = await storedFiles();

    const exe = await upload(item.id, 'tool.exe', 'MZ', 'application/octet-stream');
    expect([exe.statusCode, errorOf(exe).code]).toEqual([415, 'unsupported_media_type']);
    expect(errorOf(exe).message).toMatch(/not accepted as evidence.*\.pdf/);
    const html = await upload(item.id, 'page.html', '<script>alert(1)</script>', 'text/html');
    expect(html.statusCode).toBe(415);
    const disguised = await upload(item.id, 'report.pdf', '<script>alert(1)</script>', 'text/html');
    expect([disguised.statusCode, errorOf(disguised).message]).toEqual([
      415,
      'A .pdf file should be application/pdf, but it was sent as text/html',
    ]);
    const noExtension = await upload(item.id, 'README', 'hello', 'text/plain');
    expect(noExtension.statusCode).toBe(415);
    // declared right, but the bytes are something else: the content decides
    const htmlAsPdf = await upload(item.id, 'report.pdf', '<html><script>alert(1)</script></html>', 'application/pdf');
    expect([htmlAsPdf.statusCode, errorOf(htmlAsPdf).message]).toEqual([
      415,
      "The file's content is not a PDF, as its .pdf extension says; check that the right file was chosen",
    ]);
    const pdfAsDocx = await upload(item.id, 'policy.docx', '%PDF-1.7 not a zip', 'application/octet-stream');
    expect(errorOf(pdfAsDocx).message).toMatch(/not a Word document/);
    const binaryCsv = await upload(item.id, 'scores.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'text/csv');
    expect(binaryCsv.statusCode).toBe(415);
    const empty = await upload(item.id, 'blank.png', '', 'image/png');
    expect(errorOf(empty).message).toBe('The file is empty; a .png file should be a PNG image');

    const oversize = await upload(item.id, 'huge.txt', Buffer.alloc(25 * 1024 * 1024 + 1, 0x61), 'text/plain');
    expect([oversize.statusCode, errorOf(oversize).code]).toEqual([413, 'payload_too_large']);

    const toNote = await upload(note.id, 'note.txt', 'x', 'text/plain');
    expect(toNote.statusCode).toBe(422);
    const notMultipart = await t.app.inject({ method: 'POST', url: url(`/evidence/${item.id}/files`), headers: owner, payload: { a: 1 } });
    expect(notMultipart.statusCode).toBe(415);
    const wrongField = multipart('x.txt', 'x', { field: 'attachment', type: 'text/plain' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: url(`/evidence/${item.id}/files`),
      headers: { ...owner, ...wrongField.headers },
      payload: wrongField.payload,
    });
    expect(wrong.statusCode).toBe(400);
    const viewer = await upload(item.id, 'x.txt', 'x', 'text/plain', bearer(org.tokens.viewer));
    expect(viewer.statusCode).toBe(403);

    expect(await rows()).toEqual(beforeRows);
    expect(await storedFiles()).toEqual(beforeFiles);
    const tmp = await fs.readdir(path.join(t.evidenceDir, 'tmp')).catch(() => []);
    expect(tmp).toEqual([]);
  });

  it('links evidence to requirements, controls, systems and assessment items of its own organisation only', async () => {
    const { db } = t.database;
    const item = await create({ kind: 'note', title: 'Impact assessment summary', note: 'Done' });
    const system = (
      await t.app.inject({ method: 'POST', url: url('/systems'), headers: owner, payload: buildSystem({ name: 'Claims triage' }) })
    ).json<{ id: string }>();
    const foreignSystem = (
      await t.app.inject({
        method: 'POST',
        url: url('/systems', 'other'),
        headers: bearer(other.tokens.owner),
        payload: buildSystem({ name: 'Other system' }),
      })
    ).json<{ id: string }>();
    const [control] = await db
      .insert(appliedControls)
      .values({ orgId: org.ctx.org.id, name: 'Quarterly model review', status: 'implemented', frequency: 'quarterly' })
      .returning();
    const [assessment] = await db
      .insert(assessments)
      .values({
        orgId: org.ctx.org.id,
        framework: 'iso-iec-42001-2023',
        frameworkVersion: '2023',
        title: 'Gap assessment 2026',
        status: 'in_progress',
        createdBy: 'test',
      })
      .returning();
    const [assessmentItem] = await db
      .insert(assessmentItems)
      .values({ orgId: org.ctx.org.id, assessmentId: assessment!.id, requirementId: 'A.5.2' })
      .returning();

    const before = await rows();
    const refusals: [string, string][] = [
      ['requirement', 'iso-iec-42001-2023:A.99'],
      ['requirement', 'no-such-framework:A.2.2'],
      ['requirement', 'A.2.2'],
      ['system', foreignSystem.id],
      ['system', 'not-a-uuid'],
      ['control', system.id],
      ['assessment_item', control!.id],
    ];
    for (const [type, key] of refusals) {
      const res = await link(item.id, type, key);
      expect([res.statusCode, errorOf(res).code], `${type} ${key}`).toEqual([422, 'unprocessable']);
      expect(res.body).not.toContain('Other system');
    }
    expect(await rows()).toEqual(before);

    for (const [type, key] of [
      ['requirement', 'iso-iec-42001-2023:A.5.2'],
      ['control', control!.id],
      ['system', system.id],
      ['assessment_item', assessmentItem!.id],
    ] as const) {
      const res = await link(item.id, type, key);
      expect(res.statusCode, res.body).toBe(200);
    }
    const again = await link(item.id, 'system', system.id);
    expect(again.json<EvidenceView>().links).toHaveLength(4);
    const view = again.json<EvidenceView>();
    expect(view.links).toEqual([
      { targetType: 'assessment_item', targetKey: assessmentItem!.id, label: 'Gap assessment 2026 — A.5.2' },
      { targetType: 'control', targetKey: control!.id, label: 'Quarterly model review' },
      { targetType: 'requirement', targetKey: 'iso-iec-42001-2023:A.5.2', label: expect.stringMatching(/^A\.5\.2 \S/) as string },
      { targetType: 'system', targetKey: system.id, label: 'Claims triage' },
    ]);

    const bySystem = await t.app.inject({ method: 'GET', url: url(`/evidence?targetType=system&targetKey=${system.id}`), headers: owner });
    expect(bySystem.statusCode, bySystem.body).toBe(200);
    expect(bySystem.json<EvidencePage>().items.map((i) => i.id)).toEqual([item.id]);
    const half = await t.app.inject({ method: 'GET', url: url(`/evidence?targetType=system`), headers: owner });
    expect(half.statusCode).toBe(400);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: url(`/evidence/${item.id}/links?targetType=system&targetKey=${system.id}`),
      headers: owner,
    });
    expect(removed.json<EvidenceView>().links.map((l) => l.targetType)).toEqual(['assessment_item', 'control', 'requirement']);
    const auditActions = (await t.app.inject({ method: 'GET', url: url(`/audit-log?entityId=${item.id}`), headers: owner }))
      .json<AuditPage>()
      .items.map((e) => e.action);
    expect(auditActions.filter((a) => a === 'evidence.link')).toHaveLength(4);
    expect(auditActions.filter((a) => a === 'evidence.unlink')).toHaveLength(1);
    await db.delete(evidenceLinks).where(eq(evidenceLinks.evidenceId, item.id));
    await db.delete(aiSystems).where(eq(aiSystems.id, foreignSystem.id));
  });

  it("answers 404 for another organisation's evidence, exactly as for an unknown id", async () => {
    const theirs = await create({ kind: 'file', title: 'Other secret' }, bearer(other.tokens.owner), 'other');
    expect((await upload(theirs.id, 'secret.txt', 'other org secret', 'text/plain', bearer(other.tokens.owner), 'other')).statusCode).toBe(
      201,
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    const before = await rows();
    for (const id of [theirs.id, unknown]) {
      for (const o of [
        { method: 'GET' as const, url: url(`/evidence/${id}`) },
        { method: 'PATCH' as const, url: url(`/evidence/${id}`), payload: { title: 'mine' } },
        { method: 'GET' as const, url: url(`/evidence/${id}/files/1`) },
        { method: 'POST' as const, url: url(`/evidence/${id}/archive`) },
        {
          method: 'POST' as const,
          url: url(`/evidence/${id}/links`),
          payload: { targetType: 'requirement', targetKey: 'iso-iec-42001-2023:A.2.2' },
        },
      ]) {
        const res = await t.app.inject({ ...o, headers: owner });
        expect([res.statusCode, errorOf(res).message], `${o.method} ${o.url}`).toEqual([404, 'Evidence not found']);
      }
      const up = await upload(id, 'x.txt', 'x', 'text/plain');
      expect([up.statusCode, errorOf(up).message]).toEqual([404, 'Evidence not found']);
    }
    expect(await rows()).toEqual(before);
    const pack = await t.app.inject({ method: 'GET', url: url(`/evidence-pack?ids=${theirs.id}`), headers: owner });
    const entries = await unzip(pack.rawPayload);
    expect((JSON.parse(entries.get('manifest.json')!.toString()) as PackManifest).items).toEqual([]);
    const list = await t.app.inject({ method: 'GET', url: url('/evidence?archived=include&limit=200'), headers: owner });
    expect(list.body).not.toContain('Other secret');
  });

  it('exports an evidence pack with the files, their hashes, owners and links, and a readable index', async () => {
    const system = (
      await t.app.inject({ method: 'POST', url: url('/systems'), headers: owner, payload: buildSystem({ name: 'Pack <system>' }) })
    ).json<{ id: string }>();
    const file = await create({
      kind: 'file',
      title: 'Risk register <export>',
      ownerId: org.users.governance_lead.id,
      expiresOn: '2027-06-30',
    });
    const oldBytes = Buffer.from('title,owner\nold,me\n');
    const newBytes = Buffer.from('title,owner\nBias risk,Governance\n');
    expect((await upload(file.id, 'risks old.csv', oldBytes, 'text/csv')).statusCode).toBe(201);
    expect((await upload(file.id, '../risks (2026).csv', newBytes, 'text/csv')).statusCode).toBe(201);
    const linkItem = await create({ kind: 'link', title: 'Policy page', url: 'https://intranet.example/ai-policy' });
    for (const id of [file.id, linkItem.id]) {
      expect((await link(id, 'system', system.id)).statusCode).toBe(200);
      expect((await link(id, 'requirement', 'iso-iec-42001-2023:A.2.2')).statusCode).toBe(200);
    }
    expect((await link(file.id, 'requirement', 'nist-ai-rmf-1.0:GOVERN-1.1')).statusCode).not.toBe(500);

    const res = await t.app.inject({ method: 'GET', url: url(`/evidence-pack?system=${system.id}`), headers: bearer(org.tokens.auditor) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="evidence-pack-acme-\d{4}-\d{2}-\d{2}\.zip"/);
    const entries = await unzip(res.rawPayload);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as PackManifest;
    expect(manifest).toMatchObject({
      organization: { slug: 'acme', name: 'Org acme' },
      generatedBy: 'token:auditor token',
      filters: { system: system.id },
    });
    expect(manifest.items.map((i) => i.title)).toEqual(['Policy page', 'Risk register <export>']);
    const [policy, register] = manifest.items;
    expect(policy).toMatchObject({ kind: 'link', url: 'https://intranet.example/ai-policy', owner: null, files: [] });
    const path2 = `files/${file.id}/2-risks_2026_.csv`;
    expect(register).toMatchObject({
      id: file.id,
      owner: { name: 'governance_lead of acme', email: org.users.governance_lead.email },
      expiresOn: '2027-06-30',
      files: [{ path: path2, sha256: sha(newBytes), size: newBytes.length, mediaType: 'text/csv', versionNo: 2 }],
    });
    expect(register!.links).toEqual(
      expect.arrayContaining([
        { type: 'system', key: system.id, label: 'Pack <system>' },
        { type: 'requirement', key: 'iso-iec-42001-2023:A.2.2', label: expect.stringMatching(/^A\.2\.2 /) as string },
      ]),
    );
    expect(entries.get(path2)!.equals(newBytes)).toBe(true);
    expect([...entries.keys()].sort()).toEqual(['files/' + file.id + '/2-risks_2026_.csv', 'index.html', 'manifest.json'].sort());

    const html = entries.get('index.html')!.toString();
    expect(html).toContain(`href="${path2}"`);
    expect(html).toContain(sha(newBytes));
    expect(html).toContain('Risk register &lt;export&gt;');
    expect(html).toContain('Pack &lt;system&gt;');
    expect(html).not.toContain('<system>');

    const byFramework = await t.app.inject({ method: 'GET', url: url('/evidence-pack?framework=iso-iec-42001-2023'), headers: owner });
    const frameworkItems = (JSON.parse((await unzip(byFramework.rawPayload)).get('manifest.json')!.toString()) as PackManifest).items;
    expect(frameworkItems.map((i) => i.id).sort()).toEqual([file.id, linkItem.id].sort());
    const byRequirement = await t.app.inject({
      method: 'GET',
      url: url(`/evidence-pack?requirement=${encodeURIComponent('iso-iec-42001-2023:A.2.2')}&ids=${linkItem.id}`),
      headers: owner,
    });
    expect(
      (JSON.parse((await unzip(byRequirement.rawPayload)).get('manifest.json')!.toString()) as PackManifest).items.map((i) => i.id),
    ).toEqual([linkItem.id]);
    const badIds = await t.app.inject({ method: 'GET', url: url('/evidence-pack?ids=nope'), headers: owner });
    expect(badIds.statusCode).toBe(400);
  });

  it('computes expiry states, filters by them and counts them for dashboards', async () => {
    const dash = await t.app.inject({ method: 'GET', url: url('/evidence/summary', 'other'), headers: bearer(other.tokens.viewer) });
    const baseline = dash.json<EvidenceExpirySummary>();
    const make = (title: string, expiresOn: string | null) =>
      create({ kind: 'note', title, note: 'x', expiresOn }, bearer(other.tokens.owner), 'other');
    const expired = await make('Expired cert', isoDay(-1));
    const soon = await make('Expiring cert', isoDay(10));
    const later = await make('Valid cert', isoDay(100));
    const none = await make('Timeless note', null);
    expect([expired.expiryState, soon.expiryState, later.expiryState, none.expiryState]).toEqual([
      'expired',
      'expiring_soon',
      'valid',
      'no_expiry',
    ]);
    const filter = async (expiry: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: url(`/evidence?expiry=${expiry}&kind=note&q=cert`, 'other'),
          headers: bearer(other.tokens.owner),
        })
      )
        .json<EvidencePage>()
        .items.map((i) => i.title);
    expect(await filter('expired')).toEqual(['Expired cert']);
    expect(await filter('expiring')).toEqual(['Expiring cert']);
    expect(await filter('valid')).toEqual(['Valid cert']);
    const summary = (
      await t.app.inject({ method: 'GET', url: url('/evidence/summary', 'other'), headers: bearer(other.tokens.viewer) })
    ).json<EvidenceExpirySummary>();
    expect(summary).toEqual({
      total: baseline.total + 4,
      expired: baseline.expired + 1,
      expiringSoon: baseline.expiringSoon + 1,
      valid: baseline.valid + 1,
      noExpiry: baseline.noExpiry + 1,
      withinDays: 30,
      asOf: isoDay(0),
    });
  });
});
