import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemPage, SystemView } from '../../src/modules/systems/schema.js';
import type { VendorView } from '../../src/modules/vendors/schema.js';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, buildVendor, PASSWORD, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';

describe.each(engines)('AI system and vendor registers on %s', (engine) => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp(engine);
    org = await buildOrg(t.database.db, 'acme');
  });
  afterAll(async () => t?.close());

  const url = (path: string) => `/api/v1/orgs/acme${path}`;

  it('creates, reads, edits, archives and restores a system, each write in the audit trail', async () => {
    const auth = bearer(org.tokens.governance_lead);
    const vendor = (
      await t.app.inject({ method: 'POST', url: url('/vendors'), headers: auth, payload: buildVendor({ name: 'Acme AI' }) })
    ).json<VendorView>();
    const created = await t.app.inject({
      method: 'POST',
      url: url('/systems'),
      headers: auth,
      payload: buildSystem({
        name: 'Claims triage',
        vendorId: vendor.id,
        accountableOwnerId: org.users.system_owner.id,
        registrationStatus: 'registered',
      }),
    });
    expect(created.statusCode).toBe(201);
    const system = created.json<SystemView>();
    expect(system).toMatchObject({
      name: 'Claims triage',
      vendor: { id: vendor.id, name: 'Acme AI' },
      accountableOwner: { id: org.users.system_owner.id },
      version: 1,
    });

    const edited = await t.app.inject({
      method: 'PATCH',
      url: url(`/systems/${system.id}`),
      headers: auth,
      payload: { lifecycleStage: 'production', version: 1 },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<SystemView>()).toMatchObject({ lifecycleStage: 'production', version: 2 });

    const stale = await t.app.inject({
      method: 'PATCH',
      url: url(`/systems/${system.id}`),
      headers: auth,
      payload: { name: 'x', version: 1 },
    });
    expect(stale.statusCode).toBe(409);

    expect(
      (await t.app.inject({ method: 'POST', url: url(`/systems/${system.id}/archive`), headers: auth })).json<SystemView>().archivedAt,
    ).not.toBeNull();
    const listed = (await t.app.inject({ method: 'GET', url: url('/systems?q=Claims'), headers: auth })).json<SystemPage>();
    expect(listed.total).toBe(0);
    const archived = (await t.app.inject({ method: 'GET', url: url('/systems?q=Claims&archived=only'), headers: auth })).json<SystemPage>();
    expect(archived.items.map((s) => s.id)).toEqual([system.id]);
    expect(
      (await t.app.inject({ method: 'POST', url: url(`/systems/${system.id}/restore`), headers: auth })).json<SystemView>().archivedAt,
    ).toBeNull();

    const audit = (await t.app.inject({ method: 'GET', url: url(`/audit-log?entityId=${system.id}`), headers: auth })).json<AuditPage>();
    expect(audit.items.map((e) => e.action)).toEqual(['system.restore', 'system.archive', 'system.update', 'system.create']);
    const update = audit.items[2];
    expect(update?.actorLabel).toBe('token:governance_lead token');
    expect((update?.before as { lifecycleStage: string }).lifecycleStage).toBe('proposed');
    expect((update?.after as { lifecycleStage: string }).lifecycleStage).toBe('production');
  });

  it('filters, sorts and paginates the list', async () => {
    const auth = bearer(org.tokens.owner);
    for (const [i, type] of (['agent', 'agent', 'in_house_model'] as const).entries()) {
      await t.app.inject({
        method: 'POST',
        url: url('/systems'),
        headers: auth,
        payload: buildSystem({
          name: `Filter ${i}`,
          type,
          technicalOwnerId: org.users.contributor.id,
          dataCategories: i === 0 ? ['biometric'] : ['none'],
        }),
      });
    }
    const agents = (
      await t.app.inject({ method: 'GET', url: url('/systems?q=Filter&type=agent&sort=name&order=desc'), headers: auth })
    ).json<SystemPage>();
    expect(agents.items.map((s) => s.name)).toEqual(['Filter 1', 'Filter 0']);
    const biometric = (
      await t.app.inject({ method: 'GET', url: url('/systems?dataCategory=biometric'), headers: auth })
    ).json<SystemPage>();
    expect(biometric.items.map((s) => s.name)).toEqual(['Filter 0']);
    const owned = (
      await t.app.inject({
        method: 'GET',
        url: url(`/systems?owner=${org.users.contributor.id}&limit=2&offset=1&sort=name`),
        headers: auth,
      })
    ).json<SystemPage>();
    expect(owned).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(owned.items.map((s) => s.name)).toEqual(['Filter 1', 'Filter 2']);
  });

  it('gives field-level messages and writes nothing for invalid systems', async () => {
    const auth = bearer(org.tokens.owner);
    const before = (await t.app.inject({ method: 'GET', url: url('/audit-log?limit=1'), headers: auth })).json<AuditPage>().items[0]?.seq;
    const bad = await t.app.inject({
      method: 'POST',
      url: url('/systems'),
      headers: auth,
      payload: buildSystem({ registrationStatus: 'registered', dataCategories: ['none', 'personal'] }),
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ error: { details: { issues: { path: string }[] } } }>().error.details.issues.map((i) => i.path);
    expect(paths.sort()).toEqual(['accountableOwnerId', 'dataCategories']);
    const stranger = await t.app.inject({
      method: 'POST',
      url: url('/systems'),
      headers: auth,
      payload: buildSystem({ accountableOwnerId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(stranger.statusCode).toBe(422);
    const after = (await t.app.inject({ method: 'GET', url: url('/audit-log?limit=1'), headers: auth })).json<AuditPage>().items[0]?.seq;
    expect(after).toBe(before);
  });

  it('lets a system owner edit only the systems they own', async () => {
    const lead = bearer(org.tokens.governance_lead);
    const mine = (
      await t.app.inject({
        method: 'POST',
        url: url('/systems'),
        headers: lead,
        payload: buildSystem({ technicalOwnerId: org.users.system_owner.id }),
      })
    ).json<SystemView>();
    const other = (await t.app.inject({ method: 'POST', url: url('/systems'), headers: lead, payload: buildSystem() })).json<SystemView>();
    const owner = await signIn(t.app, org.users.system_owner.email, PASSWORD);
    expect((await t.app.inject({ method: 'GET', url: url(`/systems/${mine.id}`), headers: owner })).json<SystemView>().can).toEqual({
      update: true,
      archive: true,
    });
    expect(
      (await t.app.inject({ method: 'PATCH', url: url(`/systems/${mine.id}`), headers: owner, payload: { intendedUsers: 'Ops' } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'PATCH', url: url(`/systems/${other.id}`), headers: owner, payload: { intendedUsers: 'Ops' } }))
        .statusCode,
    ).toBe(403);
  });

  it('rejects a session write without the CSRF token', async () => {
    const session = await signIn(t.app, org.users.owner.email, PASSWORD);
    const { 'x-csrf-token': _csrf, ...cookieOnly } = session;
    const res = await t.app.inject({ method: 'POST', url: url('/vendors'), headers: cookieOnly, payload: buildVendor() });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('csrf_failed');
    expect((await t.app.inject({ method: 'POST', url: url('/vendors'), headers: session, payload: buildVendor() })).statusCode).toBe(201);
  });

  it('refuses a duplicate vendor name', async () => {
    const auth = bearer(org.tokens.owner);
    await t.app.inject({ method: 'POST', url: url('/vendors'), headers: auth, payload: buildVendor({ name: 'Twin Ltd' }) });
    const dup = await t.app.inject({ method: 'POST', url: url('/vendors'), headers: auth, payload: buildVendor({ name: 'twin ltd' }) });
    expect(dup.statusCode).toBe(422);
  });
});
