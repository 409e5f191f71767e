import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/modules/audit-log/service.js';
import { engines } from '../support/engines.js';
import { buildSystem, buildVendor } from '../support/factories.js';
import {
  blankStore,
  cliOk,
  cliScript,
  repoRoot,
  describeRun,
  emptyStore,
  runCli,
  spawnServe,
  startServer,
  type ServerProcess,
  type Store,
} from './cli.js';

/**
 * The server is killed with SIGKILL in the middle of a stream of writes and started again on the same data:
 * every write it acknowledged must be there, unchanged, and the audit chain must be intact. On PGlite a second
 * process on the same data directory is refused.
 */

const SLUG = 'durable';
const ACKS_BEFORE_KILL = 150;
const WORKERS = 4;

type Kind = 'vendors' | 'systems';
interface Ack {
  kind: Kind;
  id: string;
  body: Record<string, unknown>;
}

/** A JSON request to the server with the API token. */
async function api(
  server: ServerProcess,
  token: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

/** Every name in a register, page by page. */
async function allNames(server: ServerProcess, token: string, kind: Kind): Promise<string[]> {
  const names: string[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await api(server, token, 'GET', `/api/v1/orgs/${SLUG}/${kind}?limit=200&offset=${offset}`);
    expect(page.status).toBe(200);
    const { items, total } = page.json as { items: { name: string }[]; total: number };
    names.push(...items.map((i) => i.name));
    if (names.length >= total || items.length === 0) return names;
  }
}

describe.each(engines)('crash durability on %s', (engine) => {
  let store: Store;
  let token: string;
  let server: ServerProcess | null = null;
  const acked: Ack[] = [];
  const attempted = new Map<string, Kind>();
  let committed = 0;

  beforeAll(async () => {
    // PGlite: a migrated directory; PostgreSQL: an empty database the CLI migrates on first use.
    store = engine === 'pglite' ? await emptyStore(engine) : await blankStore(engine);
    await cliOk(store.target, ['orgs', 'create', '--name', 'Durable Ltd', '--slug', SLUG]);
    const created = await cliOk(store.target, ['tokens', 'create', '--org', SLUG, '--role', 'owner', '--name', 'load test', '--days', '1']);
    token = created.stdout.trim();
    expect(token).toMatch(/^\S{20,}$/);
  });

  afterAll(async () => {
    await server?.stop();
    await store?.drop();
  });

  it('keeps every acknowledged write after kill -9 in the middle of a stream of writes', async () => {
    const first = await startServer(store.target);
    server = first;
    let killed = false;
    let inFlight = 0;
    let inFlightAtKill = -1;
    const unexpected: string[] = [];

    const kill = () => {
      if (killed) return;
      killed = true;
      inFlightAtKill = inFlight;
      process.kill(first.pid, 'SIGKILL');
    };

    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const kind: Kind = (w + i) % 2 === 0 ? 'vendors' : 'systems';
        const name = `${kind} ${w}-${i}`;
        attempted.set(name, kind);
        const payload =
          kind === 'vendors' ? buildVendor({ name, notes: `written by worker ${w}` }) : buildSystem({ name, tags: [`w${w}`, `i${i}`] });
        inFlight++;
        try {
          const res = await fetch(`${first.url}/api/v1/orgs/${SLUG}/${kind}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(payload),
          });
          const body = (await res.json()) as Record<string, unknown>;
          inFlight--;
          // A 201 that reaches us is an acknowledgement, even one that arrives after the kill signal went out.
          if (res.status === 201 && typeof body.id === 'string') {
            acked.push({ kind, id: body.id, body });
            if (acked.length >= ACKS_BEFORE_KILL) kill();
          } else if (!killed) unexpected.push(`${res.status} ${JSON.stringify(body)}`);
        } catch (err) {
          inFlight--;
          if (!killed) unexpected.push(String(err));
          return; // the connection died with the server
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

    expect(unexpected).toEqual([]);
    expect(killed).toBe(true);
    expect(inFlightAtKill, 'the kill should land while requests are in flight').toBeGreaterThan(0);
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    server = null;
    expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    if (engine === 'pglite') {
      // kill -9 left the lock file behind; it names a process that no longer exists.
      const dir = (store.target as { dataDir: string }).dataDir;
      const lock = JSON.parse(fs.readFileSync(path.join(dir, 'aims.lock'), 'utf8')) as { pid: number };
      expect(lock.pid).toBe(first.pid);
    }

    // The restart is not blocked by the stale lock, and recovers the database.
    const second = await startServer(store.target);
    server = second;

    for (let i = 0; i < acked.length; i += 10) {
      await Promise.all(
        acked.slice(i, i + 10).map(async (a) => {
          const got = await api(second, token, 'GET', `/api/v1/orgs/${SLUG}/${a.kind}/${a.id}`);
          expect(got.status, `${a.kind} ${a.id} was acknowledged but is gone`).toBe(200);
          expect(got.json).toEqual(a.body);
        }),
      );
    }

    // Nothing else appeared: every stored row is one of the attempted writes, and each at most once.
    for (const kind of ['vendors', 'systems'] as const) {
      const names = await allNames(second, token, kind);
      expect(new Set(names).size).toBe(names.length);
      for (const n of names) expect(attempted.get(n), `unexpected ${kind} "${n}"`).toBe(kind);
      expect(names.length).toBeGreaterThanOrEqual(acked.filter((a) => a.kind === kind).length);
      committed += names.length;
    }
    expect(committed).toBeLessThanOrEqual(attempted.size);

    // And it takes writes again.
    const after = await api(second, token, 'POST', `/api/v1/orgs/${SLUG}/vendors`, buildVendor({ name: 'after the restart' }));
    expect(after.status).toBe(201);
    committed++;
  });

  if (engine === 'pglite') {
    it('refuses a second server and a backup on the data directory while the server runs', async () => {
      const running = server;
      if (!running) throw new Error('the server of the previous test is not running');
      const backupFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aims-test-inuse-')), 'backup.jsonl');
      const started = Date.now();
      const intruder = spawnServe(store.target);
      const [exit, backup] = await Promise.all([
        Promise.race([intruder.exited, delay(30_000, null)]),
        runCli(store.target, ['backup', backupFile]),
      ]);
      const elapsed = Date.now() - started;
      try {
        const { stderr } = intruder.output();
        expect(exit, `the second server was still running after 30 s\n${stderr}`).not.toBeNull();
        expect(exit?.code, stderr).not.toBe(0);
        expect(exit?.code).not.toBeNull();
        expect(stderr).toMatch(/in use by another OpenAIMS process/);
        expect(stderr).toContain(`pid ${running.pid}`);
        expect(elapsed).toBeLessThan(30_000);

        expect(backup.code, describeRun(backup)).toBe(1);
        expect(backup.stderr).toMatch(/in use by another OpenAIMS process/);
        expect(backup.stderr).toContain(`pid ${running.pid}`);
        expect(fs.existsSync(backupFile)).toBe(false);
      } finally {
        intruder.child.kill('SIGKILL');
        fs.rmSync(path.dirname(backupFile), { recursive: true, force: true });
      }

      // The first server did not notice: it still answers and writes.
      expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
      const write = await api(running, token, 'POST', `/api/v1/orgs/${SLUG}/vendors`, buildVendor({ name: 'still serving' }));
      expect(write.status).toBe(201);
      committed++;
      const lock = JSON.parse(fs.readFileSync(path.join((store.target as { dataDir: string }).dataDir, 'aims.lock'), 'utf8')) as {
        pid: number;
      };
      expect(lock.pid).toBe(running.pid);
    });
  }

  if (engine === 'postgres') {
    it('runs a second server on the same PostgreSQL database beside the first, and writes through both keep one chain', async () => {
      const running = server;
      if (!running) throw new Error('the server of the previous test is not running');
      const other = await startServer(store.target);
      try {
        const writes = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            api(i % 2 ? running : other, token, 'POST', `/api/v1/orgs/${SLUG}/vendors`, buildVendor({ name: `both ${i}` })),
          ),
        );
        expect(writes.map((w) => w.status)).toEqual(writes.map(() => 201));
        committed += writes.length;
        const seen = await api(running, token, 'GET', `/api/v1/orgs/${SLUG}/vendors/${(writes[0]?.json as { id: string }).id}`);
        expect(seen.status).toBe(200);
      } finally {
        await other.stop();
      }
    });
  }

  it('has an intact audit chain after the crash, with one entry per committed write', async () => {
    const running = server;
    if (!running) throw new Error('the server of the previous test is not running');
    await running.stop();
    expect(await running.exited).toEqual({ code: 0, signal: null });
    server = null;
    if (engine === 'pglite') expect(fs.existsSync(path.join((store.target as { dataDir: string }).dataDir, 'aims.lock'))).toBe(false);

    const r = await cliOk(store.target, ['audit', 'verify', '--json']);
    const report = JSON.parse(r.stdout) as VerifyReport;
    // org.create + token.create + one entry per vendor or system
    expect(report).toEqual({ ok: true, organisations: [{ slug: SLUG, entries: 2 + committed, firstBreak: null }] });
  });
});

describe('the data-directory lock when several processes find a stale lock at once', () => {
  // Each worker loops: take the lock, mark the directory as in use (a file created exclusively), hold it briefly,
  // then "crash": leave the lock file behind naming a process that is gone. The other workers race to take the
  // stale lock over. Two workers that both believe they hold the lock show up as a failed exclusive create.
  const worker = `
    import fs from 'node:fs';
    import os from 'node:os';
    import path from 'node:path';
    const [lockModule, dir, workers] = process.argv.slice(2);
    const { acquireDataDirLock } = await import(lockModule);
    const dead = JSON.stringify({ pid: 2 ** 22 + 12345, hostname: os.hostname(), startedAt: new Date(0).toISOString() });
    const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    // Start together: wait until every worker has loaded, then race for two seconds.
    fs.writeFileSync(path.join(dir, '..', 'ready-' + process.pid), '');
    const start = Date.now();
    while (fs.readdirSync(path.join(dir, '..')).filter((f) => f.startsWith('ready-')).length < Number(workers) && Date.now() - start < 30000) pause(5);
    const until = Date.now() + 2000;
    let held = 0, both = 0;
    while (Date.now() < until) {
      let release;
      try { release = acquireDataDirLock(dir); } catch { continue; }
      held++;
      try { fs.writeFileSync(path.join(dir, 'in-use'), String(process.pid), { flag: 'wx' }); } catch { both++; }
      pause(2);
      fs.rmSync(path.join(dir, 'in-use'), { force: true });
      // (written whole, as a crashed process leaves it: never seen half-written)
      fs.writeFileSync(path.join(dir, 'crashed-' + process.pid + '.lock'), dead);
      fs.renameSync(path.join(dir, 'crashed-' + process.pid + '.lock'), path.join(dir, 'aims.lock'));
      release();
    }
    console.log(JSON.stringify({ held, both }));
  `;

  it('never lets two of them hold the directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-test-lock-'));
    try {
      const script = path.join(dir, 'worker.mjs');
      fs.writeFileSync(script, worker);
      const data = path.join(dir, 'data');
      fs.mkdirSync(data);
      const runs = await Promise.all(
        Array.from({ length: 4 }, () => cliScript(script, [path.join(repoRoot, 'src/db/lock.ts'), data, '4'])),
      );
      const results = runs.map((r) => {
        expect(r.code, describeRun(r)).toBe(0);
        return JSON.parse(r.stdout) as { held: number; both: number };
      });
      const held = results.reduce((n, r) => n + r.held, 0);
      expect(held, 'the workers should take the stale lock over many times').toBeGreaterThan(20);
      expect(results.map((r) => r.both)).toEqual([0, 0, 0, 0]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
