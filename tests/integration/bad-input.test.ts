import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiSystems, apiTokens, auditLog, importRuns, memberships, organizations, users, vendors } from '../../src/db/schema.js';
import type { ImportRunView } from '../../src/modules/transfer/schema.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, buildVendor, type TestOrg } from '../support/factories.js';
import { bearer, startTestApp, type TestApp } from '../support/harness.js';
import { multipart, SYSTEMS_CSV_HEADER, systemsCsv, type Call } from './route-table.js';

/**
 * Bad input of every documented kind gets a 4xx with the exact error code, in the shape
 * `{ error: { code, message } }`, and writes nothing: no table gains a row and the audit chain does not move.
 */
type ErrorBody = { error: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } } };

describe.each(engines)('bad input on %s', (engine) => {
  let t: TestApp;
  let org: TestOrg;
  let owner: Record<string, string>;
  let systemId: string;
  let vendorId: string;
  let runId: string;
  const base = '/api/v1/orgs/acme';

  /** Rows in every business table; every change is also an audit entry, so updates show up too. */
  async function snapshot(): Promise<Record<string, number>> {
    const { db } = t.database;
    const tables = { organizations, users, memberships, apiTokens, vendors, aiSystems, auditLog, importRuns };
    const out: Record<string, number> = {};
    for (const [name, table] of Object.entries(tables)) out[name] = (await db.select({ n: count() }).from(table))[0]?.n ?? -1;
    return out;
  }

  /** What is wrong with an answer that should be `status` with error `code` in the documented shape, if anything. */
  function mismatch(res: LightMyRequestResponse, status: number, code: string): string | null {
    let body: ErrorBody | undefined;
    try {
      body = res.json<ErrorBody>();
    } catch {
      body = undefined;
    }
    const ok =
      res.statusCode === status &&
      /^application\/json/.test(String(res.headers['content-type'])) &&
      body?.error?.code === code &&
      typeof body.error.message === 'string' &&
      body.error.message.length > 0;
    return ok ? null : `${res.statusCode} ${res.body.slice(0, 300)}`;
  }

  /** Sends each request, expects the same refusal for all, and checks that nothing was written. */
  async function refuses(requests: Call[], status: number, code: string): Promise<ErrorBody[]> {
    const before = await snapshot();
    const bodies: ErrorBody[] = [];
    const failures: string[] = [];
    for (const o of requests) {
      const res = await t.app.inject(o);
      const wrong = mismatch(res, status, code);
      if (wrong) failures.push(`${o.method} ${o.url} (${o.headers?.['content-type'] ?? ''}) → ${wrong}`);
      else bodies.push(res.json<ErrorBody>());
    }
    expect(failures, `expected ${status} ${code}`).toEqual([]);
    expect(await snapshot()).toEqual(before);
    return bodies;
  }

  const upload = (fileName: string, content: Buffer | string, query = 'dryRun=false&wait=true', entity = 'systems'): Call => {
    const m = multipart(fileName, content);
    return { method: 'POST', url: `${base}/imports/${entity}?${query}`, headers: { ...owner, ...m.headers }, payload: m.payload };
  };
  const json = (method: Call['method'], path: string, payload: string, contentType = 'application/json'): Call => ({
    method,
    url: `${base}${path}`,
    headers: { ...owner, 'content-type': contentType },
    payload,
  });

  beforeAll(async () => {
    t = await startTestApp(engine);
    org = await buildOrg(t.database.db, 'acme');
    owner = bearer(org.tokens.owner);
    const create = async (path: string, payload: object) =>
      (await t.app.inject({ method: 'POST', url: `${base}${path}`, headers: owner, payload })).json<{ id: string }>().id;
    vendorId = await create('/vendors', buildVendor({ name: 'Known vendor' }));
    systemId = await create('/systems', buildSystem({ name: 'Known system' }));
    runId = (await t.app.inject(upload('seed.csv', systemsCsv('Seeded'), 'dryRun=true&wait=true'))).json<{ id: string }>().id;
  });
  afterAll(async () => t?.close());

  it('answers malformed JSON with 400 bad_request', async () => {
    const broken = ['{"name":', '{name: "x"}', "{'name': 'x'}", '{"name": "x",}', '{"name": "x"} trailing', '\u0000'];
    await refuses(
      broken.flatMap((b) => [json('POST', '/vendors', b), json('POST', '/systems', b), json('PATCH', `/vendors/${vendorId}`, b)]),
      400,
      'bad_request',
    );
  });

  it('answers a body that is not JSON with 415 unsupported_media_type', async () => {
    const body = JSON.stringify(buildVendor({ name: 'Sent as text' }));
    await refuses(
      [
        json('POST', '/vendors', body, 'text/plain'),
        json('POST', '/vendors', body, 'application/xml'),
        json('POST', '/vendors', 'name=Sent+as+form', 'application/x-www-form-urlencoded'),
        json('PATCH', `/systems/${systemId}`, '{"intendedUsers":"x"}', 'text/plain; charset=utf-8'),
      ],
      415,
      'unsupported_media_type',
    );
  });

  it('answers wrong types with 400 validation_failed and one issue per field', async () => {
    const payload = JSON.stringify({
      ...buildSystem(),
      name: 123,
      type: 'robot',
      dataCategories: 'personal',
      nextReviewDate: 20261231,
      tags: [1, 2],
    });
    const [created] = await refuses([json('POST', '/systems', payload)], 400, 'validation_failed');
    const paths = (created?.error.details?.issues ?? []).map((i) => i.path.split('.')[0]);
    expect(new Set(paths)).toEqual(new Set(['name', 'type', 'dataCategories', 'nextReviewDate', 'tags']));
    await refuses(
      [
        json('PATCH', `/systems/${systemId}`, '{"version":"1"}'),
        json('PATCH', `/vendors/${vendorId}`, '{"unknownField":true}'),
        json('POST', '/tokens', '{"name":"x","role":"superuser"}'),
        json('POST', '/tokens', '{"name":"x","role":"viewer","expiresInDays":100000}'),
        json('POST', '/vendors', '[]'),
        json('POST', '/vendors', 'null'),
      ],
      400,
      'validation_failed',
    );
  });

  it('refuses text the database cannot store, and impossible dates, with 400 validation_failed', async () => {
    // PostgreSQL text cannot hold U+0000 and has no year 0; both must be caught as input errors, not reach the database.
    await refuses(
      [
        json('POST', '/vendors', JSON.stringify(buildVendor({ name: 'Nul\u0000vendor' }))),
        json('POST', '/systems', JSON.stringify(buildSystem({ tags: ['nul\u0000tag'] }))),
        json('PATCH', `/vendors/${vendorId}`, JSON.stringify({ notes: 'a\u0000b' })),
        json('POST', '/tokens', JSON.stringify({ name: 'nul\u0000token', role: 'viewer' })),
        json('POST', '/systems', JSON.stringify(buildSystem({ nextReviewDate: '0000-01-01' }))),
        { method: 'GET', url: `${base}/systems?q=%00`, headers: owner },
        { method: 'GET', url: `${base}/vendors?q=a%00b`, headers: owner },
        { method: 'GET', url: `${base}/audit-log?action=%00`, headers: owner },
        { method: 'GET', url: `${base}/audit-log?from=0000-01-01`, headers: owner },
        { method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a\u0000@acme.test', password: 'x' } },
      ],
      400,
      'validation_failed',
    );
  });

  it('answers a JSON body over 1 MiB with 413 payload_too_large', async () => {
    const big = JSON.stringify(buildVendor({ notes: 'x'.repeat(1024 * 1024) }));
    await refuses([json('POST', '/vendors', big), json('PATCH', `/vendors/${vendorId}`, big)], 413, 'payload_too_large');
  });

  it('answers an uploaded file over 25 MiB with 413 payload_too_large and records no run', async () => {
    const big = Buffer.concat([Buffer.from(`${SYSTEMS_CSV_HEADER}\n`), Buffer.alloc(25 * 1024 * 1024 + 1, 0x61)]);
    await refuses([upload('big.csv', big)], 413, 'payload_too_large');
  });

  it('answers a corrupt or disguised XLSX with 422 unprocessable and a clear message', async () => {
    const real = (await t.app.inject({ method: 'GET', url: `${base}/exports/systems?format=xlsx`, headers: owner })).rawPayload;
    const bodies = await refuses(
      [
        upload('broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('this is not a zip archive'.repeat(20))])),
        upload('renamed.xlsx', 'Name,Purpose\nA text file,renamed to .xlsx\n'),
        upload('truncated.xlsx', real.subarray(0, Math.floor(real.length / 2))),
      ],
      422,
      'unprocessable',
    );
    for (const b of bodies) expect(b.error.message).toMatch(/XLSX/);
  });

  it('refuses unreadable CSV files with 422 unprocessable', async () => {
    await refuses(
      [
        upload('empty.csv', ''),
        upload('latin1.csv', Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0xe9, 0xff])),
        upload('quote.csv', 'Name,"Purpose\n'),
      ],
      422,
      'unprocessable',
    );
  });

  it('lists every bad row of a CSV (row, column, message) and imports none of it', async () => {
    const csv = [
      `${SYSTEMS_CSV_HEADER},Next review date,Accountable owner`,
      'Good row,Answers questions,agent,vendor,informs,human_in_the_loop,,',
      'Bad type,Answers questions,robot,vendor,informs,human_in_the_loop,,',
      'No purpose,,agent,vendor,informs,human_in_the_loop,,',
      'Bad date,Answers questions,agent,vendor,informs,human_in_the_loop,31/12/2026,',
      'Stranger,Answers questions,agent,vendor,informs,human_in_the_loop,,nobody@elsewhere.test',
      'Two wrongs,Answers questions,agent,moon,informs,never,,',
    ].join('\n');
    const before = await snapshot();
    const res = await t.app.inject(upload('bad-rows.csv', csv));
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json<ImportRunView>();
    expect(run).toMatchObject({ state: 'done', dryRun: false, totalRows: 6, createdRows: 0 });
    expect(run.errors.map((e) => [e.row, e.column]).sort()).toEqual(
      [
        [3, 'Type'],
        [4, 'Purpose and intended use'],
        [5, 'Next review date'],
        [6, 'Accountable owner'],
        [7, 'Hosting'],
        [7, 'Human oversight'],
      ].sort(),
    );
    for (const e of run.errors) expect(e.message.length).toBeGreaterThan(0);
    // the stored run says the same
    expect((await t.app.inject({ method: 'GET', url: `${base}/imports/${run.id}`, headers: owner })).json<ImportRunView>().errors).toEqual(
      run.errors,
    );
    // nothing was imported, not even the good row; only the run itself was recorded
    expect(await snapshot()).toEqual({ ...before, importRuns: before.importRuns! + 1 });
  });

  it('reports a CSV cell the database cannot store as a row error, and imports nothing', async () => {
    const before = await snapshot();
    const res = await t.app.inject(upload('nul.csv', systemsCsv('Nul\u0000name', 'Fine name')));
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json<ImportRunView>();
    expect(run.createdRows).toBe(0);
    expect(run.errors.map((e) => [e.row, e.column])).toEqual([[2, 'Name']]);
    expect(await snapshot()).toEqual({ ...before, importRuns: before.importRuns! + 1 });
  });

  it('answers an upload that is not a .csv or .xlsx file with 415 unsupported_media_type', async () => {
    await refuses(
      [
        upload('tool.exe', Buffer.from('MZ\x90\x00\x03\x00\x00\x00')),
        upload('sheet.xls', 'Name\nOld Excel\n'),
        upload('noextension', systemsCsv('X')),
        // not multipart at all
        json('POST', '/imports/systems?dryRun=true&wait=true', '{"file":"x.csv"}'),
      ],
      415,
      'unsupported_media_type',
    );
  });

  it('answers a broken or empty multipart request with 400 bad_request', async () => {
    const good = multipart('x.csv', systemsCsv('X'));
    const raw = (payload: Buffer | string): Call => ({
      method: 'POST',
      url: `${base}/imports/systems?dryRun=true&wait=true`,
      headers: { ...owner, ...good.headers },
      payload,
    });
    await refuses(
      [
        raw(good.payload.subarray(0, good.payload.length - 30)),
        raw('not multipart at all'),
        raw(''),
        raw(multipart('x.csv', systemsCsv('X'), { field: 'other' }).payload.subarray(0, 10)),
      ],
      400,
      'bad_request',
    );
  });

  it('answers unknown ids with 404 not_found', async () => {
    const id = randomUUID();
    const requests: Call[] = [
      { method: 'GET', url: `${base}/systems/${id}`, headers: owner },
      { method: 'PATCH', url: `${base}/systems/${id}`, headers: owner, payload: { intendedUsers: 'x' } },
      { method: 'POST', url: `${base}/systems/${id}/archive`, headers: owner },
      { method: 'POST', url: `${base}/systems/${id}/restore`, headers: owner },
      { method: 'GET', url: `${base}/vendors/${id}`, headers: owner },
      { method: 'PATCH', url: `${base}/vendors/${id}`, headers: owner, payload: { notes: 'x' } },
      { method: 'POST', url: `${base}/vendors/${id}/archive`, headers: owner },
      { method: 'POST', url: `${base}/vendors/${id}/restore`, headers: owner },
      { method: 'POST', url: `${base}/tokens/${id}/revoke`, headers: owner },
      { method: 'GET', url: `${base}/imports/${id}`, headers: owner },
      { method: 'GET', url: '/api/v1/orgs/no-such-org', headers: owner },
    ];
    const bodies = await refuses(requests, 404, 'not_found');
    for (const b of bodies) expect(b.error.message).not.toContain(id);
    // the known ones are there: the 404s were about the ids
    for (const [path, known] of [
      ['systems', systemId],
      ['vendors', vendorId],
      ['imports', runId],
    ] as const) {
      expect((await t.app.inject({ method: 'GET', url: `${base}/${path}/${known}`, headers: owner })).statusCode).toBe(200);
    }
  });

  it('answers malformed ids and slugs with 400 validation_failed', async () => {
    const bad = ['abc', '123', `${randomUUID()}x`, 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', '%20', "1'%20or%20'1'='1"];
    const requests = bad.flatMap((id): Call[] => [
      { method: 'GET', url: `${base}/systems/${id}`, headers: owner },
      { method: 'PATCH', url: `${base}/vendors/${id}`, headers: owner, payload: { notes: 'x' } },
      { method: 'POST', url: `${base}/systems/${id}/archive`, headers: owner },
      { method: 'POST', url: `${base}/tokens/${id}/revoke`, headers: owner },
      { method: 'GET', url: `${base}/imports/${id}`, headers: owner },
    ]);
    requests.push(
      { method: 'GET', url: '/api/v1/orgs/ACME/systems', headers: owner },
      { method: 'GET', url: `${base}/exports/people`, headers: owner },
    );
    await refuses(requests, 400, 'validation_failed');
  });

  it('answers unknown routes with a JSON 404 not_found', async () => {
    await refuses(
      [
        { method: 'GET', url: '/api/v1/nope', headers: owner },
        { method: 'GET', url: '/api/v2/orgs', headers: owner },
        { method: 'POST', url: `${base}/nope`, headers: owner, payload: {} },
        { method: 'DELETE', url: `${base}/systems/${systemId}`, headers: owner },
        { method: 'PUT', url: `${base}/vendors/${vendorId}`, headers: owner, payload: { notes: 'x' } },
        { method: 'GET', url: '/no-such-file.js' },
      ],
      404,
      'not_found',
    );
  });
});
