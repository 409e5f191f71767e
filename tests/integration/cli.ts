import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from '../../src/db/connect.js';
import { freshDataDir, pgUrl } from '../support/engines.js';

/**
 * Runs the real `aims` command (bin/aims.js) as a child process, the way an operator would, for the audit-chain,
 * durability and backup tests. Every run has a deadline: a command that hangs fails the test with its output
 * instead of hanging the suite.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const aimsBin = path.join(repoRoot, 'bin/aims.js');

/** Where a command points: a PGlite data directory, or a PostgreSQL URL. */
export type Target = { dataDir: string } | { databaseUrl: string };

export function targetArgs(target: Target): string[] {
  return 'databaseUrl' in target ? ['--database-url', target.databaseUrl] : ['--data-dir', target.dataDir];
}

export interface CliResult {
  /** exit code; null when the process was killed (by the deadline or a signal) */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The environment of a child: ours, without anything that would point it at another database. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AIMS_LOG_LEVEL: 'warn', ...extra };
  delete env.DATABASE_URL;
  delete env.AIMS_DATA_DIR;
  delete env.PORT;
  delete env.HOST;
  return env;
}

/** `node bin/aims.js <target> <args>`; resolves when it exits (or is killed at the deadline). */
export function runCli(target: Target | null, args: string[], options: { timeoutMs?: number } = {}): Promise<CliResult> {
  return runProcess([aimsBin, ...(target ? targetArgs(target) : []), ...args], options.timeoutMs ?? 45_000);
}

function runProcess(nodeArgs: string[], timeoutMs: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, { cwd: repoRoot, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** What a failed expectation should show: the command's whole output. */
export function describeRun(r: CliResult): string {
  const how = r.timedOut ? 'did not finish before its deadline (killed)' : r.signal ? `was killed by ${r.signal}` : `exited ${r.code}`;
  return `the command ${how}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

/** Runs a command that must succeed; throws with its output otherwise. */
export async function cliOk(target: Target | null, args: string[], options: { timeoutMs?: number } = {}): Promise<CliResult> {
  const r = await runCli(target, args, options);
  if (r.code !== 0) throw new Error(`aims ${args.join(' ')}: ${describeRun(r)}`);
  return r;
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** http://127.0.0.1:PORT, once it listens */
  url: string;
  output: () => { stdout: string; stderr: string };
  /** resolves when the process has exited */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it has not stopped within the deadline */
  stop(timeoutMs?: number): Promise<void>;
}

export interface SpawnedServe {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `aims serve` on an ephemeral port without waiting for it. */
export function spawnServe(target: Target): SpawnedServe {
  const child = spawn(
    process.execPath,
    [aimsBin, ...targetArgs(target), 'serve', '--port', '0', '--host', '127.0.0.1', '--no-demo', '--no-web-build'],
    { cwd: repoRoot, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** Starts `aims serve` and waits until it listens and GET /readyz answers 200. */
export async function startServer(target: Target, options: { timeoutMs?: number } = {}): Promise<ServerProcess> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const s = spawnServe(target);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  void s.exited.then((e) => (exit = e));
  const fail = (why: string): never => {
    s.child.kill('SIGKILL');
    const { stdout, stderr } = s.output();
    throw new Error(`aims serve ${why}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
  };
  let url: string | null = null;
  while (!url) {
    if (exit) fail(`exited (${JSON.stringify(exit)}) before listening`);
    if (Date.now() > deadline) fail('did not start listening before the deadline');
    url = /running at (http:\/\/\S+)/.exec(s.output().stdout)?.[1] ?? null;
    if (!url) await delay(50);
  }
  for (;;) {
    if (exit) fail(`exited (${JSON.stringify(exit)}) before it was ready`);
    if (Date.now() > deadline) fail('did not become ready before the deadline');
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    await delay(50);
  }
  const pid = s.child.pid;
  if (pid === undefined) fail('has no pid');
  return {
    child: s.child,
    pid: pid as number,
    url,
    output: s.output,
    exited: s.exited,
    async stop(timeoutMs = 20_000) {
      if (exit) return;
      s.child.kill('SIGTERM');
      const killer = setTimeout(() => s.child.kill('SIGKILL'), timeoutMs);
      await s.exited;
      clearTimeout(killer);
    },
  };
}

/** Removes a directory tree, ignoring one that is already gone. */
export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A database the tests can point the CLI at, open in-process, and copy: a PGlite data directory (copied with the
 * file system) or a PostgreSQL database (copied with CREATE DATABASE … TEMPLATE). Open handles must be closed
 * before a copy or a CLI run (a PGlite directory has one opener at a time; a template must be unused).
 */
export interface Store {
  engine: Engine;
  target: Target;
  open(options?: { migrate?: boolean }): Promise<Database>;
  copy(): Promise<Store>;
  drop(): Promise<void>;
}

async function pgAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function pgUrlFor(name: string): string {
  const u = new URL(pgUrl ?? '');
  u.pathname = `/${name}`;
  return u.toString();
}

function pgStore(name: string): Store {
  const url = pgUrlFor(name);
  const store: Store = {
    engine: 'postgres',
    target: { databaseUrl: url },
    open: (options = {}) => openDatabase({ dataDir: '', databaseUrl: url, migrate: options.migrate ?? false }),
    async copy() {
      const copyName = `aims_test_${randomBytes(6).toString('hex')}`;
      await pgAdmin((c) => c.query(`create database ${copyName} template ${name}`));
      return pgStore(copyName);
    },
    drop: () => pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
  return store;
}

function pgliteStore(dir: string, root = dir): Store {
  return {
    engine: 'pglite',
    target: { dataDir: dir },
    open: (options = {}) => openDatabase({ dataDir: dir, migrate: options.migrate ?? false }),
    async copy() {
      const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-test-copy-'));
      fs.cpSync(dir, copyDir, { recursive: true });
      return pgliteStore(copyDir);
    },
    async drop() {
      removeDir(root);
    },
  };
}

/** An empty, migrated database of the given engine. */
export async function emptyStore(engine: Engine): Promise<Store> {
  if (engine === 'pglite') return pgliteStore(freshDataDir());
  const name = `aims_test_${randomBytes(6).toString('hex')}`;
  await pgAdmin((c) => c.query(`create database ${name}`));
  const store = pgStore(name);
  const d = await store.open({ migrate: true });
  await d.close();
  return store;
}

/** An empty PostgreSQL database with no tables at all (the CLI migrates it), or a PGlite directory that does not exist yet. */
export async function blankStore(engine: Engine): Promise<Store> {
  if (engine === 'pglite') {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-test-blank-'));
    return pgliteStore(path.join(root, 'data'), root);
  }
  const name = `aims_test_${randomBytes(6).toString('hex')}`;
  await pgAdmin((c) => c.query(`create database ${name}`));
  return pgStore(name);
}

/** Runs a script file with the project's TypeScript loader (bin/run-ts.js), so it can import src/ modules. */
export function cliScript(script: string, args: string[], options: { timeoutMs?: number } = {}): Promise<CliResult> {
  return runProcess([path.join(repoRoot, 'bin/run-ts.js'), script, ...args], options.timeoutMs ?? 45_000);
}
