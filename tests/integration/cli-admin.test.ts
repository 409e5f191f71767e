import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, it, type ExpectStatic } from 'vitest';
import { apiTokens } from '../../src/db/schema.js';
import { openDatabase, queryRows, type Database, type Db, type Engine } from '../../src/db/connect.js';
import { sha256Hex } from '../../src/lib/secrets.js';
import { createOrganization } from '../../src/modules/orgs/service.js';
import type { CreatedToken } from '../../src/modules/tokens/schema.js';
import { createUser } from '../../src/modules/users/service.js';
import { buildApp } from '../../src/server/app.js';
import { systemActor } from '../../src/server/context.js';
import type { App } from '../../src/server/types.js';
import { createPgDatabase, engines, freshDataDir } from '../support/engines.js';
import { buildSystem, PASSWORD } from '../support/factories.js';
import { bearer, signIn } from '../support/harness.js';
import { csvFile, readCsvGrid, xlsxFile } from './spreadsheets.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(root, 'bin/aims.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Where a CLI process and the in-process checks find the database. */
interface Target {
  flags: string[];
  open(): Promise<Database>;
  drop(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
/** Each test runs a dozen CLI processes; on a busy two-core machine that can take a while. */
const CLI_TEST_TIMEOUT = 150_000;
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => undefined);
});

async function newTarget(engine: Engine): Promise<Target> {
  let target: Target;
  if (engine === 'pglite') {
    const dir = freshDataDir();
    target = {
      flags: ['--data-dir', dir],
      open: () => openDatabase({ dataDir: dir }),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  } else {
    const { url, drop } = await createPgDatabase();
    target = { flags: ['--database-url', url], open: () => openDatabase({ dataDir: '', databaseUrl: url }), drop };
  }
  cleanups.push(() => target.drop());
  return target;
}

/** Runs `aims` as a user would, in its own process, with no database settings from the environment. */
function aims(target: Target, args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, AIMS_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.AIMS_DATA_DIR;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...target.flags, ...args], { cwd: root, env, timeout: 90_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The database in this process, for a moment; a PGlite directory must be closed before the next CLI run. */
async function withDb<T>(target: Target, work: (db: Db) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

async function withApp<T>(target: Target, work: (app: App, db: Db) => Promise<T>): Promise<T> {
  const database = await target.open();
  const app = await buildApp({ database, logLevel: 'silent', serveWeb: false });
  try {
    await app.ready();
    return await work(app, database.db);
  } finally {
    await app.close();
    await database.close();
  }
}

async function counts(db: Db): Promise<Record<string, number>> {
  const tables = ['organizations', 'users', 'memberships', 'api_tokens', 'audit_log', 'ai_systems', 'vendors', 'import_runs'];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`));
    out[table] = Number(row?.n);
  }
  return out;
}

function tmpFile(name: string, body: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-cli-files-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return file;
}

function ok(expect: ExpectStatic, r: CliResult, what: string): void {
  expect(r.code, `${what}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
}

// The three groups use separate databases, so they (and the engines) run side by side: each CLI run costs seconds.
describe.concurrent.each(engines)('the aims CLI on %s', (engine) => {
  it(
    'creates organisations, accounts in several organisations and API tokens that work, hashed, revocable and expiring',
    async ({ expect }) => {
      const target = await newTarget(engine);

      ok(expect, await aims(target, ['orgs', 'create', '--name', 'Acme Holdings', '--slug', 'acme']), 'orgs create acme');
      const beta = await aims(target, ['orgs', 'create', '--name', 'Beta Partners', '--slug', 'beta', '--json']);
      ok(expect, beta, 'orgs create beta');
      expect(JSON.parse(beta.stdout)).toMatchObject({ slug: 'beta', name: 'Beta Partners', isDemo: false });
      const list = await aims(target, ['orgs', 'list', '--json']);
      ok(expect, list, 'orgs list');
      const orgs = JSON.parse(list.stdout) as { slug: string; name: string }[];
      expect(orgs.map((o) => [o.slug, o.name]).sort()).toEqual([
        ['acme', 'Acme Holdings'],
        ['beta', 'Beta Partners'],
      ]);

      const created = await aims(target, [
        'users',
        'create',
        '--email',
        'Lee.Ka@acme.test',
        '--password',
        'first-password-1',
        '--org',
        'acme',
        '--role',
        'owner',
        '--name',
        'Lee Ka Fai',
      ]);
      ok(expect, created, 'users create');
      expect(created.stdout).toMatch(/Created lee\.ka@acme\.test as owner in acme/i);
      const added = await aims(target, [
        'users',
        'create',
        '--email',
        'lee.ka@acme.test',
        '--password',
        'second-password-2',
        '--org',
        'beta',
        '--role',
        'auditor',
        '--json',
      ]);
      ok(expect, added, 'users create (existing account)');
      expect(JSON.parse(added.stdout)).toMatchObject({ created: false, org: 'beta', role: 'auditor' });

      const ci = await aims(target, ['tokens', 'create', '--org', 'acme', '--role', 'contributor', '--name', 'ci pipeline']);
      ok(expect, ci, 'tokens create');
      const token = ci.stdout.trim();
      expect(token).toMatch(/^aims_[A-Za-z0-9_-]{20,}$/);
      expect(ci.stderr).toMatch(/not shown again/);
      const expiring = await aims(target, [
        'tokens',
        'create',
        '--org',
        'acme',
        '--role',
        'viewer',
        '--name',
        'expiring',
        '--days',
        '1',
        '--json',
      ]);
      ok(expect, expiring, 'tokens create --json');
      const viewer = JSON.parse(expiring.stdout) as CreatedToken;
      expect(viewer).toMatchObject({ role: 'viewer', name: 'expiring', revokedAt: null });
      expect(Math.abs(Date.parse(viewer.expiresAt) - (Date.now() + 86_400_000))).toBeLessThan(10 * 60_000);

      await withApp(target, async (app, db) => {
        // The account is in both organisations and keeps its first password.
        const session = await signIn(app, 'lee.ka@acme.test', 'first-password-1');
        const mine = (await app.inject({ method: 'GET', url: '/api/v1/orgs', headers: session })).json<{
          items: { slug: string; role: string }[];
        }>();
        expect(mine.items.map((o) => [o.slug, o.role]).sort()).toEqual([
          ['acme', 'owner'],
          ['beta', 'auditor'],
        ]);
        expect((await app.inject({ method: 'GET', url: '/api/v1/orgs/beta/systems', headers: session })).statusCode).toBe(200);
        const second = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'lee.ka@acme.test', password: 'second-password-2' },
        });
        expect(second.statusCode).toBe(401);

        // The token acts in its organisation with its role's rights, and nowhere else.
        const auth = bearer(token);
        expect((await app.inject({ method: 'GET', url: '/api/v1/orgs/acme/systems', headers: auth })).statusCode).toBe(200);
        expect(
          (await app.inject({ method: 'POST', url: '/api/v1/orgs/acme/systems', headers: auth, payload: buildSystem() })).statusCode,
        ).toBe(201);
        expect((await app.inject({ method: 'GET', url: '/api/v1/orgs/acme/tokens', headers: auth })).statusCode).toBe(403);
        expect((await app.inject({ method: 'GET', url: '/api/v1/orgs/acme/audit-log', headers: auth })).statusCode).toBe(403);
        expect((await app.inject({ method: 'GET', url: '/api/v1/orgs/beta/systems', headers: auth })).statusCode).toBe(404);
        const reach = (await app.inject({ method: 'GET', url: '/api/v1/orgs', headers: auth })).json<{
          items: { slug: string; role: string }[];
        }>();
        expect(reach.items.map((o) => [o.slug, o.role])).toEqual([['acme', 'contributor']]);
        expect((await app.inject({ method: 'GET', url: '/api/v1/orgs/acme/systems', headers: bearer(viewer.token) })).statusCode).toBe(200);
        expect(
          (await app.inject({ method: 'POST', url: '/api/v1/orgs/acme/systems', headers: bearer(viewer.token), payload: buildSystem() }))
            .statusCode,
        ).toBe(403);

        // Only the SHA-256 of a token is stored, and the token itself appears nowhere in the database.
        const [row] = await db.select().from(apiTokens).where(eq(apiTokens.name, 'ci pipeline'));
        expect(row?.tokenHash).toBe(sha256Hex(token));
        expect(row?.role).toBe('contributor');
        expect(token.startsWith(row!.prefix)).toBe(true);
        expect(row!.prefix.length).toBeLessThan(token.length / 2);
        const find = async (table: string, text: string): Promise<number> => {
          const query = sql`select count(*)::int as n from ${sql.raw(table)} t where strpos(t::text, ${text}) > 0`;
          return Number((await queryRows<{ n: number }>(db, query))[0]?.n);
        };
        expect(await find('api_tokens', sha256Hex(token)), 'the search finds the hash').toBe(1);
        for (const table of ['api_tokens', 'audit_log']) expect(await find(table, token), `token text in ${table}`).toBe(0);

        // The token is shown once: listing the tokens never shows it again.
        const listed = await app.inject({ method: 'GET', url: '/api/v1/orgs/acme/tokens', headers: session });
        expect(listed.statusCode).toBe(200);
        expect(
          listed
            .json<{ items: { name: string }[] }>()
            .items.map((i) => i.name)
            .sort(),
        ).toEqual(['ci pipeline', 'expiring']);
        expect(listed.body).not.toContain(token);
        expect(listed.body).not.toContain(viewer.token);

        // Revoked through the API by an owner: refused afterwards.
        const revoked = await app.inject({ method: 'POST', url: `/api/v1/orgs/acme/tokens/${row!.id}/revoke`, headers: session });
        expect(revoked.statusCode, revoked.body).toBe(200);
        expect(revoked.json<{ revokedAt: string | null }>().revokedAt).not.toBeNull();
        const afterRevoke = await app.inject({ method: 'GET', url: '/api/v1/orgs/acme/systems', headers: auth });
        expect(afterRevoke.statusCode).toBe(401);
        expect(afterRevoke.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');

        // Expired: refused too.
        await db
          .update(apiTokens)
          .set({ expiresAt: new Date(Date.now() - 60_000) })
          .where(and(eq(apiTokens.name, 'expiring'), eq(apiTokens.role, 'viewer')));
        expect((await app.inject({ method: 'GET', url: '/api/v1/orgs/acme/systems', headers: bearer(viewer.token) })).statusCode).toBe(401);
      });

      // Sign-in is limited to 10 attempts a minute for an address and account.
      await withApp(target, async (app, db) => {
        await createUser(db, systemActor('test'), { email: 'colleague@acme.test', password: PASSWORD, orgSlug: 'acme', role: 'viewer' });
        const attempt = (email: string, password: string) =>
          app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
        for (let i = 1; i <= 10; i++)
          expect((await attempt('lee.ka@acme.test', `wrong-password-${i}`)).statusCode, `attempt ${i}`).toBe(401);
        const eleventh = await attempt('lee.ka@acme.test', 'wrong-password-11');
        expect(eleventh.statusCode).toBe(429);
        expect(eleventh.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
        expect((await attempt('lee.ka@acme.test', 'first-password-1')).statusCode).toBe(429);
        // A colleague signing in from the same address is not locked out by someone guessing Lee's password.
        expect((await attempt('colleague@acme.test', PASSWORD)).statusCode).toBe(200);
      });
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    'imports and exports from the command line: dry runs check and write nothing, real runs write',
    async ({ expect }) => {
      const target = await newTarget(engine);
      await withDb(target, async (db) => {
        await createOrganization(db, systemActor('test'), { name: 'Acme Holdings', slug: 'acme' });
        await createUser(db, systemActor('test'), {
          email: 'mei.chan@acme.test',
          password: PASSWORD,
          orgSlug: 'acme',
          role: 'system_owner',
          displayName: 'Chan Tai Man',
        });
      });
      const headers = [
        'Name',
        'Purpose and intended use',
        'Type',
        'Hosting',
        'Decision role',
        'Human oversight',
        'Accountable owner',
        'Vendor',
      ];
      const vendors = tmpFile(
        'vendors.xlsx',
        await xlsxFile([
          ['名稱', '網站', '產品'],
          ['Acme AI', 'https://acme.example', 'Assist、Scan'],
          ['Globex', '', ''],
        ]),
      );
      const bad = tmpFile(
        'bad systems.csv',
        csvFile([
          headers,
          ['Fine', 'Purpose', 'Agent', 'Cloud', 'Informs a human decision', 'Human-in-the-loop', 'mei.chan@acme.test', 'Acme AI'],
          ['Wrong type', 'Purpose', 'Robot', 'Cloud', 'Informs a human decision', 'Human-in-the-loop', '', ''],
          ['Unknown vendor', 'Purpose', 'Agent', 'Cloud', 'Informs a human decision', 'Human-in-the-loop', '', 'Initech'],
        ]),
      );
      const good = tmpFile(
        'systems.csv',
        csvFile([
          headers,
          [
            'CLI chatbot',
            'Answers customers',
            '具人工智能功能的供應商 SaaS',
            '供應商託管',
            '建議決策',
            '人在環內',
            'Chan Tai Man',
            'acme ai',
          ],
          [
            'CLI scorer',
            'Scores leads',
            'In-house model',
            'On-premises',
            'Decides automatically',
            'Human-on-the-loop',
            'MEI.CHAN@acme.test',
            'GLOBEX',
          ],
        ]),
      );

      const v = await aims(target, ['import', 'vendors', vendors, '--org', 'acme']);
      ok(expect, v, 'import vendors');
      expect(v.stdout).toMatch(/Imported 2 vendors/);

      const dryBad = await aims(target, ['import', 'systems', bad, '--org', 'acme', '--dry-run']);
      expect(dryBad.code, dryBad.stderr).toBe(1);
      const report = dryBad.stdout + dryBad.stderr;
      expect(report).toMatch(/\b3\s+Type\s+"Robot"/);
      expect(report).toMatch(/\b4\s+Vendor\s+.*Initech/);
      expect(dryBad.stderr).toMatch(/2 error\(s\) in 3 rows; nothing was written/);

      const dryGood = await aims(target, ['import', 'systems', good, '--org', 'acme', '--dry-run']);
      ok(expect, dryGood, 'import --dry-run of a good file');
      expect(dryGood.stdout).toMatch(/Dry run: all 2 rows are valid; nothing was written/);

      const real = await aims(target, ['import', 'systems', good, '--org', 'acme']);
      ok(expect, real, 'import systems');
      expect(real.stdout).toMatch(/Imported 2 systems/);

      const out = path.join(path.dirname(good), 'vendors-out.csv');
      const exported = await aims(target, ['export', 'vendors', '--org', 'acme', '--format', 'csv', '--out', out]);
      ok(expect, exported, 'export vendors');
      const grid = readCsvGrid(fs.readFileSync(out));
      expect(grid[0]?.slice(0, 3)).toEqual(['Name', 'Website', 'Products']);
      expect(grid.slice(1).map((r) => r.slice(0, 3))).toEqual([
        ['Acme AI', 'https://acme.example', 'Assist; Scan'],
        ['Globex', '', ''],
      ]);

      await withDb(target, async (db) => {
        // Two systems: the dry runs wrote nothing, the real run wrote both, with their audit entries.
        const systems = await queryRows<{ name: string; source: string; vendor: string; owner: string }>(
          db,
          sql`select s.name, s.source, v.name as vendor, u.email as owner from ai_systems s join vendors v on v.id = s.vendor_id join users u on u.id = s.accountable_owner_id order by s.name`,
        );
        expect(systems).toEqual([
          { name: 'CLI chatbot', source: 'import', vendor: 'Acme AI', owner: 'mei.chan@acme.test' },
          { name: 'CLI scorer', source: 'import', vendor: 'Globex', owner: 'mei.chan@acme.test' },
        ]);
        const actions = await queryRows<{ action: string; n: number }>(
          db,
          sql`select action, count(*)::int as n from audit_log group by action order by action`,
        );
        expect(Object.fromEntries(actions.map((a) => [a.action, Number(a.n)]))).toMatchObject({
          'import.complete': 2,
          'system.create': 2,
          'vendor.create': 2,
        });
      });
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    'refuses bad arguments with a message on stderr and a non-zero exit, changing nothing',
    async ({ expect }) => {
      const target = await newTarget(engine);
      const before = await withDb(target, async (db) => {
        await createOrganization(db, systemActor('test'), { name: 'Acme Holdings', slug: 'acme' });
        await createUser(db, systemActor('test'), { email: 'owner@acme.test', password: PASSWORD, orgSlug: 'acme', role: 'owner' });
        return counts(db);
      });
      const file = tmpFile('systems.csv', csvFile([['Name'], ['x']]));
      const out = path.join(path.dirname(file), 'never.pdf');
      const cases: [string, string[], RegExp][] = [
        [
          'unknown role',
          ['users', 'create', '--email', 'new@acme.test', '--password', 'long-enough-1', '--org', 'acme', '--role', 'wizard'],
          /role/,
        ],
        [
          'already a member',
          ['users', 'create', '--email', 'OWNER@acme.test', '--password', 'another-password-3', '--org', 'acme', '--role', 'viewer'],
          /already a member/,
        ],
        ['bad slug', ['orgs', 'create', '--name', 'Bad', '--slug', 'Bad Slug!'], /slug/i],
        ['taken slug', ['orgs', 'create', '--name', 'Again', '--slug', 'acme'], /already exists/],
        ['missing organisation', ['tokens', 'create', '--org', 'no-such-org', '--role', 'viewer', '--name', 'x'], /no-such-org.*not found/],
        ['missing option', ['tokens', 'create', '--org', 'acme', '--role', 'viewer'], /--name/],
        ['import into a missing organisation', ['import', 'systems', file, '--org', 'no-such-org'], /no-such-org.*not found/],
        ['unknown register', ['import', 'risks', file, '--org', 'acme'], /systems.*vendors/],
        ['unknown export format', ['export', 'systems', '--org', 'acme', '--format', 'pdf', '--out', out], /csv.*xlsx/],
      ];
      // Argument checks do not depend on the engine: PostgreSQL gets a sample, to keep the file fast on two cores.
      const sample =
        engine === 'pglite' ? cases : cases.filter(([what]) => ['unknown role', 'taken slug', 'missing organisation'].includes(what));
      for (const [what, args, message] of sample) {
        const r = await aims(target, args);
        expect(r.code, `${what}: exit code`).not.toBe(0);
        expect(r.stderr, `${what}: stderr`).toMatch(message);
        expect(r.stdout.trim(), `${what}: stdout`).toBe('');
      }
      expect(fs.existsSync(out)).toBe(false);
      expect(await withDb(target, counts)).toEqual(before);
    },
    CLI_TEST_TIMEOUT,
  );
});
