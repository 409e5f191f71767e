import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './lock.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-lock-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A child process that takes the lock and reports "locked" once it holds it. */
function holdLockInChild(dir: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('${path.resolve('src/db/lock.ts')}').then(m => { m.acquireDataDirLock(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000); })`,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  return { child, ready };
}

describe('data directory lock', () => {
  it('refuses a second opener in the same process and frees the directory on release', () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    release();
    expect(fs.existsSync(path.join(dir, 'aims.lock'))).toBe(false);
    acquireDataDirLock(dir)();
  });

  it('refuses while another process holds it, and takes over after that process is killed', async () => {
    const dir = tempDir();
    const { child, ready } = holdLockInChild(dir);
    await ready;
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`in use by another OpenAIMS process \\(pid ${child.pid}\\)`));
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    expect(fs.existsSync(path.join(dir, 'aims.lock'))).toBe(true);
    acquireDataDirLock(dir)();
  });

  it('takes over a lock file that carries its own pid (a restarted container)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'aims.lock'), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: '2020-01-01' }));
    acquireDataDirLock(dir)();
  });

  it('respects a fresh lock of another host but takes over a silent one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'aims.lock');
    fs.writeFileSync(file, JSON.stringify({ pid: 1, hostname: 'other-host', startedAt: '2020-01-01' }));
    expect(() => acquireDataDirLock(dir)).toThrow(/in use by host other-host/);
    const old = new Date(Date.now() - 120_000);
    fs.utimesSync(file, old, old);
    acquireDataDirLock(dir)();
  });
});
