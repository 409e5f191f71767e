import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../../src/db/connect.js';
import { DEMO_SLUG } from '../../src/demo/harbour-point.js';
import { seedDemo } from '../../src/demo/seed.js';
import { verifyAuditChains, type VerifyReport } from '../../src/modules/audit-log/service.js';
import { backupTables } from '../../src/modules/backup/tables.js';
import { loadFrameworkCatalog } from '../../src/modules/frameworks/load.js';
import { createOrganization, listAllOrganizations } from '../../src/modules/orgs/service.js';
import { acceptSuggestions, approveSoa } from '../../src/modules/soa/service.js';
import { archiveSystem, createSystem } from '../../src/modules/systems/service.js';
import { createToken, revokeToken } from '../../src/modules/tokens/service.js';
import { startImport } from '../../src/modules/transfer/runs.js';
import { createVendor } from '../../src/modules/vendors/service.js';
import { systemActor, type OrgContext } from '../../src/server/context.js';
import { sha256Hex } from '../../src/lib/secrets.js';
import { pgUrl } from '../support/engines.js';
import { buildSystem, buildVendor } from '../support/factories.js';
import { blankStore, cliOk, describeRun, emptyStore, runCli, type Store } from './cli.js';

/**
 * `aims backup` and `aims restore` as an operator runs them: a PGlite directory with the demo and some history is
 * dumped, restored into PostgreSQL, dumped again, restored into a new PGlite directory and dumped a third time;
 * the three dumps must hold the same rows, and the restored database must behave like the original.
 */

const actor = systemActor('test');

interface Dump {
  header: Record<string, unknown>;
  /** the row lines, exactly as written */
  lines: string[];
  trailer: { end: true; rows: Record<string, number>; sha256: string };
}

function readDump(file: string): Dump {
  const raw = fs.readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  const header = JSON.parse(lines[0] ?? 'null') as Record<string, unknown>;
  const trailer = JSON.parse(lines.at(-1) ?? 'null') as Dump['trailer'];
  expect(header).toMatchObject({ format: 'openaims-backup', version: 1 });
  expect(trailer).toMatchObject({ end: true });
  return { header, lines: lines.slice(1, -1), trailer };
}

/** What a dump says about the data: the header without its time and engine, and every row. */
function content(d: Dump): { header: Record<string, unknown>; rows: Record<string, number>; lines: string[] } {
  const { createdAt: _at, engine: _engine, ...header } = d.header;
  return { header, rows: d.trailer.rows, lines: d.lines };
}

/** Every row of every backed-up table as PostgreSQL prints it (full precision, UTC), in key order. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const keys: Record<string, string> = {
    organizations: 'id',
    users: 'id',
    memberships: 'org_id, user_id',
    api_tokens: 'id',
    vendors: 'id',
    ai_systems: 'id',
    audit_heads: 'org_id',
    audit_log: 'id',
    import_runs: 'id',
    custom_frameworks: 'org_id, id',
    applied_controls: 'id',
    control_requirements: 'control_id, framework, requirement_id',
    control_systems: 'control_id, system_id',
    assessments: 'id',
    assessment_items: 'id',
    remediation_actions: 'id',
    evidence_items: 'id',
    evidence_files: 'id',
    evidence_links: 'evidence_id, target_type, target_key',
    soa_entries: 'org_id, control_ref',
    soa_versions: 'id',
    system_classifications: 'id',
    risk_settings: 'org_id',
    risks: 'id',
    risk_controls: 'risk_id, control_id',
    impact_assessments: 'id',
    impact_assessment_signoffs: 'id',
    datasets: 'id',
    threshold_profiles: 'id',
    assurance_runs: 'id',
    telemetry_settings: 'org_id',
    telemetry_bindings: 'org_id, service_name',
    telemetry_rollups: 'org_id, subject, minute',
    telemetry_metric_rollups: 'org_id, subject, metric, series, minute',
    telemetry_unregistered: 'org_id, service_name, model',
    alert_rules: 'id',
    alerts: 'id',
    notifications: 'id',
    residency_policies: 'org_id',
    vendor_assessments: 'id',
    vendor_contracts: 'id',
    contract_clauses: 'contract_id, clause_key',
    contract_clause_templates: 'org_id, clause_key',
    vendor_attestations: 'id',
    vendor_ai_features: 'id',
    ai_service_entries: 'org_id, catalog_id',
    discovery_runs: 'id',
    discovery_findings: 'org_id, catalog_id',
    discovery_finding_users: 'org_id, catalog_id, user_hash',
  };
  expect(Object.keys(keys).sort()).toEqual(backupTables.map((t) => t.name).sort());
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.execute(sql`set local timezone = 'UTC'`);
    const out: Record<string, string[]> = {};
    for (const [table, key] of Object.entries(keys)) {
      const rows = await queryRows<{ j: string }>(tx, sql.raw(`select row_to_json(t)::text as j from ${table} t order by ${key}`));
      out[table] = rows.map((r) => r.j);
    }
    return out;
  });
}

/** The first few rows that differ between two snapshots, readable in a failure message; empty when they are equal. */
function differences(actual: Record<string, string[]>, expected: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const table of Object.keys(expected)) {
    const a = actual[table] ?? [];
    const e = expected[table] ?? [];
    if (a.length !== e.length) out.push(`${table}: ${a.length} rows instead of ${e.length}`);
    for (let i = 0; i < Math.min(a.length, e.length) && out.length < 4; i++) {
      if (a[i] !== e[i]) out.push(`${table} row ${i + 1}:\n  expected ${e[i]}\n  restored ${a[i]}`);
    }
  }
  return out;
}

async function rowCounts(store: Store): Promise<Record<string, number>> {
  const d = await store.open();
  try {
    const out: Record<string, number> = {};
    for (const t of backupTables) {
      const [row] = await queryRows<{ n: number | string }>(d.db, sql.raw(`select count(*) as n from ${t.name}`));
      out[t.name] = Number(row?.n);
    }
    return out;
  } finally {
    await d.close();
  }
}

async function withOpen<T>(store: Store, work: (db: Db) => Promise<T>): Promise<T> {
  const d = await store.open();
  try {
    return await work(d.db);
  } finally {
    await d.close();
  }
}

/** The demo organisation, plus what the demo lacks: an archived system, a revoked token, import runs, odd text. */
async function buildSource(db: Db): Promise<void> {
  // The demo brings controls, a gap assessment, remediation actions and evidence (with a stored file).
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-test-backup-evidence-'));
  const catalog = loadFrameworkCatalog();
  await seedDemo(db, { catalog, evidenceDir });
  fs.rmSync(evidenceDir, { recursive: true, force: true });
  const [demo] = await queryRows<{ id: string; name: string }>(db, sql`select id, name from organizations where slug = ${DEMO_SLUG}`);
  if (!demo) throw new Error('demo not loaded');
  const ctx: OrgContext = {
    db,
    actor,
    org: { id: demo.id, slug: DEMO_SLUG, name: demo.name },
    role: 'owner',
    requestId: 'req-backup-test',
  };
  const [system] = await queryRows<{ id: string }>(db, sql`select id from ai_systems where org_id = ${demo.id} order by name limit 1`);
  if (!system) throw new Error('demo has no systems');
  await archiveSystem(ctx, system.id);
  const token = await createToken(ctx, { name: 'old pipeline', role: 'contributor' });
  await revokeToken(ctx, token.id);
  await createToken(ctx, { name: 'live pipeline', role: 'viewer', expiresInDays: 30 });
  // An approved, frozen Statement of Applicability.
  await acceptSuggestions(ctx, catalog, { lang: 'zh-HK' });
  await approveSoa(ctx, catalog, { note: 'Approved for the backup test' });

  const csv = (rows: string[][]) => ({ fileName: 'vendors.csv', body: Buffer.from(rows.map((r) => r.join(',')).join('\r\n')) });
  const good = await startImport(ctx, 'vendors', false, async () =>
    csv([
      ['Name', 'Website', 'Products', 'Notes'],
      ['Imported Vendor A', 'https://a.example', 'Alpha', 'first'],
      ['Imported Vendor B', 'https://b.example', 'Beta', '第二'],
    ]),
  );
  expect((await good.finished).state).toBe('done');
  const bad = await startImport(ctx, 'vendors', true, async () =>
    csv([
      ['Name', 'Website'],
      ['', 'not a url'],
    ]),
  );
  expect((await bad.finished).errors.length).toBeGreaterThan(0);

  // A second organisation with text that is easy to mangle: quotes, newlines, CJK, emoji, a backslash.
  const org = await createOrganization(db, actor, { name: 'Second "Org" 第二', slug: 'second' });
  const second: OrgContext = { db, actor, org: { id: org.id, slug: org.slug, name: org.name }, role: 'owner', requestId: null };
  const vendor = await createVendor(
    second,
    buildVendor({ name: 'Vendor\twith tab', notes: 'line 1\nline 2 \\ "quoted" 🤖 個人資料', products: ['a', 'b,c'] }),
  );
  await createSystem(
    second,
    buildSystem({
      name: 'Dated system',
      vendorId: vendor.id,
      nextReviewDate: '2027-02-28',
      tags: ['x', 'ÿ'],
      regionsUsed: ['hong_kong', 'eu'],
    }),
  );
}

describe('backup and restore', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-test-backup-'));
  const file = (name: string) => path.join(tmp, name);
  let source: Store;
  let sourceSnapshot: Record<string, string[]>;
  let sourceReport: VerifyReport;
  const stores: Store[] = [];

  beforeAll(async () => {
    source = await emptyStore('pglite');
    stores.push(source);
    await withOpen(source, async (db) => {
      await buildSource(db);
      sourceSnapshot = await snapshot(db);
      sourceReport = await verifyAuditChains(db);
    });
    expect(sourceReport.ok).toBe(true);
    await cliOk(source.target, ['backup', file('source.jsonl')]);
    await cliOk(source.target, ['backup', file('source.jsonl.gz')]);
  });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.drop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes the same rows to a plain and a gzipped backup, and counts them in the trailer', () => {
    const plain = readDump(file('source.jsonl'));
    const gz = readDump(file('source.jsonl.gz'));
    expect(content(gz)).toEqual(content(plain));
    expect(plain.header).toMatchObject({ engine: 'pglite' });
    const byTable: Record<string, number> = Object.fromEntries(backupTables.map((t) => [t.name, 0]));
    for (const l of plain.lines) {
      const t = (JSON.parse(l) as { t: string }).t;
      byTable[t] = (byTable[t] ?? 0) + 1;
    }
    expect(plain.trailer.rows).toEqual(byTable);
    expect(plain.trailer.rows).toEqual(Object.fromEntries(Object.entries(sourceSnapshot).map(([t, rows]) => [t, rows.length])));
    expect(plain.trailer.rows).toMatchObject({ organizations: 2, api_tokens: 2, import_runs: 2, soa_versions: 1, evidence_files: 1 });
    expect(plain.trailer.rows.assessment_items).toBeGreaterThan(0);
  });

  describe.skipIf(!pgUrl)('across engines (needs PostgreSQL: AIMS_TEST_PG_URL)', () => {
    it('goes PGlite → PostgreSQL → PGlite (gzipped) with identical rows and an intact audit chain', async () => {
      const pgStore = await blankStore('postgres');
      stores.push(pgStore);
      const restored = await cliOk(pgStore.target, ['restore', file('source.jsonl.gz')], { timeoutMs: 20_000 });
      const total = Object.values(sourceSnapshot).reduce((n, rows) => n + rows.length, 0);
      expect(restored.stdout).toContain(`Restored ${total} rows`);
      await cliOk(pgStore.target, ['backup', file('postgres.jsonl.gz')]);
      const final = await emptyStore('pglite');
      stores.push(final);
      await cliOk(final.target, ['restore', file('postgres.jsonl.gz')], { timeoutMs: 20_000 });
      await cliOk(final.target, ['backup', file('final.jsonl')]);

      const [first, second, third] = ['source.jsonl', 'postgres.jsonl.gz', 'final.jsonl'].map((f) => readDump(file(f)));
      expect(second?.header.engine).toBe('postgres');
      expect(third?.header.engine).toBe('pglite');
      expect(content(second!)).toEqual(content(first!));
      expect(content(third!)).toEqual(content(first!));

      // The databases themselves, at full precision.
      expect(differences(await withOpen(pgStore, snapshot), sourceSnapshot)).toEqual([]);
      const [finalSnapshot, finalOrgs] = await withOpen(final, async (db) => [await snapshot(db), await listAllOrganizations(db)] as const);
      expect(differences(finalSnapshot, sourceSnapshot)).toEqual([]);
      expect(finalOrgs).toEqual(await withOpen(source, listAllOrganizations));

      // The hash chain survived the round trip: the CLI verifies it, with as many entries as before.
      const verify = JSON.parse((await cliOk(final.target, ['audit', 'verify', '--json'])).stdout) as VerifyReport;
      expect(verify).toEqual(sourceReport);

      // And the restored databases keep working: new writes extend the chains (serials and heads were restored).
      for (const store of [final, pgStore]) {
        await withOpen(store, async (db) => {
          const [demo] = await queryRows<{ id: string; name: string }>(
            db,
            sql`select id, name from organizations where slug = ${DEMO_SLUG}`,
          );
          const ctx: OrgContext = { db, actor, org: { id: demo!.id, slug: DEMO_SLUG, name: demo!.name }, role: 'owner', requestId: null };
          await createVendor(ctx, buildVendor({ name: 'After the restore' }));
          const report = await verifyAuditChains(db);
          expect(report.ok).toBe(true);
          const before = sourceReport.organisations.find((o) => o.slug === DEMO_SLUG)?.entries ?? 0;
          expect(report.organisations.find((o) => o.slug === DEMO_SLUG)?.entries).toBe(before + 1);
        });
      }
    });

    it('restores the plain (not gzipped) backup into PostgreSQL', async () => {
      // Twice in parallel: the failure this guards against depends on timing.
      const targets = await Promise.all([blankStore('postgres'), blankStore('postgres')]);
      stores.push(...targets);
      const results = await Promise.all(targets.map((t) => runCli(t.target, ['restore', file('source.jsonl')], { timeoutMs: 20_000 })));
      for (const r of results) expect(r.code, describeRun(r)).toBe(0);
      for (const t of targets) expect(differences(await withOpen(t, snapshot), sourceSnapshot)).toEqual([]);
    });

    it('restores rows written by PostgreSQL into PGlite without changing them', async () => {
      const pgSource = await emptyStore('postgres');
      const target = await emptyStore('pglite');
      stores.push(pgSource, target);
      const expected = await withOpen(pgSource, async (db) => {
        await seedDemo(db);
        return snapshot(db);
      });
      await cliOk(pgSource.target, ['backup', file('native-postgres.jsonl.gz')]);
      await cliOk(target.target, ['restore', file('native-postgres.jsonl.gz')], { timeoutMs: 30_000 });
      // PostgreSQL keeps microseconds in now(); a restore must give back the same instants, not truncated ones.
      expect(differences(await withOpen(target, snapshot), expected)).toEqual([]);
    });
  });

  describe('refuses what it cannot restore, and changes nothing', () => {
    it('refuses a database that is not empty', async () => {
      const target = await source.copy();
      stores.push(target);
      const r = await runCli(target.target, ['restore', file('source.jsonl')]);
      expect(r.code, describeRun(r)).toBe(1);
      expect(r.stderr).toMatch(/not empty/);
      expect(differences(await withOpen(target, snapshot), sourceSnapshot)).toEqual([]);
    });

    it('refuses damaged, edited and foreign files and leaves the target empty', async () => {
      const plain = fs.readFileSync(file('source.jsonl'), 'utf8');
      const lines = plain.trimEnd().split('\n');
      const gz = fs.readFileSync(file('source.jsonl.gz'));
      // One value changed in one row: the demo organisation's name.
      const edited = plain.replace('"name":"Harbour Point Advisory (demo)"', '"name":"Harbour Point Advisory (dem0)"');
      expect(edited).not.toBe(plain);
      fs.writeFileSync(file('cut-trailer.jsonl'), `${lines.slice(0, -1).join('\n')}\n`);
      fs.writeFileSync(file('cut.jsonl.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
      fs.writeFileSync(file('edited.jsonl'), edited);
      fs.writeFileSync(file('vendors.csv'), 'Name,Website\r\nAcme,https://acme.example\r\n');

      const cases: [string, RegExp][] = [
        ['cut-trailer.jsonl', /incomplete|cut short/],
        ['cut.jsonl.gz', /incomplete|damaged|cut short|end of file/],
        ['edited.jsonl', /altered|checksum/],
        ['vendors.csv', /not an OpenAIMS backup|damaged/],
      ];
      // Two empty targets, each taking every other file in turn. A refused restore must leave its target empty, or the
      // next file on the same target would be refused for another reason ("not empty"); the counts are checked at the end.
      const targets = await Promise.all([emptyStore('pglite'), emptyStore('pglite')]);
      stores.push(...targets);
      await Promise.all(
        targets.map(async (target, t) => {
          for (const [name, message] of cases.filter((_, i) => i % 2 === t)) {
            const r = await runCli(target.target, ['restore', file(name)], { timeoutMs: 30_000 });
            expect(r.code, `${name}: ${describeRun(r)}`).toBe(1);
            expect(r.stderr, name).toMatch(message);
          }
        }),
      );
      const empty = Object.fromEntries(backupTables.map((t) => [t.name, 0]));
      for (const target of targets) expect(await rowCounts(target)).toEqual(empty);
    });

    it('restores a backup whose checksum was forged after an audit entry was edited, and audit verify catches the edit', async () => {
      const plain = fs.readFileSync(file('source.jsonl'), 'utf8');
      const lines = plain.trimEnd().split('\n');
      // Rewrite the `after` of the demo's fifth audit entry and recompute the trailer, as a careful forger would.
      const parsed = lines.map((l) => JSON.parse(l) as { t?: string; r?: Record<string, unknown> });
      const demoId = parsed.find((v) => v.t === 'organizations' && v.r?.slug === DEMO_SLUG)?.r?.id;
      const index = parsed.findIndex((v) => v.t === 'audit_log' && v.r?.orgId === demoId && v.r?.seq === 5);
      expect(index).toBeGreaterThan(0);
      const row = JSON.parse(lines[index]!) as { t: string; r: { id: number; after: Record<string, unknown> } };
      row.r.after = { ...row.r.after, forged: true };
      lines[index] = JSON.stringify(row);
      const body = lines.slice(0, -1).map((l) => `${l}\n`);
      const trailer = JSON.parse(lines.at(-1)!) as Dump['trailer'];
      trailer.sha256 = sha256Hex(body.join(''));
      fs.writeFileSync(file('forged.jsonl'), `${body.join('')}${JSON.stringify(trailer)}\n`);

      const target = await emptyStore('pglite');
      stores.push(target);
      await cliOk(target.target, ['restore', file('forged.jsonl')]);
      const r = await runCli(target.target, ['audit', 'verify', '--org', DEMO_SLUG]);
      expect(r.code, describeRun(r)).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^${DEMO_SLUG}: BROKEN at entry 5 \\(row id ${row.r.id}\\): entry 5 was altered`, 'm'));
    });
  });
});
