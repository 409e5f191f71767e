import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customFrameworks } from '../../src/db/schema.js';
import { loadFrameworkPacks } from '../../src/modules/frameworks/catalog.js';
import type { FrameworkDetail, FrameworkPack } from '../../src/modules/frameworks/schema.js';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import type { ImportFrameworkResult, ImportProblem, OrgFrameworkList } from '../../src/modules/custom-frameworks/schema.js';
import { engines } from '../support/engines.js';
import { buildOrg, type TestOrg } from '../support/factories.js';
import { bearer, startTestApp, type TestApp } from '../support/harness.js';
import { oscalDir, oscalSchemasAbsent, SKIP_MESSAGE } from '../support/oscal.js';
import { multipart } from './route-table.js';
import { csvFile, xlsxFile, type Grid } from './spreadsheets.js';

type ErrorBody = { error: { code: string; message: string; details?: { problems?: ImportProblem[] } } };
const packs = new Map(loadFrameworkPacks().map((p) => [p.id, p]));
const HEADER = ['id', 'parent', 'title', 'description'];

describe.each(engines)('custom frameworks on %s', (engine) => {
  let t: TestApp;
  let org: TestOrg;
  let owner: Record<string, string>;
  /** a built-in pack's catalog, which carries its built-in id */
  let exportedPdpo = '';
  const base = '/api/v1/orgs/custom';

  const upload = (fileName: string, content: Buffer | string, query = '', headers = owner, type = 'text/csv') => {
    const m = multipart(fileName, content, { type });
    return t.app.inject({
      method: 'POST',
      url: `${base}/frameworks/import${query}`,
      headers: { ...headers, ...m.headers },
      payload: m.payload,
    });
  };
  const sheet = (rows: Grid, id = 'acme-policy', title = 'Acme AI policy') =>
    upload(`${id}.csv`, csvFile([HEADER, ...rows]), `?id=${id}&title=${encodeURIComponent(title)}`);
  const storedIds = async () =>
    (await t.database.db.select({ id: customFrameworks.id }).from(customFrameworks).where(eq(customFrameworks.orgId, org.ctx.org.id))).map(
      (r) => r.id,
    );
  const storedPack = async (id: string) =>
    (
      await t.database.db
        .select({ pack: customFrameworks.pack })
        .from(customFrameworks)
        .where(and(eq(customFrameworks.orgId, org.ctx.org.id), eq(customFrameworks.id, id)))
    )[0]?.pack as FrameworkPack | undefined;
  const auditHead = async () =>
    (await t.app.inject({ method: 'GET', url: `${base}/audit-log?limit=1`, headers: owner })).json<AuditPage>().items[0];
  const exportCatalog = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `${base}/oscal/catalog/${id}`, headers: owner })).body;

  /** A refused import: the status, and the problems as "row: message" lines; nothing stored, nothing audited. */
  async function refused(send: () => Promise<{ statusCode: number; body: string }>) {
    const [ids, head] = [await storedIds(), await auditHead()];
    const res = await send();
    expect(await storedIds()).toEqual(ids);
    expect((await auditHead())?.seq).toBe(head?.seq);
    const body = JSON.parse(res.body) as ErrorBody;
    return {
      status: res.statusCode,
      message: body.error.message,
      problems: (body.error.details?.problems ?? []).map((p) => `${p.row ?? p.path}: ${p.message}`),
    };
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    org = await buildOrg(t.database.db, 'custom');
    owner = bearer(org.tokens.owner);
    exportedPdpo = await exportCatalog('hk-pdpo-dpp');
  });
  afterAll(async () => t?.close());

  it('round-trips built-in packs through an OSCAL catalog export', async () => {
    for (const id of ['iso-iec-42001-2023', 'nist-ai-rmf-1.0', 'eu-ai-act-2024-1689', 'hk-dpo-genai-guideline-2025']) {
      const original = packs.get(id)!;
      const res = await upload(`${id}.json`, await exportCatalog(id), `?id=copy-of-${id}`, owner, 'application/json');
      expect(res.statusCode, res.body).toBe(201);
      const result = res.json<ImportFrameworkResult>();
      expect(result.framework).toMatchObject({
        id: `copy-of-${id}`,
        custom: true,
        requirementCount: original.requirements.length,
        assessableCount: original.requirements.filter((r) => r.assessable).length,
        importedFrom: `oscal-catalog:${id}.json`,
      });
      // nothing lost: the same requirements in the same order, and the pack's own facts
      const stored = await storedPack(`copy-of-${id}`);
      expect(stored?.requirements).toEqual(original.requirements);
      expect(stored).toMatchObject({ title: original.title, version: original.version, kind: original.kind, source: original.source });
    }
    const list = (await t.app.inject({ method: 'GET', url: `${base}/frameworks`, headers: owner })).json<OrgFrameworkList>();
    expect(list.items.filter((f) => !f.custom).map((f) => f.id)).toEqual([...packs.keys()]);
    expect(list.items.filter((f) => f.custom).map((f) => f.id)).toContain('copy-of-iso-iec-42001-2023');
  });

  (oscalSchemasAbsent ? it.skip : it)(
    oscalSchemasAbsent ? `imports NIST's sample catalog (${SKIP_MESSAGE})` : "imports NIST's sample catalog",
    async () => {
      const nist = fs.readFileSync(path.join(oscalDir, 'examples', 'basic-catalog.json'));
      const res = await upload('basic-catalog.json', nist, '?id=nist-sample', owner, 'application/json');
      expect(res.statusCode, res.body).toBe(201);
      const pack = (await storedPack('nist-sample'))!;
      expect(pack.title.en).toBe('Sample Security Catalog *for Demonstration* and Testing');
      expect(pack.requirements).toHaveLength(8);
      // groups are not assessable, controls are, with the default component
      expect(pack.requirements.filter((r) => r.assessable).every((r) => r.components.join() === 'policy')).toBe(true);
      expect(pack.requirements.filter((r) => r.parent === null).map((r) => r.assessable)).toEqual([false, false]);
    },
  );

  it('imports a spreadsheet with defaults, and an XLSX with the optional columns', async () => {
    const res = await sheet([
      ['GOV', '', 'Governance', 'How AI is governed'],
      ['GOV.1', 'GOV', 'AI register', 'Keep a register of AI systems'],
      ['GOV.2', 'GOV', 'AI policy', ''],
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const pack = (await storedPack('acme-policy'))!;
    expect(pack.requirements.map((r) => [r.id, r.parent, r.kind, r.assessable, r.components])).toEqual([
      ['GOV', null, 'group', false, []],
      ['GOV.1', 'GOV', 'control', true, ['policy']],
      ['GOV.2', 'GOV', 'control', true, ['policy']],
    ]);
    // no Chinese given: the English stands in
    expect(pack.requirements[1]?.title).toEqual({ en: 'AI register', 'zh-HK': 'AI register' });
    expect(pack.requirements[2]?.paraphrase).toBeNull();
    expect((await auditHead())?.action).toBe('framework.import');

    const xlsx = await xlsxFile([
      ['ID', 'Parent', 'Title', 'Description', 'Title ZH', 'description_zh', 'Assessable', 'Components', 'Owner'],
      ['P1', '', 'Principles', '', '原則', '', 'yes', 'policy; risk', 'Ann'],
      ['P1.a', 'P1', 'Fairness', 'Be fair', '公平', '要公平', '', 'impact', ''],
    ]);
    const res2 = await upload('principles.xlsx', xlsx, '?id=acme-principles&title=Principles', owner, 'application/octet-stream');
    expect(res2.statusCode, res2.body).toBe(201);
    expect(res2.json<ImportFrameworkResult>().ignoredColumns).toEqual(['Owner']);
    const p2 = (await storedPack('acme-principles'))!;
    expect(p2.requirements.map((r) => [r.id, r.assessable, r.components, r.title['zh-HK'], r.paraphrase?.['zh-HK'] ?? null])).toEqual([
      ['P1', true, ['policy', 'risk'], '原則', null],
      ['P1.a', true, ['impact'], '公平', '要公平'],
    ]);
  });

  it('reads an imported framework with its requirements like a built-in one, searchable, to its organisation only', async () => {
    const get = (path: string, headers = owner) => t.app.inject({ method: 'GET', url: `${base}${path}`, headers });
    const detail = await get('/frameworks/acme-policy');
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json<FrameworkDetail>();
    expect(body).toMatchObject({ id: 'acme-policy', requirementCount: 3, assessableCount: 2 });
    expect(body.requirements.map((r) => r.id)).toEqual(['GOV', 'GOV.1', 'GOV.2']);
    const found = (await get('/frameworks/acme-policy?q=register')).json<FrameworkDetail>();
    expect(found.requirements.map((r) => r.id)).toEqual(['GOV.1']);
    const assessable = (await get('/frameworks/acme-policy?assessable=false')).json<FrameworkDetail>();
    expect(assessable.requirements.map((r) => r.id)).toEqual(['GOV']);
    // built-in frameworks read the same way
    const builtIn = (await get('/frameworks/iso-iec-42001-2023?q=A.6.2.6')).json<FrameworkDetail>();
    expect(builtIn.requirements.map((r) => r.id)).toContain('A.6.2.6');
    // another organisation does not see it: 404 as for an unknown framework
    const other = await buildOrg(t.database.db, 'custom-other');
    const foreign = await t.app.inject({
      method: 'GET',
      url: '/api/v1/orgs/custom-other/frameworks/acme-policy',
      headers: bearer(other.tokens.owner),
    });
    expect(foreign.statusCode).toBe(404);
    expect((await get('/frameworks/no-such-framework')).statusCode).toBe(404);
  });

  it('lists every problem of a spreadsheet with its row, and stores nothing', async () => {
    const bad = await refused(() =>
      sheet(
        [
          ['A', '', 'Alpha', ''],
          ['A', '', 'Alpha again', ''],
          ['B', 'C', 'Bravo', ''],
          ['C', 'D', 'Charlie', ''],
          ['D', 'B', 'Delta', ''],
          ['E', 'Nope', 'Echo', ''],
          ['F', 'F', '', ''],
        ],
        'broken-sheet',
      ),
    );
    expect(bad.status).toBe(422);
    expect(bad.message).toMatch(/nothing was imported/);
    expect(bad.problems).toEqual([
      '3: The id "A" is used twice (also on row 2)',
      '8: The title of "F" is empty',
      '7: The parent "Nope" of "E" is not an id in this file',
      `4: These requirements are each other's ancestors (a cycle): "B" (row 4) → "C" (row 5) → "D" (row 6) → "B"`,
      `8: These requirements are each other's ancestors (a cycle): "F" (row 8) → "F"`,
    ]);
    const columns = await refused(() => upload('cols.csv', 'id,title\nX,Y\n', '?id=cols&title=Cols'));
    expect([columns.status, columns.problems]).toEqual([422, ['1: Missing columns: parent, description']]);
    const values = await refused(() =>
      upload('vals.csv', 'id,parent,title,description,assessable,components\nX,,T,,maybe,policy;robots\n', '?id=vals&title=Vals'),
    );
    expect(values.problems).toEqual([
      '2: assessable must be true or false, not "maybe"',
      '2: Unknown component "robots"; use policy, inventory, risk, impact, monitoring, third_party or improvement',
    ]);
    const noId = await refused(() => upload('x.csv', csvFile([HEADER, ['X', '', 'T', '']])));
    expect([noId.status, noId.message]).toEqual([400, 'A spreadsheet import needs the framework id and title']);
  });

  it('refuses OSCAL documents that are not catalogs, and files that are not OSCAL', async () => {
    const profile = JSON.stringify({ profile: { uuid: 'b3f3e3a0-4f2a-4d3e-9b1a-1c2d3e4f5a6b', metadata: {}, imports: [] } });
    const cases: [string, string, number, string][] = [
      ['profile.json', profile, 422, 'This OSCAL document is a profile, not a catalog'],
      [
        'ar.json',
        JSON.stringify({ 'assessment-results': {} }),
        422,
        'This OSCAL document is an assessment-results document, not a catalog',
      ],
      ['broken.json', '{"catalog": ', 422, 'The file is not valid JSON'],
      ['other.json', '{"hello": "world"}', 422, 'The file is not an OSCAL document: expected a JSON object with a "catalog" key'],
      ['nometa.json', '{"catalog": {"uuid": "x"}}', 422, 'The OSCAL catalog cannot be read'],
      ['tool.exe', 'MZ', 415, 'Send an OSCAL catalog (.json) or a spreadsheet (.csv or .xlsx)'],
    ];
    for (const [name, content, status, message] of cases) {
      const r = await refused(() => upload(name, content, '?id=not-stored', owner, 'application/json'));
      expect([name, r.status, r.message.slice(0, message.length)]).toEqual([name, status, message]);
    }
  });

  it('refuses ids of built-in frameworks and ids already imported (409), and callers without framework.import', async () => {
    const builtIn = await refused(() => upload('pdpo.json', exportedPdpo, '', owner, 'application/json'));
    expect([builtIn.status, builtIn.message]).toEqual([409, '"hk-pdpo-dpp" is the id of a built-in framework; choose another id']);
    const again = await refused(() => sheet([['X', '', 'X', '']]));
    expect([again.status, again.message]).toEqual([
      409,
      'The organisation already has a framework "acme-policy"; delete it first or choose another id',
    ]);
    const viewer = await refused(() =>
      upload('v.csv', csvFile([HEADER, ['X', '', 'X', '']]), '?id=viewer&title=V', bearer(org.tokens.viewer)),
    );
    expect(viewer.status).toBe(403);
  });
  it('deletes a custom framework that no assessment uses, and refuses the others', async () => {
    const del = (id: string) => t.app.inject({ method: 'DELETE', url: `${base}/frameworks/${id}`, headers: owner });
    const assessment = await t.app.inject({
      method: 'POST',
      url: `${base}/assessments`,
      headers: owner,
      payload: { framework: 'acme-principles', title: 'Principles check' },
    });
    expect(assessment.statusCode, assessment.body).toBe(201);
    const used = await del('acme-principles');
    expect([used.statusCode, used.json<ErrorBody>().error.message]).toEqual([
      409,
      'This framework is used by 1 assessment (archived ones included); delete them first',
    ]);
    expect((await del('iso-iec-42001-2023')).statusCode).toBe(409);
    expect((await del('no-such-framework')).statusCode).toBe(404);
    const gone = await del('acme-policy');
    expect(gone.statusCode, gone.body).toBe(204);
    expect(await storedIds()).not.toContain('acme-policy');
    expect(await storedIds()).toContain('acme-principles');
    expect(await auditHead()).toMatchObject({ action: 'framework.delete', entityId: 'acme-policy' });
  });
});
