// Starts a private, throw-away PostgreSQL cluster for the test suites when the server binaries are installed.
// Used by scripts/test.mjs; prints nothing on success. Root cannot run initdb, so as root the cluster runs as
// the "postgres" system user that Debian's package creates.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function findPgBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    for (const v of fs.readdirSync(base).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(base, v, 'bin'));
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'))) ?? null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** As root, run the cluster's programs as the "postgres" user (initdb refuses root); else as ourselves. */
function ownerIds() {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/** Returns { url, stop } or { skipped: reason }. */
export async function startPgCluster() {
  const bin = findPgBin();
  if (!bin) return { skipped: 'PostgreSQL server binaries not found (apt-get install -y postgresql)' };
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return { skipped: 'running as root and there is no "postgres" user to own the test cluster' };
    }
  }
  const ids = ownerIds();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-pg-'));
  const data = path.join(dir, 'data');
  if (isRoot) fs.chownSync(dir, ids.uid, ids.gid);
  fs.chmodSync(dir, 0o755);
  // C collation with UTF-8 character classes, as the embedded database has: search folds accents the same way.
  execFileSync(
    path.join(bin, 'initdb'),
    ['-D', data, '-A', 'trust', '-U', 'aims', '--no-sync', '-E', 'UTF8', '--locale=C', '--lc-ctype=C.UTF-8'],
    {
      ...ids,
      cwd: dir,
      stdio: 'ignore',
    },
  );
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-k', dir, '-h', '127.0.0.1'];
  args.push('-c', 'max_connections=200', '-c', 'shared_buffers=128MB', '-c', 'log_min_messages=fatal');
  const child = spawn(path.join(bin, 'postgres'), args, { ...ids, cwd: dir, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `postgres://aims@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.end();
        resolve(true);
      });
      sock.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
      child.kill('SIGKILL');
      return { skipped: 'the private PostgreSQL cluster did not start' };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // The port accepts before the server accepts logins; give it a moment to finish starting.
  const { default: pg } = await import('pg');
  for (let i = 0; i < 100; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async stop() {
      // Fast shutdown; SIGKILL if it has not gone within 10 s.
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
