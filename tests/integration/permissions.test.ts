import { seedComplianceFixtures } from '../support/compliance-fixtures.js';
import { seedRiskFixtures } from '../support/risk-fixtures.js';
import { seedImpactFixtures } from '../support/impact-fixtures.js';
import { seedAssuranceFixtures } from '../support/assurance-fixtures.js';
import { seedAlertFixtures } from '../support/alert-fixtures.js';
import { seedDiscoveryFixtures } from '../support/discovery-fixtures.js';
import { seedVendorGovernanceFixtures } from '../support/vendor-governance-fixtures.js';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import { grantOf, roles, type Role } from '../../src/modules/auth/permissions.js';
import type { SystemView } from '../../src/modules/systems/schema.js';
import type { TokenView } from '../../src/modules/tokens/schema.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, buildVendor, PASSWORD, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';
import {
  anonymousParams,
  documentedRoutes,
  isDocsRoute,
  isWrite,
  multipart,
  nonOrgRoutes,
  orgRouteTable,
  requestFor,
  servedRoutes,
  systemsCsv,
  type Call,
  type OrgFixtures,
} from './route-table.js';

type ErrorBody = { error?: { code?: string; message?: string } };
const errorCode = (res: LightMyRequestResponse): string | undefined => {
  try {
    return res.json<ErrorBody>().error?.code;
  } catch {
    return undefined;
  }
};
const routeKeys = Object.keys(orgRouteTable);
const describeCall = (o: Call, res: LightMyRequestResponse) => `${o.method} ${o.url} → ${res.statusCode} ${res.body.slice(0, 160)}`;

describe.each(engines)('permissions on %s', (engine) => {
  let t: TestApp;
  let alpha: TestOrg;
  let bravo: TestOrg;
  let fxA: OrgFixtures & { ownedSystem: string };
  let fxB: OrgFixtures & { ownedSystem: string };
  /** sessions of alpha's users, by role */
  const sessions = {} as Record<Role, Record<string, string>>;
  /** everything of bravo that must never reach alpha: ids, names, e-mails, token secrets */
  let bravoSecrets: string[] = [];
  let bravoBefore: string;

  const inject = (o: Call) => t.app.inject(o);
  const leaks = (res: LightMyRequestResponse): string[] => bravoSecrets.filter((s) => res.body.includes(s));
  const auditHead = async (org: TestOrg) =>
    (
      await inject({ method: 'GET', url: `/api/v1/orgs/${org.slug}/audit-log?limit=1`, headers: bearer(org.tokens.owner) })
    ).json<AuditPage>().items[0]?.seq;

  /** A vendor, systems, a token and an import run made through the API by the organisation's owner. */
  async function seed(org: TestOrg, label: string): Promise<OrgFixtures & { ownedSystem: string }> {
    const headers = bearer(org.tokens.owner);
    const base = `/api/v1/orgs/${org.slug}`;
    const create = async (path: string, payload: object) => {
      const res = await inject({ method: 'POST', url: `${base}${path}`, headers, payload });
      if (res.statusCode !== 201) throw new Error(`seed ${path}: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string }>().id;
    };
    const vendor = await create('/vendors', buildVendor({ name: `${label} vendor` }));
    const toggleVendor = await create('/vendors', buildVendor({ name: `${label} archivable vendor` }));
    const system = await create('/systems', buildSystem({ name: `${label} system`, vendorId: vendor }));
    const toggleSystem = await create('/systems', buildSystem({ name: `${label} archivable system` }));
    const ownedSystem = await create(
      '/systems',
      buildSystem({ name: `${label} owned system`, technicalOwnerId: org.users.system_owner.id }),
    );
    const token = await create('/tokens', { name: `${label} deploy token`, role: 'viewer' });
    const upload = multipart('seed.csv', systemsCsv(`${label} imported system`));
    const run = await inject({
      method: 'POST',
      url: `${base}/imports/systems?dryRun=true&wait=true`,
      headers: { ...headers, ...upload.headers },
      payload: upload.payload,
    });
    if (run.statusCode !== 200) throw new Error(`seed import: ${run.statusCode} ${run.body}`);
    const importRun = run.json<{ id: string }>().id;
    const evidence = await create('/evidence', { kind: 'file', title: `${label} evidence file` });
    const file = multipart('seed.pdf', '%PDF-1.4 seed', { type: 'application/pdf' });
    const stored = await inject({
      method: 'POST',
      url: `${base}/evidence/${evidence}/files`,
      headers: { ...headers, ...file.headers },
      payload: file.payload,
    });
    if (stored.statusCode !== 201) throw new Error(`seed evidence file: ${stored.statusCode} ${stored.body}`);
    const toggleEvidence = await create('/evidence', {
      kind: 'link',
      title: `${label} archivable evidence`,
      url: 'https://evidence.example',
    });
    return {
      slug: org.slug,
      ids: {
        vendor,
        toggleVendor,
        system,
        toggleSystem,
        token,
        importRun,
        evidence,
        toggleEvidence,
        ...(await seedComplianceFixtures(t.app, org.slug, headers, label)),
        ...(await seedRiskFixtures(t.app, org.slug, headers, label, system)),
        ...(await seedImpactFixtures(t.app, org.slug, headers, label)),
        ...(await seedAssuranceFixtures(t.app, org.slug, headers, label, system)),
        ...(await seedAlertFixtures(t.app, t.database.db, org.slug, headers, label, system)),
        ...(await seedDiscoveryFixtures(t.app, org.slug, headers)),
        ...(await seedVendorGovernanceFixtures(t.app, org.slug, headers, label, vendor, system)),
      },
      ownedSystem,
    };
  }

  /** What bravo looks like to its own owner; compared at the end to show alpha changed nothing there. */
  async function bravoState(): Promise<string> {
    const h = bearer(bravo.tokens.owner);
    const get = async (path: string) => (await inject({ method: 'GET', url: `/api/v1/orgs/bravo${path}`, headers: h })).body;
    const tokens = (await inject({ method: 'GET', url: '/api/v1/orgs/bravo/tokens', headers: h })).json<{ items: TokenView[] }>();
    return JSON.stringify({
      head: await auditHead(bravo),
      systems: await get('/systems?archived=include&sort=createdAt'),
      vendors: await get('/vendors?archived=include&sort=createdAt'),
      revoked: tokens.items.map((tk) => [tk.id, tk.revokedAt]),
    });
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    alpha = await buildOrg(t.database.db, 'alpha');
    bravo = await buildOrg(t.database.db, 'bravo');
    fxA = await seed(alpha, 'Alpha');
    fxB = await seed(bravo, 'Bravo-confidential');
    for (const role of roles) sessions[role] = await signIn(t.app, alpha.users[role].email, PASSWORD);
    const orgB = await inject({ method: 'GET', url: '/api/v1/orgs/bravo', headers: bearer(bravo.tokens.owner) });
    bravoSecrets = [
      orgB.json<{ id: string }>().id,
      orgB.json<{ name: string }>().name,
      'Bravo-confidential',
      ...Object.values(fxB.ids),
      fxB.ownedSystem,
      ...Object.values(bravo.users).flatMap((u) => [u.id, u.email]),
      ...Object.values(bravo.tokens),
    ];
    bravoBefore = await bravoState();
  });
  afterAll(async () => t?.close());

  it('has an expectation for every route the app serves, and no stale ones', () => {
    const served = servedRoutes(t.app).filter((k) => k.includes(' /api/') && !isDocsRoute(k));
    const expected = [...new Set([...routeKeys, ...nonOrgRoutes].map(anonymousParams))].sort();
    expect(served).toEqual(expected);
    // The OpenAPI document names the same organisation routes, parameter names and all.
    const documented = documentedRoutes(t.app).map((r) => r.key);
    expect(documented.filter((k) => k.includes('/api/v1/orgs/{org}')).sort()).toEqual([...routeKeys].sort());
  });

  it('answers 401 to anonymous callers and to unknown, malformed or revoked credentials on every route', async () => {
    const revoked = await inject({
      method: 'POST',
      url: '/api/v1/orgs/alpha/tokens',
      headers: bearer(alpha.tokens.owner),
      payload: { name: 'soon revoked', role: 'owner' },
    });
    const { id, token } = revoked.json<{ id: string; token: string }>();
    expect(
      (await inject({ method: 'POST', url: `/api/v1/orgs/alpha/tokens/${id}/revoke`, headers: bearer(alpha.tokens.owner) })).statusCode,
    ).toBe(200);
    const callers: Record<string, Record<string, string>> = {
      anonymous: {},
      'unknown token': bearer('aims_0000000000000000000000000000000000000000'),
      'not a bearer token': { authorization: 'Basic YWRtaW46YWRtaW4=' },
      'revoked token': bearer(token),
      'unknown session cookie': { cookie: 'aims_session=forged', 'x-csrf-token': 'forged' },
    };
    const failures: string[] = [];
    for (const [who, headers] of Object.entries(callers)) {
      for (const key of routeKeys) {
        const o = requestFor(key, fxA, headers);
        const res = await inject(o);
        if (res.statusCode !== 401 || errorCode(res) !== 'unauthenticated') failures.push(`${who}: ${describeCall(o, res)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 401 to anonymous callers before looking at their ids or bodies', async () => {
    // Expected: authentication comes first, so an anonymous caller learns nothing about what a valid request is.
    const failures: string[] = [];
    const malformedIds = { slug: 'alpha', ids: Object.fromEntries(Object.keys(fxA.ids).map((k) => [k, 'not-an-id'])) } as OrgFixtures;
    for (const key of routeKeys) {
      const variants: Call[] = [];
      if (orgRouteTable[key]?.id) variants.push(requestFor(key, malformedIds, {}));
      if (orgRouteTable[key]?.body) variants.push({ ...requestFor(key, fxA, {}), payload: undefined });
      for (const o of variants) {
        const res = await inject(o);
        if (res.statusCode !== 401) failures.push(describeCall(o, res));
      }
    }
    expect(failures).toEqual([]);
  });

  describe.each(['token', 'session'] as const)('every role, signed in with a %s', (via) => {
    it('gets 2xx where the table grants the capability and 403 where it does not', async () => {
      const failures: string[] = [];
      for (const role of roles) {
        const headers = via === 'token' ? bearer(alpha.tokens[role]) : sessions[role];
        for (const key of routeKeys) {
          const rule = orgRouteTable[key]!;
          // `own` grants: none of the walk's objects is owned by the caller, so they are refused here.
          const allowed = grantOf(role, rule.cap) === 'all';
          const o = requestFor(key, fxA, headers);
          const res = await inject(o);
          const ok = allowed ? res.statusCode >= 200 && res.statusCode < 300 : res.statusCode === 403 && errorCode(res) === 'forbidden';
          if (!ok) failures.push(`${role}: ${describeCall(o, res)} (expected ${allowed ? '2xx' : '403 forbidden'})`);
          if (leaks(res).length) failures.push(`${role}: ${o.method} ${o.url} leaks ${leaks(res).join(', ')}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });

  it('lets a system owner change the systems they own and no others', async () => {
    const session = sessions.system_owner;
    const url = (id: string, action = '') => `/api/v1/orgs/alpha/systems/${id}${action}`;
    expect((await inject({ method: 'GET', url: url(fxA.ownedSystem), headers: session })).json<SystemView>().can).toEqual({
      update: true,
      archive: true,
    });
    expect((await inject({ method: 'GET', url: url(fxA.ids.system), headers: session })).json<SystemView>().can).toEqual({
      update: false,
      archive: false,
    });
    const calls = (id: string): Call[] => [
      { method: 'PATCH', url: url(id), headers: session, payload: { businessUnit: 'Operations' } },
      { method: 'POST', url: url(id, '/archive'), headers: session },
      { method: 'POST', url: url(id, '/restore'), headers: session },
    ];
    for (const o of calls(fxA.ownedSystem)) expect(describeCall(o, await inject(o))).toMatch(/ → 200 /);
    const head = await auditHead(alpha);
    for (const o of calls(fxA.ids.system)) {
      const res = await inject(o);
      expect(describeCall(o, res)).toMatch(/ → 403 /);
      expect(errorCode(res)).toBe('forbidden');
    }
    expect(await auditHead(alpha)).toBe(head);
  });

  it("answers 404 on another organisation's slug, to every role's token and to a signed-in member", async () => {
    const callers: [string, Record<string, string>][] = [
      ...roles.map((r): [string, Record<string, string>] => [`${r} token`, bearer(alpha.tokens[r])]),
      ['owner session', sessions.owner],
    ];
    const failures: string[] = [];
    for (const [who, headers] of callers) {
      for (const key of routeKeys) {
        const o = requestFor(key, fxB, headers);
        const res = await inject(o);
        if (res.statusCode !== 404 || errorCode(res) !== 'not_found') failures.push(`${who}: ${describeCall(o, res)}`);
        if (leaks(res).length) failures.push(`${who}: ${o.method} ${o.url} leaks ${leaks(res).join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("treats another organisation's ids in the path exactly like ids that do not exist", async () => {
    const failures: string[] = [];
    for (const role of roles) {
      for (const key of routeKeys) {
        const rule = orgRouteTable[key]!;
        if (!rule.id) continue;
        const headers = bearer(alpha.tokens[role]);
        const foreign = requestFor(key, fxA, headers, { [rule.id]: fxB.ids[rule.id] });
        const res = await inject(foreign);
        const unknown = await inject(requestFor(key, fxA, headers, { [rule.id]: randomUUID() }));
        if (grantOf(role, rule.cap) && (res.statusCode !== 404 || errorCode(res) !== 'not_found')) {
          failures.push(`${role}: ${describeCall(foreign, res)} (expected 404 not_found)`);
        }
        if (res.statusCode !== unknown.statusCode || res.body !== unknown.body) {
          failures.push(
            `${role}: ${describeCall(foreign, res)} differs from an unknown id: ${unknown.statusCode} ${unknown.body.slice(0, 160)}`,
          );
        }
        if (leaks(res).length) failures.push(`${role}: ${foreign.method} ${foreign.url} leaks ${leaks(res).join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("treats another organisation's ids in bodies and filters as unknown", async () => {
    const headers = bearer(alpha.tokens.owner);
    const head = await auditHead(alpha);
    const refs = [
      { vendorId: fxB.ids.vendor },
      { accountableOwnerId: bravo.users.owner.id },
      { technicalOwnerId: bravo.users.system_owner.id },
    ];
    for (const ref of refs) {
      const created = await inject({ method: 'POST', url: '/api/v1/orgs/alpha/systems', headers, payload: buildSystem(ref) });
      expect(created.statusCode, created.body).toBe(422);
      const edited = await inject({ method: 'PATCH', url: `/api/v1/orgs/alpha/systems/${fxA.ids.system}`, headers, payload: ref });
      expect(edited.statusCode, edited.body).toBe(422);
      expect(leaks(created).concat(leaks(edited))).toEqual([]);
    }
    expect(await auditHead(alpha)).toBe(head);
    const filters = [
      `/systems?vendor=${fxB.ids.vendor}`,
      `/systems?owner=${bravo.users.system_owner.id}`,
      `/audit-log?entityId=${fxB.ids.system}`,
    ];
    for (const f of filters) {
      const res = await inject({ method: 'GET', url: `/api/v1/orgs/alpha${f}`, headers });
      expect(res.statusCode, f).toBe(200);
      expect(res.json<{ items: unknown[] }>().items, f).toEqual([]);
    }
  });

  it("never shows another organisation's rows in lists, exports or sessions", async () => {
    const token = bearer(alpha.tokens.owner);
    const reads: Call[] = [
      ...[
        '',
        '/members',
        '/tokens',
        '/systems?archived=include&limit=200',
        '/vendors?archived=include&limit=200',
        '/audit-log?limit=200',
      ].map((p): Call => ({ method: 'GET', url: `/api/v1/orgs/alpha${p}`, headers: token })),
      ...['systems', 'vendors'].flatMap((e) =>
        ['csv', 'xlsx'].map((f): Call => ({ method: 'GET', url: `/api/v1/orgs/alpha/exports/${e}?format=${f}`, headers: token })),
      ),
      { method: 'GET', url: `/api/v1/orgs/alpha/imports/${fxA.ids.importRun}`, headers: token },
      { method: 'GET', url: '/api/v1/orgs', headers: token },
      { method: 'GET', url: '/api/v1/orgs', headers: sessions.owner },
      { method: 'GET', url: '/api/v1/auth/session', headers: sessions.owner },
    ];
    for (const o of reads) {
      const res = await inject(o);
      expect(res.statusCode, describeCall(o, res)).toBe(200);
      expect(leaks(res), `${o.method} ${o.url}`).toEqual([]);
      // the alpha rows are there: the lists were not simply empty
      if (/systems\?|exports\/systems/.test(o.url as string) && !(o.url as string).includes('xlsx'))
        expect(res.body).toContain('Alpha system');
    }
    const orgs = await inject({ method: 'GET', url: '/api/v1/orgs', headers: sessions.viewer });
    expect(orgs.json<{ items: { slug: string }[] }>().items.map((o) => o.slug)).toEqual(['alpha']);
  });

  it('refuses every session write without the right X-CSRF-Token, and writes nothing', async () => {
    const { 'x-csrf-token': _csrf, ...cookieOnly } = sessions.owner;
    const head = await auditHead(alpha);
    const failures: string[] = [];
    for (const headers of [cookieOnly, { ...cookieOnly, 'x-csrf-token': 'wrong' }]) {
      for (const key of routeKeys.filter(isWrite)) {
        const o = requestFor(key, fxA, headers);
        const res = await inject(o);
        if (res.statusCode !== 403 || errorCode(res) !== 'csrf_failed') failures.push(describeCall(o, res));
      }
      const logout: Call = { method: 'POST', url: '/api/v1/auth/logout', headers };
      const res = await inject(logout);
      if (res.statusCode !== 403 || errorCode(res) !== 'csrf_failed') failures.push(describeCall(logout, res));
    }
    expect(failures).toEqual([]);
    expect(await auditHead(alpha)).toBe(head);
    // the refused logout did not end the session
    expect((await inject({ method: 'GET', url: '/api/v1/auth/session', headers: sessions.owner })).statusCode).toBe(200);
  });

  it('checks the routes outside any organisation', async () => {
    const login = (email: string, password: string) => inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    const wrong = await login(alpha.users.viewer.email, 'not the password');
    const nobody = await login('nobody@alpha.test', 'not the password');
    expect([wrong.statusCode, errorCode(wrong), nobody.statusCode, errorCode(nobody)]).toEqual([
      401,
      'unauthenticated',
      401,
      'unauthenticated',
    ]);
    expect(wrong.json<ErrorBody>().error?.message).toBe(nobody.json<ErrorBody>().error?.message);
    expect(wrong.cookies.find((c) => c.name === 'aims_session')).toBeUndefined();

    expect((await inject({ method: 'GET', url: '/api/v1/orgs' })).statusCode).toBe(401);
    expect((await inject({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
    const viaToken = await inject({ method: 'GET', url: '/api/v1/auth/session', headers: bearer(alpha.tokens.owner) });
    expect([viaToken.statusCode, errorCode(viaToken)]).toEqual([400, 'bad_request']);
    const tokenOrgs = await inject({ method: 'GET', url: '/api/v1/orgs', headers: bearer(alpha.tokens.auditor) });
    expect(tokenOrgs.json<{ items: { slug: string; role: string }[] }>().items.map((o) => [o.slug, o.role])).toEqual([
      ['alpha', 'auditor'],
    ]);
    expect((await inject({ method: 'GET', url: '/api/v1/openapi.json' })).statusCode).toBe(200);

    // Signing out ends the session: its cookie no longer opens anything.
    const session = await signIn(t.app, alpha.users.contributor.email, PASSWORD);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session })).statusCode).toBe(204);
    const after = await inject({ method: 'GET', url: '/api/v1/orgs/alpha/systems', headers: session });
    expect([after.statusCode, errorCode(after)]).toEqual([401, 'unauthenticated']);
  });

  it('left the other organisation exactly as it was', async () => {
    expect(await bravoState()).toBe(bravoBefore);
  });
});
