// Shared helpers of the benchmarks: machine description, statistics, result files, child processes (the `aims`
// CLI and the server, each in its own process like in production), ports and temporary data directories.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const resultsDir = path.join(root, 'bench', 'results');
const aimsBin = path.join(root, 'bin', 'aims.js');

export interface Machine {
  cpus: number;
  cpuModel: string;
  totalMemoryMiB: number;
  node: string;
  platform: string;
  release: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    platform: os.platform(),
    release: os.release(),
  };
}

/** 1-, 5- and 15-minute load averages; on a 2-core machine anything well above 2 means we are sharing it. */
export function load(): number[] {
  return os.loadavg().map((v) => round(v, 2));
}

export function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile (q in 0..1). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

/** One line of the summary table that run.ts prints at the end. */
export interface SummaryRow {
  benchmark: string;
  metric: string;
  value: string;
  target: string;
  /** null: informative only */
  pass: boolean | null;
}

export interface BenchResult {
  name: string;
  summary: SummaryRow[];
  /** everything else: raw numbers, medians, diagnostics */
  data: Record<string, unknown>;
}

/** The code that was measured: the commit and the files under src/ that differ from it (the tree may be dirty). */
export function sourceState(): { commit: string | null; modifiedUnderSrc: string[] } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return {
      commit,
      modifiedUnderSrc: status
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(3)),
    };
  } catch {
    return { commit: null, modifiedUnderSrc: [] };
  }
}

/** Writes bench/results/<name>.json: date, machine, load, the raw numbers, medians, targets and pass/fail. */
export function writeResult(result: BenchResult, extra: { startedAt: Date; loadBefore: number[] }): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${result.name}.json`);
  const body = {
    name: result.name,
    date: extra.startedAt.toISOString(),
    durationS: round((Date.now() - extra.startedAt.getTime()) / 1000, 1),
    machine: machine(),
    source: sourceState(),
    loadAverage: { before: extra.loadBefore, after: load() },
    note: 'Benchmarks report; they never fail a build. The machine may be shared: compare load averages before trusting a number.',
    targets: result.summary
      .filter((r) => r.pass !== null)
      .map((r) => ({ metric: r.metric, value: r.value, target: r.target, pass: r.pass })),
    pass: result.summary.every((r) => r.pass !== false),
    summary: result.summary,
    ...result.data,
  };
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(body, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

export function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

// ---------------------------------------------------------------------------------------------------------
// Processes

/** The environment of child processes: never a PostgreSQL URL or another data directory from the caller. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  delete env.AIMS_DATA_DIR;
  delete env.PORT;
  return env;
}

/** Where the data lives: an embedded PGlite directory, or a PostgreSQL database. */
export type Store = { dataDir: string; databaseUrl?: undefined } | { databaseUrl: string; dataDir?: undefined };

function storeArgs(store: Store): string[] {
  return store.databaseUrl ? ['--database-url', store.databaseUrl] : ['--data-dir', store.dataDir!];
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `aims --data-dir DIR …args` (or `--database-url`) as its own process and times it end to end. */
export function runCli(store: Store, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [aimsBin, ...storeArgs(store), ...args], {
      cwd: root,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

export async function cliOk(store: Store, args: string[]): Promise<CliResult> {
  const r = await runCli(store, args);
  if (r.code !== 0) throw new Error(`aims ${args.join(' ')} exited ${r.code}: ${r.stderr.trim() || r.stdout.trim()}`);
  return r;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  logFile: string;
  /** milliseconds from spawn to the first 200 on /readyz */
  readyMs: number;
  stop(): Promise<void>;
}

export interface ServeOptions {
  demo?: boolean;
  env?: Record<string, string>;
  logFile?: string;
  timeoutMs?: number;
}

/**
 * Starts `aims serve` on a data directory in a separate process (as in production) and waits for /readyz.
 * The server's log goes to a file (next to the data directory); the request log is part of what production
 * pays for.
 */
export async function startServer(store: Store, options: ServeOptions = {}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = options.logFile ?? path.join(store.dataDir ? path.dirname(store.dataDir) : tempDir('server-log'), `server-${port}.log`);
  const fd = fs.openSync(logFile, 'a');
  // BENCH_PROF=DIR: each server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools)
  const profile = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  const args = [...profile, aimsBin, ...storeArgs(store), 'serve', '--port', String(port), '--host', '127.0.0.1', '--no-web-build'];
  if (!options.demo) args.push('--no-demo');
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv(options.env), stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  const deadline = t0 + (options.timeoutMs ?? 120_000);
  let readyMs: number;
  for (;;) {
    if (exited !== undefined) throw new Error(`server exited with ${exited} before it was ready; see ${logFile}:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) {
        readyMs = performance.now() - t0;
        break;
      }
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${options.timeoutMs ?? 120_000} ms; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    child,
    url,
    logFile,
    readyMs,
    async stop() {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(killer);
    },
  };
}

/**
 * Runs a probe script (bench/*-probe.ts) in its own process and returns the JSON object it prints on its last line,
 * with the wall time from spawn to exit as the parent saw it.
 */
export function runProbe(script: string, args: string[]): Promise<{ result: Record<string, number>; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'bin/run-ts.js'), path.join(root, 'bench', script), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${err}`));
      const result = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
      resolve({ result, wallMs: performance.now() - t0 });
    });
  });
}

export function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Temporary directories

const tempDirs: string[] = [];

/** A fresh directory under the OS temp dir; removed at exit unless BENCH_KEEP=1. */
export function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `openaims-bench-${label}-`));
  tempDirs.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  if (process.env.BENCH_KEEP === '1') {
    if (tempDirs.length) log(`kept: ${tempDirs.join(', ')}`);
    return;
  }
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Formats milliseconds for the table. */
export function ms(v: number): string {
  return v >= 1000 ? `${round(v / 1000, 2)} s` : `${round(v, v < 10 ? 2 : 1)} ms`;
}
