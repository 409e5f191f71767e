import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../../src/db/connect.js';
import { entryHash } from '../../src/modules/audit-log/chain.js';
import { appendAudit, type AuditEvent, type VerifyReport } from '../../src/modules/audit-log/service.js';
import { createOrganization } from '../../src/modules/orgs/service.js';
import { archiveSystem, createSystem, updateSystem } from '../../src/modules/systems/service.js';
import { createToken, revokeToken } from '../../src/modules/tokens/service.js';
import { createUser } from '../../src/modules/users/service.js';
import { createVendor, updateVendor } from '../../src/modules/vendors/service.js';
import { systemActor, type OrgContext } from '../../src/server/context.js';
import { engines } from '../support/engines.js';
import { buildSystem, buildVendor, PASSWORD } from '../support/factories.js';
import { cliOk, describeRun, emptyStore, runCli, type CliResult, type Store } from './cli.js';

/**
 * `aims audit verify` against real tampering: rows of audit_log altered, deleted and reordered with SQL, the way
 * someone with database access would. Every case tampers with its own untouched copy of the same history (one
 * organisation per case, so that one `audit verify` run checks them all and no case can hide another), and the
 * command must exit non-zero and name each case's first bad entry, in text and in JSON.
 */

const actor = systemActor('test');

async function orgContext(db: Db, slug: string): Promise<OrgContext> {
  const org = await createOrganization(db, actor, { name: `Org ${slug}`, slug });
  return { db, actor, org: { id: org.id, slug: org.slug, name: org.name }, role: 'owner', requestId: null };
}

/** The history every organisation starts with, written through the services; the comments give each entry's seq. */
async function buildHistory(db: Db, slug: string): Promise<void> {
  const ctx = await orgContext(db, slug); // 1 org.create
  const owner = await createUser(db, actor, { email: `owner@${slug}.test`, password: PASSWORD, orgSlug: slug, role: 'owner' }); // 2
  await createUser(db, actor, { email: `helper@${slug}.test`, password: PASSWORD, orgSlug: slug, role: 'contributor' }); // 3
  const token = await createToken(ctx, { name: 'ci', role: 'viewer' }); // 4 token.create
  const v1 = await createVendor(ctx, buildVendor({ name: 'Vendor One' })); // 5 vendor.create
  await createVendor(ctx, buildVendor({ name: 'Vendor Two' })); // 6 vendor.create
  const s1 = await createSystem(ctx, buildSystem({ name: 'Claims triage', vendorId: v1.id, accountableOwnerId: owner.userId })); // 7
  const s2 = await createSystem(ctx, buildSystem({ name: 'Chat assistant' })); // 8 system.create
  await updateSystem(ctx, s1.id, { lifecycleStage: 'production', version: 1 }); // 9 system.update
  await archiveSystem(ctx, s2.id); // 10 system.archive
  await revokeToken(ctx, token.id); // 11 token.revoke
  await updateVendor(ctx, v1.id, { notes: '契約已續期 — renewed', version: 1 }); // 12 vendor.update
}

const HISTORY = [
  'org.create',
  'member.add',
  'member.add',
  'token.create',
  'vendor.create',
  'vendor.create',
  'system.create',
  'system.create',
  'system.update',
  'system.archive',
  'token.revoke',
  'vendor.update',
];

async function expectHistory(db: Db, slug: string): Promise<void> {
  const rows = await queryRows<{ seq: number | string; action: string }>(
    db,
    sql`select a.seq, a.action from audit_log a join organizations o on o.id = a.org_id where o.slug = ${slug} order by a.seq`,
  );
  expect(rows.map((r) => [Number(r.seq), r.action])).toEqual(HISTORY.map((a, i) => [i + 1, a]));
}

async function orgId(db: Db, slug: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(db, sql`select id from organizations where slug = ${slug}`);
  if (!row) throw new Error(`no organisation ${slug}`);
  return row.id;
}

async function rowId(db: Db, org: string, seq: number): Promise<number> {
  const [row] = await queryRows<{ id: number | string }>(db, sql`select id from audit_log where org_id = ${org} and seq = ${seq}`);
  if (!row) throw new Error(`no entry ${seq}`);
  return Number(row.id);
}

function parseReport(r: CliResult): VerifyReport {
  try {
    return JSON.parse(r.stdout) as VerifyReport;
  } catch {
    throw new Error(`--json did not print JSON: ${describeRun(r)}`);
  }
}

interface Case {
  slug: string;
  title: string;
  /** the first bad entry `audit verify` must name */
  seq: number;
  reason: RegExp;
  /** tampers with the organisation's chain; returns the row id of the first bad entry when that row still exists */
  tamper(db: Db, org: string): Promise<number | null>;
}

const cases: Case[] = [
  {
    slug: 'a-after-altered',
    title: '(a) an altered "after" snapshot',
    seq: 7,
    reason: /entry 7 was altered/,
    async tamper(db, org) {
      await db.execute(sql`update audit_log set after = jsonb_set(after, '{name}', '"Harmless system"') where org_id = ${org} and seq = 7`);
      return rowId(db, org, 7);
    },
  },
  {
    slug: 'b-action-altered',
    title: '(b) an altered action',
    seq: 3,
    reason: /entry 3 was altered/,
    async tamper(db, org) {
      await db.execute(sql`update audit_log set action = 'member.view' where org_id = ${org} and seq = 3`);
      return rowId(db, org, 3);
    },
  },
  {
    slug: 'c-middle-deleted',
    title: '(c) a deleted entry in the middle',
    seq: 6,
    reason: /entry 6 is missing/,
    async tamper(db, org) {
      await db.execute(sql`delete from audit_log where org_id = ${org} and seq = 6`);
      return null;
    },
  },
  {
    slug: 'd-newest-deleted',
    title: '(d) a deleted newest entry (the head still says 12)',
    seq: 12,
    reason: /entries 12–12 are missing/,
    async tamper(db, org) {
      await db.execute(sql`delete from audit_log where org_id = ${org} and seq = 12`);
      return null;
    },
  },
  {
    slug: 'e-seq-swapped',
    title: '(e) two entries whose seq values were swapped',
    seq: 4,
    reason: /entry 4 does not link to entry 3/,
    async tamper(db, org) {
      const moved = await rowId(db, org, 9);
      // (org_id, seq) is unique: park one row on a temporary seq.
      await db.execute(sql`update audit_log set seq = -1 where org_id = ${org} and seq = 4`);
      await db.execute(sql`update audit_log set seq = 4 where org_id = ${org} and seq = 9`);
      await db.execute(sql`update audit_log set seq = 9 where org_id = ${org} and seq = -1`);
      return moved; // entry 9's row now sits at seq 4
    },
  },
  {
    slug: 'e-content-swapped',
    title: '(e) two entries whose content was swapped',
    seq: 5,
    reason: /entry 5 was altered/,
    async tamper(db, org) {
      await db.execute(sql`
        update audit_log a set at = b.at, actor_type = b.actor_type, actor_id = b.actor_id, actor_label = b.actor_label,
          action = b.action, entity_type = b.entity_type, entity_id = b.entity_id, before = b.before, after = b.after,
          request_id = b.request_id
        from audit_log b
        where a.org_id = ${org} and b.org_id = ${org} and ((a.seq = 5 and b.seq = 6) or (a.seq = 6 and b.seq = 5))`);
      const [moved] = await queryRows<{ n: number | string }>(
        db,
        sql`select count(*) as n from audit_log where org_id = ${org} and seq = 5 and after->>'name' = 'Vendor Two'`,
      );
      expect(Number(moved?.n)).toBe(1);
      return rowId(db, org, 5);
    },
  },
  {
    slug: 'g-entry-forged',
    title: 'a forged entry appended with a valid hash (the head was not moved)',
    seq: 13,
    reason: /head stops at 12/,
    async tamper(db, org) {
      // A copy of entry 12 as entry 13, linked to 12 and hashed exactly as the product hashes.
      const [last] = await queryRows<Record<string, unknown>>(db, sql`select * from audit_log where org_id = ${org} and seq = 12`);
      if (!last) throw new Error('entry 12 missing');
      const fields = {
        orgId: org,
        seq: 13,
        at: new Date(last.at as Date | string),
        actorType: String(last.actor_type),
        actorId: last.actor_id as string | null,
        actorLabel: String(last.actor_label),
        action: 'vendor.delete',
        entityType: String(last.entity_type),
        entityId: last.entity_id as string | null,
        before: last.after,
        after: null,
        requestId: null,
      };
      const prev = String(last.hash);
      await db.execute(sql`
        insert into audit_log (org_id, seq, at, actor_type, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
        values (${org}, 13, ${fields.at.toISOString()}, ${fields.actorType}, ${fields.actorId}, ${fields.actorLabel}, ${fields.action},
          ${fields.entityType}, ${fields.entityId}, ${JSON.stringify(fields.before)}::jsonb, null, null, ${prev}, ${entryHash(prev, fields)})`);
      return null;
    },
  },
  {
    slug: 'h-head-altered',
    title: 'a head whose hash was changed',
    seq: 12,
    reason: /does not match the chain head/,
    async tamper(db, org) {
      await db.execute(sql`update audit_heads set hash = ${'f'.repeat(64)} where org_id = ${org}`);
      return null;
    },
  },
];

/**
 * `audit verify` and `audit verify --json` (plus any further argument lists) on one database, in parallel: on
 * PGlite each run gets its own copy of the directory, since a directory has one opener at a time.
 */
async function verifyRuns(store: Store, argLists: string[][]): Promise<CliResult[]> {
  const copies = store.engine === 'pglite' ? await Promise.all(argLists.slice(1).map(() => store.copy())) : [];
  try {
    const targets = [store, ...(copies.length ? copies : argLists.slice(1).map(() => store))];
    return await Promise.all(argLists.map((args, i) => runCli(targets[i]!.target, ['audit', 'verify', ...args])));
  } finally {
    await Promise.all(copies.map((c) => c.drop()));
  }
}

function lineOf(text: CliResult, slug: string): string {
  const line = text.stdout.split('\n').find((l) => l.startsWith(`${slug}: `));
  if (!line) throw new Error(`no line for ${slug}: ${describeRun(text)}`);
  return line;
}

describe.each(engines)('audit verify on %s', (engine) => {
  let base: Store;
  let tampered: Store;
  const rowIds = new Map<string, number | null>();
  let text: CliResult;
  let json: CliResult;

  beforeAll(async () => {
    base = await emptyStore(engine);
    await withOpen(base, async (db) => {
      for (const slug of ['alpha', 'beta', 'gamma']) await buildHistory(db, slug);
      for (const slug of ['alpha', 'beta', 'gamma']) await expectHistory(db, slug);
    });
    // One organisation per case, each with its own copy of the history, and one left alone.
    tampered = await emptyStore(engine);
    await withOpen(tampered, async (db) => {
      for (const c of [...cases.map((c) => c.slug), 'untouched']) await buildHistory(db, c);
      for (const c of cases) {
        await expectHistory(db, c.slug);
        rowIds.set(c.slug, await c.tamper(db, await orgId(db, c.slug)));
      }
    });
    const runs = await verifyRuns(tampered, [[], ['--json']]);
    text = runs[0]!;
    json = runs[1]!;
  });
  afterAll(async () => {
    await base?.drop();
    await tampered?.drop();
  });

  it('reports untouched histories as ok, in text and in JSON', async () => {
    const [plain, report] = await verifyRuns(base, [[], ['--json', '--org', 'beta']]);
    expect(plain!.code, describeRun(plain!)).toBe(0);
    expect(plain!.stdout.trim().split('\n')).toEqual(['alpha: ok, 12 entries', 'beta: ok, 12 entries', 'gamma: ok, 12 entries']);
    expect(report!.code, describeRun(report!)).toBe(0);
    expect(parseReport(report!)).toEqual({ ok: true, organisations: [{ slug: 'beta', entries: 12, firstBreak: null }] });
  });

  it('exits 1 when any chain is broken, and reports every organisation', () => {
    expect(text.code, describeRun(text)).toBe(1);
    expect(json.code, describeRun(json)).toBe(1);
    const report = parseReport(json);
    expect(report.ok).toBe(false);
    expect(report.organisations.map((o) => o.slug)).toEqual([...cases.map((c) => c.slug), 'untouched'].sort());
    expect(lineOf(text, 'untouched')).toBe('untouched: ok, 12 entries');
    expect(report.organisations.find((o) => o.slug === 'untouched')).toEqual({ slug: 'untouched', entries: 12, firstBreak: null });
  });

  it.each(cases)('catches $title', (c) => {
    const id = rowIds.get(c.slug) ?? null;
    const line = lineOf(text, c.slug);
    expect(line).toMatch(new RegExp(`^${c.slug}: BROKEN at entry ${c.seq}${id === null ? ':' : ` \\(row id ${id}\\):`}`));
    expect(line).toMatch(c.reason);
    const org = parseReport(json).organisations.find((o) => o.slug === c.slug);
    expect(org?.firstBreak, describeRun(json)).toMatchObject({ seq: c.seq, id });
  });

  it('(f) names the organisation whose chain was tampered with, and only that one', async () => {
    const copy = await base.copy();
    try {
      const id = await withOpen(copy, async (db) => {
        const org = await orgId(db, 'beta');
        await db.execute(sql`update audit_log set after = jsonb_set(after, '{name}', '"Someone else"') where org_id = ${org} and seq = 5`);
        return rowId(db, org, 5);
      });
      const [t, j, alphaOnly] = await verifyRuns(copy, [[], ['--json'], ['--org', 'alpha']]);
      expect(t!.code, describeRun(t!)).toBe(1);
      expect(t!.stdout.trim().split('\n')).toEqual([
        'alpha: ok, 12 entries',
        `beta: BROKEN at entry 5 (row id ${id}): entry 5 was altered: its content no longer matches its hash`,
        'gamma: ok, 12 entries',
      ]);
      expect(j!.code, describeRun(j!)).toBe(1);
      const report = parseReport(j!);
      expect(report.ok).toBe(false);
      expect(report.organisations.map((o) => [o.slug, o.firstBreak?.seq ?? null, o.firstBreak?.id ?? null])).toEqual([
        ['alpha', null, null],
        ['beta', 5, id],
        ['gamma', null, null],
      ]);
      // Verifying only another organisation succeeds.
      expect(alphaOnly!.code, describeRun(alphaOnly!)).toBe(0);
      expect(alphaOnly!.stdout.trim()).toBe('alpha: ok, 12 entries');
    } finally {
      await copy.drop();
    }
  });

  it('refuses to verify an organisation that does not exist, instead of reporting success', async () => {
    const r = await runCli(base.target, ['audit', 'verify', '--org', 'no-such-org']);
    expect(r.code, describeRun(r)).not.toBe(0);
    expect(r.stderr).toMatch(/no-such-org/);
  });
});

async function withOpen<T>(store: Store, work: (db: Db) => Promise<T>): Promise<T> {
  const d = await store.open();
  try {
    return await work(d.db);
  } finally {
    await d.close();
  }
}

describe.each(engines)('audit verify of a long chain on %s', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await emptyStore(engine);
    const d = await store.open();
    try {
      const ctx = await orgContext(d.db, 'long'); // entry 1
      // 4999 more entries in five transactions, through the same append path as every write.
      for (let batch = 0; batch < 5; batch++) {
        const size = batch === 0 ? 999 : 1000;
        const events: AuditEvent[] = Array.from({ length: size }, (_, i) => ({
          action: 'vendor.update',
          entityType: 'vendor',
          entityId: `v-${batch}-${i}`,
          before: { notes: `before ${batch}.${i}`, list: [1, 2, 3] },
          after: { notes: `after ${batch}.${i}`, nested: { z: 1, a: '二' } },
        }));
        await d.db.transaction((tx) => appendAudit(tx as unknown as Db, { orgId: ctx.org.id, actor, requestId: `req-${batch}` }, events));
      }
    } finally {
      await d.close();
    }
  });
  afterAll(async () => store?.drop());

  it('verifies 5000 entries, then finds one altered entry deep in the chain', async () => {
    const ok = parseReport(await cliOk(store.target, ['audit', 'verify', '--json']));
    expect(ok).toEqual({ ok: true, organisations: [{ slug: 'long', entries: 5000, firstBreak: null }] });

    const d = await store.open();
    try {
      await d.db.execute(sql`update audit_log set before = '{"notes": "nothing to see"}' where seq = 4321`);
    } finally {
      await d.close();
    }
    const broken = await runCli(store.target, ['audit', 'verify']);
    expect(broken.code, describeRun(broken)).toBe(1);
    expect(broken.stdout).toMatch(/^long: BROKEN at entry 4321 \(row id \d+\): entry 4321 was altered/m);
  });
});
