// The data directory the list and start-up benchmarks share: one organisation with 16 members, 40 vendors and
// 10,000 AI systems, and an API token. The organisation, its first member and the token go through the `aims`
// CLI (as an operator would); the bulk goes in-process through the services and the repository, in batches,
// with their audit entries, so that the timestamps can be spread over three years like a register that grew.
import path from 'node:path';
import { openDatabase, type Database } from '../src/db/connect.js';
import { withAudit } from '../src/modules/audit-log/service.js';
import { snapshotSystem } from '../src/modules/systems/present.js';
import { insertSystems } from '../src/modules/systems/repo.js';
import { createSystemInput } from '../src/modules/systems/schema.js';
import { findOrgBySlug, listMembers } from '../src/modules/orgs/repo.js';
import { createUser } from '../src/modules/users/service.js';
import { createVendor } from '../src/modules/vendors/service.js';
import { systemActor, type OrgContext } from '../src/server/context.js';
import { generateSystems, members, vendors, type SystemSpec } from './dataset.js';
import { cliOk, log, tempDir, timed, type Store } from './support.js';

export const PASSWORD = 'bench-password-1234';

export interface ListFixture {
  /** the PGlite data directory (or, for the PostgreSQL comparison, the database URL) */
  store: Store;
  slug: string;
  orgId: string;
  token: string;
  systems: number;
  /** a system owner with a typical share of systems, for the owner filter */
  ownerId: string;
  /** a vendor with a typical share of systems, for the vendor filter */
  vendorId: string;
  /** every member and vendor, and a few systems (for the varied mix and the writes) */
  memberIds: string[];
  vendorIds: string[];
  systemIds: string[];
  timings: Record<string, number>;
}

export async function orgContext(database: Database, slug: string): Promise<OrgContext> {
  const org = await findOrgBySlug(database.db, slug);
  if (!org) throw new Error(`no organisation ${slug}`);
  return {
    db: database.db,
    actor: systemActor('system (bench)'),
    org: { id: org.id, slug: org.slug, name: org.name },
    role: 'owner',
    requestId: null,
  };
}

/** Members and vendors of an organisation, created through the services (vendors need an owner context). */
export async function addMembersAndVendors(database: Database, slug: string, skipFirstMember: boolean): Promise<void> {
  const actor = systemActor('system (bench)');
  for (const m of skipFirstMember ? members.slice(1) : members) {
    await createUser(database.db, actor, { email: m.email, password: PASSWORD, orgSlug: slug, role: m.role, displayName: m.displayName });
  }
  const ctx = await orgContext(database, slug);
  for (const v of vendors) await createVendor(ctx, v);
}

/** Inserts systems through the repository in transactions of `batch`, each with its audit entries. */
export async function loadSystems(database: Database, slug: string, specs: SystemSpec[], batch = 1000): Promise<void> {
  const ctx = await orgContext(database, slug);
  const people = new Map((await listMembers(database.db, ctx.org.id)).map((m) => [m.email, m.userId]));
  const vendorRows = await database.db.query.vendors.findMany({ where: (v, { eq }) => eq(v.orgId, ctx.org.id) });
  const vendorIds = new Map(vendorRows.map((v) => [v.name, v.id]));
  const ref = (map: Map<string, string>, key: string | null) => {
    if (key === null) return null;
    const id = map.get(key);
    if (!id) throw new Error(`unknown reference ${key}`);
    return id;
  };
  for (let i = 0; i < specs.length; i += batch) {
    const rows = specs.slice(i, i + batch).map((s) => {
      const { accountableOwner, technicalOwner, vendor, createdAt, updatedAt, ...rest } = s;
      const data = createSystemInput.parse({
        ...rest,
        accountableOwnerId: ref(people, accountableOwner),
        technicalOwnerId: ref(people, technicalOwner),
        vendorId: ref(vendorIds, vendor),
        source: i % 3 === 0 ? 'import' : 'manual',
      });
      return { ...data, orgId: ctx.org.id, createdAt, updatedAt };
    });
    await withAudit(ctx, async (tx, audit) => {
      const inserted = await insertSystems(tx, rows);
      for (const s of inserted) audit({ action: 'system.create', entityType: 'ai_system', entityId: s.id, after: snapshotSystem(s) });
    });
  }
}

export async function buildListFixture(options: { count?: number; databaseUrl?: string } = {}): Promise<ListFixture> {
  const count = options.count ?? 10_000;
  const store: Store = options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: path.join(tempDir('list'), 'data') };
  const slug = 'acme-fin';
  const timings: Record<string, number> = {};
  const owner = members[0]!;

  log('fixture: aims orgs create (new data directory: creates and migrates the database)');
  timings.cliOrgsCreateNewDirMs = (await cliOk(store, ['orgs', 'create', '--name', 'Acme Financial Group', '--slug', slug])).ms;
  log('fixture: aims users create');
  timings.cliUsersCreateMs = (
    await cliOk(store, [
      'users',
      'create',
      '--email',
      owner.email,
      '--password',
      PASSWORD,
      '--org',
      slug,
      '--role',
      owner.role,
      '--name',
      owner.displayName,
    ])
  ).ms;

  log(`fixture: ${members.length - 1} more members, ${vendors.length} vendors and ${count} systems in-process`);
  const specs = generateSystems(count);
  const database = await openDatabase({ dataDir: store.dataDir ?? '', databaseUrl: store.databaseUrl });
  let orgId: string;
  let ownerId: string;
  let vendorId: string;
  let memberIds: string[];
  let vendorIds: string[];
  let systemIds: string[];
  try {
    timings.membersAndVendorsMs = (await timed(() => addMembersAndVendors(database, slug, true))).ms;
    timings.systemsInsertMs = (await timed(() => loadSystems(database, slug, specs))).ms;
    const ctx = await orgContext(database, slug);
    orgId = ctx.org.id;
    const people = await listMembers(database.db, orgId);
    // The owner and vendor filters use a system owner and a vendor that each hold a typical share of systems.
    const ownerEmail = members.find((m) => m.role === 'system_owner')!.email;
    ownerId = people.find((p) => p.email === ownerEmail)!.userId;
    const vendorRows = await database.db.query.vendors.findMany({ where: (v, { eq }) => eq(v.orgId, orgId) });
    vendorId = vendorRows.find((v) => v.name === 'Microsoft')!.id;
    memberIds = people.map((p) => p.userId);
    vendorIds = vendorRows.map((v) => v.id);
    systemIds = (
      await database.db.query.aiSystems.findMany({ columns: { id: true }, where: (t, { eq }) => eq(t.orgId, orgId), limit: 20 })
    ).map((r) => r.id);
  } finally {
    await database.close();
  }

  log('fixture: aims tokens create');
  const tokenRun = await cliOk(store, ['tokens', 'create', '--org', slug, '--role', 'governance_lead', '--name', 'bench']);
  timings.cliTokensCreateMs = tokenRun.ms;
  const token = tokenRun.stdout.trim();
  if (!token.startsWith('aims_')) throw new Error(`unexpected token output: ${token}`);
  return { store, slug, orgId, token, systems: count, ownerId, vendorId, memberIds, vendorIds, systemIds, timings };
}
