// A private, throw-away PostgreSQL cluster for the diagnosis's comparison (like scripts/pg-cluster.mjs, which the
// tests use, but started and stopped with pg_ctl: as root the server runs under `runuser -u postgres`, and
// runuser does not pass SIGINT on to it, so stopping by signal would wait for ever).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './support.js';

export interface PgCluster {
  url: string;
  stop(): Promise<void>;
}

function findPgBin(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    for (const v of fs.readdirSync(base).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(base, v, 'bin'));
  }
  return candidates.find((d) => fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl'))) ?? null;
}

/** Returns the cluster, or a reason why there is none. */
export async function startPostgres(): Promise<PgCluster | { skipped: string }> {
  const bin = findPgBin();
  if (!bin) return { skipped: 'PostgreSQL server binaries not found (apt-get install -y postgresql)' };
  const isRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    isRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'ignore' })
      : execFileSync(cmd, args, { stdio: 'ignore' });
  if (isRoot) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return { skipped: 'running as root and there is no "postgres" user to own the cluster' };
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openaims-bench-pg-'));
  const data = path.join(dir, 'data');
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  fs.chmodSync(dir, 0o755);
  run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'aims', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -h 127.0.0.1 -c max_connections=200 -c shared_buffers=128MB`;
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const url = `postgres://aims@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.end();
  return {
    url,
    async stop() {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
