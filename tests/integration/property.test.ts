import { seedComplianceFixtures } from '../support/compliance-fixtures.js';
import { seedRiskFixtures } from '../support/risk-fixtures.js';
import { seedImpactFixtures } from '../support/impact-fixtures.js';
import { seedAssuranceFixtures } from '../support/assurance-fixtures.js';
import { seedAlertFixtures } from '../support/alert-fixtures.js';
import { seedDiscoveryFixtures } from '../support/discovery-fixtures.js';
import { seedVendorGovernanceFixtures } from '../support/vendor-governance-fixtures.js';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import { systemColumns, vendorColumns } from '../../src/modules/transfer/columns.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, buildVendor, type TestOrg } from '../support/factories.js';
import { bearer, startTestApp, type TestApp } from '../support/harness.js';
import {
  anonymousParams,
  BOUNDARY,
  documentedRoutes,
  isDocsRoute,
  isWrite,
  multipart,
  nonOrgRoutes,
  orgRouteTable,
  servedRoutes,
  systemsCsv,
  preview,
  type Call,
  type DocumentedRoute,
  type IdKind,
  type JsonSchema,
} from './route-table.js';

/**
 * Generated bad requests to every route: whatever arrives, the answer is never a 500, a 4xx has the documented
 * `{ error: { code, message } }` shape, and a write answered with a 4xx writes nothing (the audit head stays put).
 * Bodies come in two kinds: wrong in shape (any JSON, wrong types, raw text, deep nesting, prototype keys) and
 * right in shape but hostile in content (generated from the route's own JSON schema: NUL bytes, odd Unicode,
 * strings at their length limit, dates at the edges of the calendar).
 */
const SEED = 4242;
const params = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, seed: SEED, plugins: [fc.interruptAfterTimeLimit(20_000)] });
const writeKeys = [...Object.keys(orgRouteTable), ...nonOrgRoutes].filter(isWrite);
const IMPORT = 'POST /api/v1/orgs/{org}/imports/{entity}';
const jsonWriteKeys = writeKeys.filter((k) => k !== IMPORT);
const readKeys = Object.keys(orgRouteTable).filter((k) => !isWrite(k));

/** Encodes a path segment or query part; a lone surrogate cannot be encoded, so it becomes invalid UTF-8. */
const enc = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};
const queryString = (q: Record<string, string>): string =>
  Object.entries(q)
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join('&');

// ---- values that tend to break things ----
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`),
  fc.string({ minLength: 201, maxLength: 5000 }),
  fc.uuid(),
  fc.constantFrom(
    '',
    ' ',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '0x1F',
    'null',
    'true',
    '\u0000',
    '\uFEFF',
    '\u202Eevil',
    '%00',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "'; drop table ai_systems; --",
    '-infinity',
    '00000000-0000-0000-0000-000000000000',
    'https://',
    'a@b',
  ),
);
const numberish = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1e21, -1e21), fc.integer().map(String));
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  numberish,
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 60 }),
  fc.object({ maxDepth: 2 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Date-shaped text around the edges: year 0 and 9999, month 13, day 32, odd times. */
const dateish = (withTime: boolean) =>
  fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 1, 1969, 1970, 2038, 9999) }, fc.integer({ min: 0, max: 9999 })),
      fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) }, fc.constantFrom(0, 13)),
      fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 28 }) }, fc.constantFrom(0, 29, 30, 31, 32)),
      withTime ? fc.constantFrom('T00:00:00Z', 'T23:59:59.999999999Z', 'T12:00:00+14:00', 'T12:00:00-23:59') : fc.constant(''),
    )
    .map(([y, m, d, time]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}${time}`);

/** Text that fits a string schema's length limits but carries hostile content. */
function hostileText(min: number, max: number): fc.Arbitrary<string> {
  const atLimit = (unit: string) => unit.repeat(Math.max(1, Math.floor(max / unit.length)));
  return fc
    .oneof(
      nastyString,
      fc.constantFrom(atLimit('x'), atLimit('é'), atLimit('名'), atLimit('😀'), atLimit('e\u0301'), 'x'.repeat(max + 1)),
      fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`),
    )
    .map((s) => (s.length < min ? s.padEnd(min, 'x') : s.length > max + 1 ? s.slice(0, max) : s));
}

/**
 * Values that satisfy a JSON schema's types, enums and limits, with hostile strings and edge-of-range numbers.
 * Ids are often ones that exist (`known`), so that requests get past the reference checks; objects carry their
 * required fields and up to three others, so that one odd value is not hidden behind another.
 */
function fromSchema(s: JsonSchema | undefined, known: string[]): fc.Arbitrary<unknown> {
  if (!s) return fc.anything();
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fromSchema(a, known)));
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid')
        return fc.oneof(
          { weight: 2, arbitrary: fc.constantFrom(...known) },
          fc.uuid(),
          fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
        );
      if (s.format === 'date') return dateish(false);
      if (s.format === 'date-time') return dateish(true);
      if (s.format === 'email')
        return fc.oneof(
          fc.emailAddress(),
          hostileText(1, 254).map((t) => `${t}@example.com`),
        );
      if (s.format === 'uri')
        return fc.oneof(
          fc.webUrl(),
          hostileText(1, 280).map((t) => `https://example.com/${t}`),
        );
      return hostileText(s.minLength ?? 0, s.maxLength ?? 300);
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -(2 ** 53) + 1);
      const max = s.maximum ?? 2 ** 53 - 1;
      return fc.oneof(
        fc.integer({ min, max: Math.min(max, min + 3) }),
        fc.constantFrom(min, max),
        fc.double({ min, max, noNaN: true }).map(Math.trunc),
      );
    }
    case 'array':
      return fc.array(fromSchema(s.items, known), { maxLength: Math.min(s.maxItems ?? 5, 5) });
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      const required = s.required ?? [];
      const optional = props.map(([k]) => k).filter((k) => !required.includes(k));
      return fc
        .subarray(optional, { maxLength: Math.min(3, optional.length) })
        .chain((chosen) =>
          fc.record(
            Object.fromEntries(
              props.filter(([k]) => required.includes(k) || chosen.includes(k)).map(([k, v]) => [k, fromSchema(v, known)]),
            ),
          ),
        );
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.anything();
  }
}

const huge = JSON.stringify({ name: 'x'.repeat(1_100_000) });
const rawBodies = fc.oneof(
  fc.integer({ min: 10, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 10, max: 20_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.constantFrom(
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"admin":true}}}',
    '{"name":"x","__proto__":null}',
    '{"name":"a","name":"b"}',
    '',
    'null',
    '[]',
    '"string"',
    '1e999',
    '{"name":"\\ud800"}',
    huge,
  ),
  fc.string(),
  fc.string({ unit: 'binary' }),
);
const contentType = fc.oneof(
  { weight: 10, arbitrary: fc.constant('application/json') },
  fc.constantFrom(
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/octet-stream',
    `multipart/form-data; boundary=${BOUNDARY}`,
    'application/json; charset=utf-16',
    'APPLICATION/JSON',
    'application/xml',
  ),
  fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
);
const randomQuery = fc.dictionary(
  fc.string({ maxLength: 12 }),
  nastyString.map((s) => s.slice(0, 200)),
  { maxKeys: 3 },
);

type ErrorBody = { error?: { code?: unknown; message?: unknown } };

describe.each(engines)('generated bad input on %s', (engine) => {
  let t: TestApp;
  let org: TestOrg;
  let owner: Record<string, string>;
  let documented: Map<string, DocumentedRoute>;
  const ids = {} as Record<IdKind, string>;
  /** ids that exist in the organisation, for schema-shaped bodies and queries */
  let known: string[] = [];
  let exportedXlsx: Buffer;

  const auditHead = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/orgs/fuzz/audit-log?limit=1', headers: owner })).json<AuditPage>().items[0]?.seq;
  const registerSize = async () => {
    const total = async (r: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/orgs/fuzz/${r}?archived=include&limit=1`, headers: owner })).json<{
        total: number;
      }>().total;
    return [await total('systems'), await total('vendors')];
  };

  /** The invariant of every answer: below 500, and a 4xx in the documented shape. */
  function checkAnswer(o: Call, res: LightMyRequestResponse): void {
    const sent = o.payload === undefined ? '' : ` with ${preview(o.payload)}`;
    const what = `${o.method} ${o.url} (${o.headers?.['content-type'] ?? 'no content-type'})${sent} → ${res.statusCode} ${res.body.slice(0, 300)}`;
    expect(res.statusCode, what).toBeLessThan(500);
    if (res.statusCode >= 400) {
      const body = JSON.parse(res.body) as ErrorBody;
      expect(typeof body.error?.code, what).toBe('string');
      expect(typeof body.error?.message, what).toBe('string');
    }
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    org = await buildOrg(t.database.db, 'fuzz');
    owner = bearer(org.tokens.owner);
    documented = new Map(documentedRoutes(t.app).map((r) => [r.key, r]));
    const create = async (path: string, payload: object) =>
      (await t.app.inject({ method: 'POST', url: `/api/v1/orgs/fuzz${path}`, headers: owner, payload })).json<{ id: string }>().id;
    ids.vendor = await create('/vendors', buildVendor({ name: 'Fuzz vendor' }));
    ids.toggleVendor = await create('/vendors', buildVendor());
    ids.system = await create('/systems', buildSystem({ vendorId: ids.vendor, technicalOwnerId: org.users.system_owner.id }));
    ids.toggleSystem = await create('/systems', buildSystem());
    ids.token = await create('/tokens', { name: 'Fuzz target', role: 'viewer' });
    const upload = multipart('seed.csv', systemsCsv('Seeded'));
    const run = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs/fuzz/imports/systems?dryRun=true&wait=true',
      headers: { ...owner, ...upload.headers },
      payload: upload.payload,
    });
    ids.importRun = run.json<{ id: string }>().id;
    ids.evidence = await create('/evidence', { kind: 'file', title: 'Fuzz evidence' });
    const evidenceFile = multipart('fuzz.txt', 'Fuzz evidence', { type: 'text/plain' });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/fuzz/evidence/${ids.evidence}/files`,
      headers: { ...owner, ...evidenceFile.headers },
      payload: evidenceFile.payload,
    });
    ids.toggleEvidence = await create('/evidence', { kind: 'note', title: 'Fuzz note', note: 'Archivable' });
    Object.assign(ids, await seedComplianceFixtures(t.app, 'fuzz', owner, 'Fuzz'));
    Object.assign(ids, await seedRiskFixtures(t.app, 'fuzz', owner, 'Fuzz', ids.system));
    // no system pool: generated create bodies name systems at random
    Object.assign(ids, await seedImpactFixtures(t.app, 'fuzz', owner, 'Fuzz', 0));
    Object.assign(ids, await seedAssuranceFixtures(t.app, 'fuzz', owner, 'Fuzz', ids.system));
    Object.assign(ids, await seedAlertFixtures(t.app, t.database.db, 'fuzz', owner, 'Fuzz', ids.system));
    Object.assign(ids, await seedDiscoveryFixtures(t.app, 'fuzz', owner));
    Object.assign(ids, await seedVendorGovernanceFixtures(t.app, 'fuzz', owner, 'Fuzz', ids.vendor, ids.system));
    known = [ids.vendor, ids.system, ...Object.values(org.users).map((u) => u.id)];
    exportedXlsx = (await t.app.inject({ method: 'GET', url: '/api/v1/orgs/fuzz/exports/systems?format=xlsx', headers: owner })).rawPayload;
  });
  afterAll(async () => t?.close());

  it('covers every write route the app serves', () => {
    const served = servedRoutes(t.app).filter((k) => isWrite(k) && k.includes(' /api/') && !isDocsRoute(k));
    expect(served).toEqual([...new Set(writeKeys.map(anonymousParams))].sort());
  });

  /** The path of a route with each parameter mostly the real thing, sometimes something generated. */
  function pathOf(key: string): fc.Arbitrary<string> {
    const template = key.split(' ')[1] ?? '';
    const rule = orgRouteTable[key];
    const badId = fc.oneof(
      fc.uuid(),
      fc.string({ maxLength: 60 }).map(enc),
      fc.constantFrom('0', '-1', 'null', '%', '%ZZ', '%00', '..', '%2F'),
    );
    const id = rule?.id ? fc.oneof({ weight: 3, arbitrary: fc.constant(ids[rule.id]) }, badId) : fc.constant('');
    const slug = fc.oneof(
      { weight: 8, arbitrary: fc.constant('fuzz') },
      fc.constantFrom('FUZZ', 'a', 'x'.repeat(60), 'other-org', '%00'),
      fc.string({ maxLength: 20 }).map(enc),
    );
    const entity = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('systems', 'vendors') }, fc.string({ maxLength: 20 }).map(enc));
    return fc.tuple(slug, id, entity).map(([s, i, e]) =>
      template
        .replace('{org}', s)
        .replace('{id}', i)
        .replace('{entity}', e)
        .replace(/\{(\w+)\}/g, (m, name: string) => rule?.params?.[name] ?? m),
    );
  }

  /** The route's own query parameters with schema-shaped values, plus made-up ones. */
  function queryOf(key: string): fc.Arbitrary<Record<string, string>> {
    const own = documented.get(key)?.query ?? [];
    const values = fc.record(
      Object.fromEntries(
        own.map((p) => [
          p.name,
          fc.oneof(fromSchema(p.schema, known), wrongValue).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
        ]),
      ),
      { requiredKeys: [] },
    );
    return fc.tuple(values, randomQuery).map(([mine, extra]) => ({ ...extra, ...(mine as Record<string, string>) }));
  }

  /** A body that is wrong in shape, or right in shape (from the route's schema) and hostile in content. */
  function bodyOf(key: string): fc.Arbitrary<string | undefined> {
    const schema = documented.get(key)?.body;
    const names = Object.keys(schema?.properties ?? { name: {} });
    const valid = orgRouteTable[key]?.body?.() ?? {};
    return fc.oneof(
      fc.anything().map((v) => JSON.stringify(v) as string | undefined),
      fc.record(Object.fromEntries(names.map((n) => [n, wrongValue])), { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.tuple(fc.constantFrom(...names), wrongValue).map(([n, v]) => JSON.stringify({ ...valid, [n]: v })),
      { weight: 5, arbitrary: fromSchema(schema ?? { type: 'object' }, known).map((v) => JSON.stringify(v)) },
      rawBodies,
    );
  }

  it.each(jsonWriteKeys)('never answers 500 to %s, and a 4xx writes nothing', async (key) => {
    const method = key.split(' ')[0] as Call['method'];
    await fc.assert(
      fc.asyncProperty(pathOf(key), queryOf(key), bodyOf(key), contentType, async (path, query, body, type) => {
        const qs = queryString(query);
        const o: Call = { method, url: qs ? `${path}?${qs}` : path, headers: { ...owner, 'content-type': type } };
        if (body !== undefined) o.payload = body;
        const before = await auditHead();
        const res = await t.app.inject(o);
        checkAnswer(o, res);
        if (res.statusCode >= 400)
          expect(await auditHead(), `${o.method} ${o.url} wrote although it answered ${res.statusCode}`).toBe(before);
      }),
      params(key.endsWith('/login') ? 30 : 80),
    );
  });

  it.each(readKeys)('never answers 500 to generated queries on %s', async (key) => {
    await fc.assert(
      fc.asyncProperty(pathOf(key), queryOf(key), async (path, query) => {
        const qs = queryString(query);
        const o: Call = { method: 'GET', url: qs ? `${path}?${qs}` : path, headers: owner };
        checkAnswer(o, await t.app.inject(o));
      }),
      params(80),
    );
  });

  /** A spreadsheet-like text: real and made-up headers, real codes and hostile cells, sometimes broken quoting. */
  const csvText = fc
    .record({
      headers: fc.shuffledSubarray([...systemColumns, ...vendorColumns].map((c) => c.headers.en).concat(['Junk', '名稱', '']), {
        minLength: 1,
      }),
      rows: fc.array(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              'agent',
              'vendor',
              'informs',
              'human_in_the_loop',
              'owner@fuzz.test',
              'Fuzz vendor',
              '2026-12-31',
              'personal; none',
              '',
            ),
            dateish(false),
            nastyString,
          ),
          { maxLength: 22 },
        ),
        { maxLength: 6 },
      ),
      quoted: fc.boolean(),
    })
    .map(({ headers, rows, quoted }) => (quoted ? stringify([headers, ...rows]) : [headers, ...rows].map((r) => r.join(',')).join('\n')));
  const fileContent = fc.oneof(
    { weight: 3, arbitrary: csvText.map((s) => Buffer.from(s)) },
    fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
    fc.uint8Array({ maxLength: 500 }).map((a) => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from(a)])),
    // the server's own export with some bytes changed or cut off
    fc.tuple(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 8 }), fc.option(fc.nat())).map(([flips, cut]) => {
      const b = Buffer.from(exportedXlsx);
      for (const [at, v] of flips) b[at % b.length] = v;
      return cut === null ? b : b.subarray(0, cut % b.length);
    }),
  );
  const fileName = fc.oneof(
    fc.constantFrom('x.csv', 'x.xlsx', 'X.CSV', 'x.exe', 'x', '.csv', '../../x.csv', 'x.csv.exe', '名稱.csv', 'x".csv'),
    fc.string({ maxLength: 300 }).map((s) => `${s}.csv`),
  );
  const uploadBody = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fileName, fileContent).map(([n, c]) => multipart(n, c).payload) },
    fc.tuple(fileName, fileContent).map(([n, c]) => multipart(n, c, { field: 'other' }).payload),
    fc.tuple(fileName, fileContent, fc.nat()).map(([n, c, cut]) => {
      const p = multipart(n, c).payload;
      return p.subarray(0, cut % p.length);
    }),
    fc
      .tuple(fileName, fileContent)
      .map(([n, c]) => Buffer.concat([multipart(n, c).payload.subarray(0, -4), multipart('y.csv', 'a\n1').payload])),
    fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
  );

  it('never answers 500 to generated uploads, and refused or empty imports write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        pathOf(IMPORT),
        fc.constantFrom('true', 'false', 'maybe', ''),
        randomQuery,
        uploadBody,
        fc.oneof({ weight: 8, arbitrary: fc.constant(`multipart/form-data; boundary=${BOUNDARY}`) }, contentType),
        async (path, dryRun, extra, payload, type) => {
          // always wait: a run left in the background would outlive the test
          const qs = queryString({ ...extra, dryRun, wait: 'true' });
          const o: Call = { method: 'POST', url: `${path}?${qs}`, headers: { ...owner, 'content-type': type }, payload };
          const [head, size] = [await auditHead(), await registerSize()];
          const res = await t.app.inject(o);
          checkAnswer(o, res);
          const created = res.statusCode === 200 ? res.json<{ createdRows: number }>().createdRows : 0;
          if (created === 0) {
            expect(await auditHead(), `${o.url} wrote although it answered ${res.statusCode}`).toBe(head);
            expect(await registerSize()).toEqual(size);
          }
        },
      ),
      params(80),
    );
  });
});
