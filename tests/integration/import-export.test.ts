import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { auditHeads, importRuns, memberships } from '../../src/db/schema.js';
import { queryRows } from '../../src/db/connect.js';
import { DEMO_SLUG } from '../../src/demo/harbour-point.js';
import { seedDemo } from '../../src/demo/seed.js';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import { verifyAuditChains } from '../../src/modules/audit-log/service.js';
import { createOrganization } from '../../src/modules/orgs/service.js';
import { findOrgBySlug } from '../../src/modules/orgs/repo.js';
import { createSystem } from '../../src/modules/systems/service.js';
import type { SystemPage, SystemView } from '../../src/modules/systems/schema.js';
import { createToken } from '../../src/modules/tokens/service.js';
import type { ImportRunView } from '../../src/modules/transfer/schema.js';
import { createUser } from '../../src/modules/users/service.js';
import { createVendor } from '../../src/modules/vendors/service.js';
import type { VendorPage, VendorView } from '../../src/modules/vendors/schema.js';
import { systemActor, type OrgContext } from '../../src/server/context.js';
import { engines } from '../support/engines.js';
import { buildOrg, PASSWORD, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';
import { csvFile, multipart, readCsvGrid, readXlsxGrid, xlsxFile, type Grid } from './spreadsheets.js';

type Entity = 'systems' | 'vendors';

/** The headers of a minimal valid system row, and such a row. */
const SYSTEM_HEADERS = ['Name', 'Purpose and intended use', 'Type', 'Hosting', 'Decision role', 'Human oversight'];
const systemRow = (name: string): string[] => [
  name,
  'Answers staff questions',
  'Agent',
  'Cloud',
  'Informs a human decision',
  'Human-in-the-loop',
];

describe.each(engines)('spreadsheet import and export on %s', (engine) => {
  let t: TestApp;
  let org: TestOrg;
  /** a member known by display name only in some files */
  let mei: { id: string; email: string };

  beforeAll(async () => {
    t = await startTestApp(engine);
    org = await buildOrg(t.database.db, 'acme');
    const u = await createUser(t.database.db, systemActor('test'), {
      email: 'mei.chan@acme.test',
      password: PASSWORD,
      orgSlug: 'acme',
      role: 'system_owner',
      displayName: 'Chan Tai Man',
    });
    mei = { id: u.userId, email: u.email };
  });
  afterAll(async () => t?.close());

  const owner = () => bearer(org.tokens.owner);

  async function upload(
    entity: Entity,
    fileName: string,
    body: Buffer,
    opts: { dryRun?: boolean; wait?: boolean; token?: string; slug?: string } = {},
  ) {
    const params = new URLSearchParams();
    if (opts.dryRun !== undefined) params.set('dryRun', String(opts.dryRun));
    if (opts.wait !== false) params.set('wait', 'true');
    const { payload, headers } = multipart(fileName, body);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${opts.slug ?? 'acme'}/imports/${entity}?${params.toString()}`,
      headers: { ...headers, ...bearer(opts.token ?? org.tokens.owner) },
      payload,
    });
  }

  async function run(
    entity: Entity,
    fileName: string,
    body: Buffer,
    opts: { dryRun: boolean; token?: string; slug?: string },
  ): Promise<ImportRunView> {
    const res = await upload(entity, fileName, body, opts);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ImportRunView>();
  }

  async function total(entity: Entity, slug = 'acme', token = org.tokens.owner): Promise<number> {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${slug}/${entity}?limit=1`, headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    return res.json<{ total: number }>().total;
  }

  async function auditHead(slug = 'acme'): Promise<{ seq: number; hash: string }> {
    const o = await findOrgBySlug(t.database.db, slug);
    const [row] = await t.database.db.select().from(auditHeads).where(eq(auditHeads.orgId, o!.id));
    return { seq: row!.seq, hash: row!.hash };
  }

  async function systemsNamed(prefix: string, slug = 'acme', token = org.tokens.owner): Promise<SystemView[]> {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${slug}/systems?q=${encodeURIComponent(prefix)}&limit=200`,
      headers: bearer(token),
    });
    return res.json<SystemPage>().items;
  }

  async function allVendors(slug: string, token: string): Promise<VendorView[]> {
    return (await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${slug}/vendors?limit=200`, headers: bearer(token) })).json<VendorPage>()
      .items;
  }

  it('imports vendors, then systems, from XLSX with English headers', async () => {
    const vendors = await xlsxFile([
      [
        'Name',
        'Website',
        'Products',
        'AI features',
        'Headquarters country',
        'Data-processing regions',
        'Contact name',
        'Contact e-mail',
        'Notes',
      ],
      [
        'Acme AI',
        { text: 'https://acme.example', hyperlink: 'https://acme.example/' } as ExcelJS.CellValue,
        'Acme Assist; Acme Scan',
        'Chatbot\nDocument OCR',
        'Hong Kong',
        'Hong Kong, Singapore',
        'Ada Lee',
        'ada@acme.example',
        'Signed DPA in 2026',
      ],
      ['Globex Cloud', 'https://globex.example', 'Globex CRM', '', 'United States', '', '', '', ''],
    ]);
    const v = await run('vendors', 'vendors.xlsx', vendors, { dryRun: false });
    expect(v).toMatchObject({
      entity: 'vendors',
      state: 'done',
      dryRun: false,
      totalRows: 2,
      processedRows: 2,
      createdRows: 2,
      errors: [],
      message: null,
    });
    const acme = (await allVendors('acme', org.tokens.owner)).find((x) => x.name === 'Acme AI');
    expect(acme).toMatchObject({
      website: 'https://acme.example',
      products: ['Acme Assist', 'Acme Scan'],
      aiFeatures: ['Chatbot', 'Document OCR'],
      dataProcessingRegions: ['Hong Kong', 'Singapore'],
      contactEmail: 'ada@acme.example',
      notes: 'Signed DPA in 2026',
    });

    const systems = await xlsxFile([
      [
        ...SYSTEM_HEADERS,
        'Accountable owner',
        'Technical owner',
        'Vendor',
        'Data categories',
        'Regions where used',
        'Next review date',
        'Registration status',
        'Tags',
      ],
      [
        'XLSX Claims triage',
        'Sorts incoming claims by urgency',
        'Vendor SaaS with AI features',
        'Vendor-hosted',
        'Recommends a decision',
        'Human-on-the-loop',
        org.users.governance_lead.email.toUpperCase(),
        'chan tai man',
        'acme ai',
        'Personal data; Financial data',
        'Hong Kong, European Union',
        new Date(Date.UTC(2027, 2, 31)),
        'Registered',
        'claims, triage',
      ],
      [...systemRow('XLSX Helpdesk bot'), '', 'Chan Tai Man', 'GLOBEX CLOUD', '', '', '', '', ''],
    ]);
    const s = await run('systems', 'systems.xlsx', systems, { dryRun: false });
    expect(s).toMatchObject({ state: 'done', totalRows: 2, createdRows: 2, errors: [] });
    const [claims, helpdesk] = await systemsNamed('XLSX ');
    expect(claims).toMatchObject({
      name: 'XLSX Claims triage',
      type: 'vendor_saas_ai',
      hosting: 'vendor',
      decisionRole: 'recommends',
      humanOversight: 'human_on_the_loop',
      accountableOwner: { id: org.users.governance_lead.id },
      technicalOwner: { id: mei.id },
      vendor: { name: 'Acme AI' },
      dataCategories: ['personal', 'financial'],
      regionsUsed: ['hong_kong', 'eu'],
      nextReviewDate: '2027-03-31',
      registrationStatus: 'registered',
      tags: ['claims', 'triage'],
      source: 'import',
    });
    expect(helpdesk).toMatchObject({
      name: 'XLSX Helpdesk bot',
      technicalOwner: { id: mei.id },
      vendor: { name: 'Globex Cloud' },
      accountableOwner: null,
    });
  });

  it('imports from CSV with Chinese headers and Chinese labels', async () => {
    const vendors = csvFile([
      ['名稱', '網站', '產品', '總部所在國家或地區', '資料處理地區'],
      ['深藍科技', 'https://deepblue.example', '智能客服、語音轉錄', '香港', '香港、新加坡'],
    ]);
    expect(await run('vendors', '供應商.csv', vendors, { dryRun: false })).toMatchObject({ state: 'done', createdRows: 1, errors: [] });

    const systems = csvFile([
      [
        '名稱',
        '目的及預期用途',
        '類型',
        '託管方式',
        '決策角色',
        '人為監督程度',
        '問責負責人',
        '技術負責人',
        '供應商',
        '資料類別',
        '使用地區',
        '受影響人士',
        '生命週期階段',
        '登記狀態',
        '標籤',
        '下次檢討日期',
      ],
      [
        '中文 招聘篩選',
        '篩選求職者履歷',
        '具人工智能功能的供應商 SaaS',
        '供應商託管',
        '建議決策',
        '人在環內',
        'Chan Tai Man',
        org.users.contributor.email,
        '深藍科技',
        '個人資料、財務資料',
        '香港、中國內地',
        '公眾人士',
        '已投產',
        '已登記',
        '招聘、篩選',
        '2026/12/1',
      ],
    ]);
    const s = await run('systems', '系統.csv', systems, { dryRun: false });
    expect(s).toMatchObject({ state: 'done', totalRows: 1, createdRows: 1, errors: [], message: null });
    const [hr] = await systemsNamed('中文');
    expect(hr).toMatchObject({
      name: '中文 招聘篩選',
      type: 'vendor_saas_ai',
      hosting: 'vendor',
      decisionRole: 'recommends',
      humanOversight: 'human_in_the_loop',
      accountableOwner: { id: mei.id },
      technicalOwner: { id: org.users.contributor.id },
      vendor: { name: '深藍科技' },
      dataCategories: ['personal', 'financial'],
      regionsUsed: ['hong_kong', 'mainland_china'],
      affectedPersons: ['public'],
      lifecycleStage: 'production',
      registrationStatus: 'registered',
      tags: ['招聘', '篩選'],
      nextReviewDate: '2026-12-01',
      source: 'import',
    });
  });

  it('a dry run lists every row error (row, column as written, reason) and writes nothing', async () => {
    const systemsBefore = await total('systems');
    const headBefore = await auditHead();
    const headers = [
      'name',
      'purpose and intended use',
      'TYPE',
      'Hosting',
      'Decision role',
      'Human oversight',
      'Accountable owner',
      'Vendor',
      'Next review date',
    ];
    const good = (name: string) => [...systemRow(name), '', '', ''];
    const rows: Grid = [
      headers,
      good('Dry ok 1'), // row 2
      ['Dry bad type', 'x', 'Robot', 'Cloud', 'Informs a human decision', 'Human-in-the-loop', '', '', ''], // row 3
      ['', '', '', '', '', '', '', '', ''], // row 4: empty, skipped
      [...systemRow('Dry bad refs').slice(0, 6), 'nobody@acme.test', 'Initech', ''], // row 5
      good('Dry ok 2'), // row 6
      ['Dry no purpose', '', 'Agent', 'Cloud', 'Informs a human decision', 'Human-in-the-loop', '', '', '31/12/2026'], // row 7
    ];
    const csv = await run('systems', 'dry.csv', csvFile(rows), { dryRun: true });
    expect(csv).toMatchObject({ state: 'done', dryRun: true, totalRows: 5, processedRows: 5, createdRows: 0 });
    const brief = (r: ImportRunView) => r.errors.map((e) => `${e.row}|${e.column}`).sort();
    expect(brief(csv)).toEqual(['3|TYPE', '5|Accountable owner', '5|Vendor', '7|Next review date', '7|purpose and intended use'].sort());
    for (const e of csv.errors) expect(e.message.length).toBeGreaterThan(5);
    expect(csv.errors.find((e) => e.row === 3)?.message).toContain('Robot');
    expect(csv.errors.find((e) => e.column === 'Vendor')?.message).toContain('Initech');
    expect(csv.errors.find((e) => e.column === 'Accountable owner')?.message).toContain('nobody@acme.test');
    expect(csv.errors.find((e) => e.column === 'purpose and intended use')?.message).toBe('This cell is required');

    // The same sheet as XLSX, where an empty row is simply absent: the same rows are reported.
    const xlsx = await run('systems', 'dry.xlsx', await xlsxFile(rows), { dryRun: true });
    expect(brief(xlsx)).toEqual(brief(csv));

    // The default is a dry run; a valid file then reports no errors and still writes nothing.
    const valid = await upload('systems', 'valid.csv', csvFile([SYSTEM_HEADERS, systemRow('Dry valid')]));
    expect(valid.json<ImportRunView>()).toMatchObject({ dryRun: true, state: 'done', errors: [], createdRows: 0, totalRows: 1 });

    expect(await total('systems')).toBe(systemsBefore);
    expect(await auditHead()).toEqual(headBefore);
    expect(await systemsNamed('Dry ')).toEqual([]);
  });

  it('a real import with one bad row writes nothing; once fixed, writes every row with its audit entries', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => systemRow(`Batch ${String(i).padStart(2, '0')}`));
    rows[36] = [...rows[36]!.slice(0, 3), 'Somewhere', ...rows[36]!.slice(4)]; // sheet row 38
    const systemsBefore = await total('systems');
    const headBefore = await auditHead();

    const refused = await run('systems', 'batch.csv', csvFile([SYSTEM_HEADERS, ...rows]), { dryRun: false });
    expect(refused).toMatchObject({ state: 'done', dryRun: false, totalRows: 60, createdRows: 0 });
    expect(refused.errors).toEqual([{ row: 38, column: 'Hosting', message: expect.stringContaining('Somewhere') as string }]);
    expect(await total('systems')).toBe(systemsBefore);
    expect(await auditHead()).toEqual(headBefore);

    rows[36] = systemRow('Batch 36');
    const done = await run('systems', 'batch.csv', csvFile([SYSTEM_HEADERS, ...rows]), { dryRun: false });
    expect(done).toMatchObject({ state: 'done', totalRows: 60, processedRows: 60, createdRows: 60, errors: [] });
    expect(await total('systems')).toBe(systemsBefore + 60);
    const created = await systemsNamed('Batch ');
    expect(created).toHaveLength(60);
    expect(new Set(created.map((s) => s.source))).toEqual(new Set(['import']));

    // 60 system.create entries and one import.complete, nothing else, in one step of the chain.
    expect((await auditHead()).seq).toBe(headBefore.seq + 61);
    const page = (
      await t.app.inject({ method: 'GET', url: `/api/v1/orgs/acme/audit-log?beforeSeq=${headBefore.seq + 62}&limit=61`, headers: owner() })
    ).json<AuditPage>();
    expect(page.items).toHaveLength(61);
    const [complete, ...creates] = page.items;
    expect(complete).toMatchObject({
      action: 'import.complete',
      entityType: 'import',
      actorLabel: 'token:owner token',
      after: { entity: 'systems', rows: 60 },
    });
    expect(creates.every((e) => e.action === 'system.create' && e.entityType === 'ai_system')).toBe(true);
    expect(new Set(creates.map((e) => e.entityId))).toEqual(new Set(created.map((s) => s.id)));
    expect(creates.every((e) => (e.after as { source: string }).source === 'import')).toBe(true);
  });

  it('runs in the background with progress that reaches the row count', async () => {
    const n = 3000;
    const rows = Array.from({ length: n }, (_, i) => systemRow(`Bulk ${i}`));
    const before = await total('systems');
    const res = await upload('systems', 'bulk.csv', csvFile([SYSTEM_HEADERS, ...rows]), { dryRun: false, wait: false });
    expect(res.statusCode).toBe(202);
    const started = res.json<ImportRunView>();
    expect(started).toMatchObject({ state: 'running', totalRows: n, dryRun: false, createdRows: 0, finishedAt: null });

    const seen: number[] = [];
    let view = started;
    const deadline = Date.now() + 50_000;
    while (view.state === 'running') {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 25));
      const poll = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/acme/imports/${started.id}`, headers: owner() });
      expect(poll.statusCode).toBe(200);
      view = poll.json<ImportRunView>();
      seen.push(view.processedRows);
    }
    expect(view).toMatchObject({ id: started.id, state: 'done', totalRows: n, processedRows: n, createdRows: n, errors: [] });
    expect(view.finishedAt).not.toBeNull();
    // progress only moves forward, and was seen between the start and the end
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(
      seen.some((p) => p > 0 && p < n),
      `progress seen: ${seen.join(',')}`,
    ).toBe(true);
    expect(await total('systems')).toBe(before + n);
  });

  it('stores at most 1000 errors of a run and says how many there were', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => [
      `Many ${i}`,
      'x',
      'Robot',
      'Cloud',
      'Informs a human decision',
      'Human-in-the-loop',
    ]);
    const r = await run('systems', 'many.csv', csvFile([SYSTEM_HEADERS, ...rows]), { dryRun: true });
    expect(r.errors).toHaveLength(1000);
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'Type' });
    expect(r.errors[999]).toMatchObject({ row: 1001, column: 'Type' });
    expect(r.message).toContain('1200 errors');
  });

  it('refuses an owner given by a display name that two members share', async () => {
    for (const email of ['alex.wong.1@acme.test', 'alex.wong.2@acme.test']) {
      await createUser(t.database.db, systemActor('test'), {
        email,
        password: PASSWORD,
        orgSlug: 'acme',
        role: 'contributor',
        displayName: 'Alex Wong',
      });
    }
    const r = await run(
      'systems',
      'ambiguous.csv',
      csvFile([
        [...SYSTEM_HEADERS, 'Accountable owner'],
        [...systemRow('Ambiguous owner'), 'Alex Wong'],
      ]),
      { dryRun: true },
    );
    // Either Alex Wong may be meant: the importer must not pick one silently.
    expect(r.errors).toEqual([{ row: 2, column: 'Accountable owner', message: expect.stringContaining('Alex Wong') as string }]);
    const byEmail = await run(
      'systems',
      'ambiguous.csv',
      csvFile([
        [...SYSTEM_HEADERS, 'Accountable owner'],
        [...systemRow('Ambiguous owner'), 'alex.wong.2@acme.test'],
      ]),
      {
        dryRun: true,
      },
    );
    expect(byEmail.errors).toEqual([]);
  });

  it('names a missing required column, lists ignored columns and refuses duplicate columns', async () => {
    const missing = await run(
      'systems',
      'missing.csv',
      csvFile([
        ['Name', 'Purpose and intended use', 'Hosting', 'Decision role', 'Human oversight'],
        ['A', 'B', 'Cloud', 'Informs a human decision', 'Human-in-the-loop'],
      ]),
      {
        dryRun: false,
      },
    );
    expect(missing).toMatchObject({ state: 'done', createdRows: 0, totalRows: 1 });
    expect(missing.errors).toEqual([{ row: 1, column: 'Type', message: expect.stringContaining('Type') as string }]);

    const extra = await run(
      'systems',
      'extra.csv',
      csvFile([
        [...SYSTEM_HEADERS, 'Owner phone', 'Remarks'],
        [...systemRow('Extra cols'), '+852 1234 5678', 'n/a'],
      ]),
      {
        dryRun: true,
      },
    );
    expect(extra.errors).toEqual([]);
    expect(extra.message).toContain('Owner phone');
    expect(extra.message).toContain('Remarks');
    expect(extra.message).toMatch(/ignored/i);

    const twice = await run(
      'vendors',
      'twice.csv',
      csvFile([
        ['Name', '名稱'],
        ['X', 'Y'],
      ]),
      { dryRun: true },
    );
    expect(twice.errors).toEqual([{ row: 1, column: '名稱', message: expect.any(String) as string }]);
  });

  it('refuses vendor names repeated in the file or already in the register (any case), writing nothing', async () => {
    const existing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs/acme/vendors',
      headers: owner(),
      payload: { name: 'Existing Co' },
    });
    expect(existing.statusCode).toBe(201);
    const before = await total('vendors');
    const file = csvFile([
      ['Name', 'Website'],
      ['Initech', ''],
      ['Umbrella', ''],
      ['INITECH ', ''],
      ['existing co', ''],
      ['Hooli', ''],
    ]);
    const r = await run('vendors', 'dups.csv', file, { dryRun: false });
    expect(r.createdRows).toBe(0);
    expect(r.errors).toEqual([
      { row: 4, column: 'Name', message: expect.stringContaining('row 2') as string },
      { row: 5, column: 'Name', message: expect.stringContaining('already exists') as string },
    ]);
    expect(await total('vendors')).toBe(before);
  });

  it('refuses unreadable and unsupported files without recording a run', async () => {
    const runs = async () => (await t.database.db.select({ id: importRuns.id }).from(importRuns)).length;
    const before = await runs();
    const latin1 = await upload('vendors', 'vendors.csv', Buffer.from('Name\nCaf\xe9 Ltd\n', 'latin1'));
    expect(latin1.statusCode).toBe(422);
    expect(latin1.json<{ error: { message: string } }>().error.message).toMatch(/UTF-8/);
    const txt = await upload('vendors', 'vendors.txt', Buffer.from('Name\nA\n'));
    expect(txt.statusCode).toBe(415);
    const damaged = await upload('vendors', 'vendors.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(damaged.statusCode).toBe(422);
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs/acme/imports/vendors?wait=true',
      headers: owner(),
      payload: { name: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);
    const huge = await upload('vendors', 'huge.csv', Buffer.concat([Buffer.from('Name,Notes\n'), Buffer.alloc(26 * 1024 * 1024, 'a')]));
    expect(huge.statusCode).toBe(413);
    expect(huge.json<{ error: { code: string } }>().error.code).toBe('payload_too_large');
    const unknownEntity = await upload('risks' as Entity, 'r.csv', Buffer.from('Name\nA\n'));
    expect(unknownEntity.statusCode).toBe(400);
    expect(await runs()).toBe(before);
  });

  it('enforces permissions: viewers neither import nor export, auditors export only, other organisations see nothing', async () => {
    const file = csvFile([SYSTEM_HEADERS, systemRow('Perm')]);
    expect((await upload('systems', 'p.csv', file, { token: org.tokens.viewer })).statusCode).toBe(403);
    expect((await upload('systems', 'p.csv', file, { token: org.tokens.auditor })).statusCode).toBe(403);
    expect((await upload('systems', 'p.csv', file, { token: org.tokens.system_owner })).statusCode).toBe(403);
    expect((await upload('vendors', 'p.csv', csvFile([['Name'], ['Perm']]), { token: org.tokens.viewer, dryRun: false })).statusCode).toBe(
      403,
    );
    const contributor = await upload('systems', 'p.csv', file, { token: org.tokens.contributor });
    expect(contributor.statusCode).toBe(200);

    for (const entity of ['systems', 'vendors']) {
      for (const format of ['csv', 'xlsx']) {
        const url = `/api/v1/orgs/acme/exports/${entity}?format=${format}`;
        expect((await t.app.inject({ method: 'GET', url, headers: bearer(org.tokens.viewer) })).statusCode, `viewer ${url}`).toBe(403);
        expect((await t.app.inject({ method: 'GET', url, headers: bearer(org.tokens.auditor) })).statusCode, `auditor ${url}`).toBe(200);
      }
    }

    // A run of one organisation cannot be read from another, even by a member of both.
    const runId = contributor.json<ImportRunView>().id;
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/orgs/acme/imports/${runId}`, headers: bearer(org.tokens.viewer) })).statusCode,
    ).toBe(403);
    const other = await buildOrg(t.database.db, 'other-co');
    await createUser(t.database.db, systemActor('test'), {
      email: org.users.owner.email,
      password: PASSWORD,
      orgSlug: 'other-co',
      role: 'owner',
    });
    const session = await signIn(t.app, org.users.owner.email, PASSWORD);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/orgs/acme/imports/${runId}`, headers: session })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/orgs/other-co/imports/${runId}`, headers: session })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/orgs/acme/exports/systems`, headers: bearer(other.tokens.owner) })).statusCode,
    ).toBe(404);
    expect((await upload('systems', 'p.csv', file, { token: other.tokens.owner })).statusCode).toBe(404);
  });

  describe('export and round trip of demo-like data', () => {
    let demo: { ctx: OrgContext; token: string };

    beforeAll(async () => {
      const db = t.database.db;
      await seedDemo(db);
      const o = (await findOrgBySlug(db, DEMO_SLUG))!;
      const ctx: OrgContext = {
        db,
        actor: systemActor('test'),
        org: { id: o.id, slug: o.slug, name: o.name },
        role: 'owner',
        requestId: null,
      };
      // Values a spreadsheet would take for formulas must survive the trip unchanged.
      const evil = await createVendor(ctx, {
        name: '@Mention Labs',
        notes: '=HYPERLINK("https://evil.example","Click me")',
        contactName: '+852 2345 6789',
        products: ['-minus product', 'Normal'],
      });
      await createSystem(ctx, {
        name: '=cmd|calc!A1',
        purpose: '-2 is how the model explains a loss; "quotes", commas, and a\nline break',
        type: 'agent',
        hosting: 'cloud',
        decisionRole: 'decides_automatically',
        humanOversight: 'human_out_of_the_loop',
        vendorId: evil.id,
        tags: ['+priority', 'draft'],
        businessUnit: '@Ops',
      });
      demo = { ctx, token: (await createToken(ctx, { name: 'export', role: 'auditor' })).token };
    });

    async function exportFile(entity: Entity, format: 'csv' | 'xlsx', lang: 'en' | 'zh-HK') {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/orgs/${DEMO_SLUG}/exports/${entity}?format=${format}&lang=${lang}`,
        headers: bearer(demo.token),
      });
      expect(res.statusCode, res.body).toBe(200);
      return { body: res.rawPayload, type: String(res.headers['content-type']), disposition: String(res.headers['content-disposition']) };
    }

    /** A second organisation with the same members (by e-mail) and no records. */
    async function twin(slug: string): Promise<string> {
      const db = t.database.db;
      const created = await createOrganization(db, systemActor('test'), { name: `Twin ${slug}`, slug });
      const members = await db.select().from(memberships).where(eq(memberships.orgId, demo.ctx.org.id));
      await db.insert(memberships).values(members.map((m) => ({ orgId: created.id, userId: m.userId, role: m.role })));
      const ctx: OrgContext = { ...demo.ctx, org: { id: created.id, slug, name: created.name } };
      return (await createToken(ctx, { name: 'twin', role: 'governance_lead' })).token;
    }

    const vendorShape = (v: VendorView) => ({
      ...v,
      id: undefined,
      version: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      can: undefined,
    });
    const systemShape = (s: SystemView) => ({
      ...s,
      id: undefined,
      version: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      can: undefined,
      source: undefined,
      accountableOwner: s.accountableOwner?.email ?? null,
      technicalOwner: s.technicalOwner?.email ?? null,
      vendor: s.vendor?.name ?? null,
    });
    const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

    it('exports CSV with a BOM and XLSX, with headers and values in the chosen language, formulas escaped', async () => {
      const csv = await exportFile('systems', 'csv', 'en');
      expect(csv.type).toMatch(/^text\/csv/);
      expect(csv.disposition).toMatch(new RegExp(`attachment; filename="${DEMO_SLUG}-ai-systems-\\d{4}-\\d{2}-\\d{2}\\.csv"`));
      expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const grid = readCsvGrid(csv.body);
      expect(grid[0]?.slice(0, 3)).toEqual(['Name', 'Purpose and intended use', 'Intended users']);
      expect(grid).toHaveLength(1 + 10);
      const evilRow = grid.find((r) => r[0]?.includes('cmd'));
      expect(evilRow?.[0]).toBe("'=cmd|calc!A1");
      expect(evilRow?.[1]).toBe(`'-2 is how the model explains a loss; "quotes", commas, and a\nline break`);
      expect(evilRow).toContain("'@Ops");
      expect(evilRow).toContain("'@Mention Labs");
      expect(evilRow).toContain("'+priority; draft");
      const copilot = grid.find((r) => r[0] === 'Microsoft 365 Copilot');
      expect(copilot).toContain('General-purpose assistant');
      expect(copilot).toContain('Personal data; Financial data');
      expect(copilot).toContain('kelvin.chan@harbourpoint.example');

      const xlsx = await exportFile('vendors', 'xlsx', 'zh-HK');
      expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.disposition).toMatch(/-vendors-\d{4}-\d{2}-\d{2}\.xlsx"$/);
      const sheet = await readXlsxGrid(xlsx.body);
      expect(sheet[0]?.slice(0, 3)).toEqual(['名稱', '網站', '產品']);
      const evilVendor = sheet.find((r) => r[0]?.includes('Mention'));
      // stored as plain text with the apostrophe, never as a formula
      expect(evilVendor?.[0]).toBe("'@Mention Labs");
      expect(evilVendor).toContain(`'=HYPERLINK("https://evil.example","Click me")`);
      expect(evilVendor).toContain("'+852 2345 6789");

      const zhSystems = readCsvGrid((await exportFile('systems', 'csv', 'zh-HK')).body);
      expect(zhSystems[0]?.[0]).toBe('名稱');
      expect(zhSystems.find((r) => r[0] === 'Microsoft 365 Copilot')).toEqual(
        expect.arrayContaining(['通用人工智能助理', '個人資料; 財務資料', '已投產', '已登記']),
      );
    });

    it.each([
      ['csv', 'en'],
      ['csv', 'zh-HK'],
      ['xlsx', 'en'],
      ['xlsx', 'zh-HK'],
    ] as const)('re-imports a %s export (%s) into another organisation as the same records', async (format, lang) => {
      const slug = `twin-${format}-${lang.toLowerCase()}`;
      const token = await twin(slug);
      const vendorsFile = await exportFile('vendors', format, lang);
      const v = await run('vendors', `vendors.${format}`, vendorsFile.body, { dryRun: false, token, slug });
      expect(v.errors).toEqual([]);
      expect(v.createdRows).toBe(10);
      const systemsFile = await exportFile('systems', format, lang);
      const s = await run('systems', `systems.${format}`, systemsFile.body, { dryRun: false, token, slug });
      expect(s.errors).toEqual([]);
      expect(s.message).toBeNull();
      expect(s.createdRows).toBe(10);

      const original = (await allVendors(DEMO_SLUG, demo.token)).map(vendorShape).sort(byName);
      const copied = (await allVendors(slug, token)).map(vendorShape).sort(byName);
      expect(copied).toEqual(original);
      const list = async (o: string, tok: string) =>
        (await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${o}/systems?limit=200`, headers: bearer(tok) }))
          .json<SystemPage>()
          .items.map(systemShape)
          .sort(byName);
      expect(await list(slug, token)).toEqual(await list(DEMO_SLUG, demo.token));
    });
  });

  it('keeps the audit chain of every organisation intact', async () => {
    const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log`);
    expect(rows[0]!.n).toBeGreaterThan(0);
    const report = await verifyAuditChains(t.database.db);
    expect(report.organisations.filter((o) => o.firstBreak)).toEqual([]);
  });
});
