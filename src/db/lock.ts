import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * An exclusive lock on a PGlite data directory. Two processes on one PGlite directory corrupt it, so every
 * opener (server or CLI) takes this lock. A lock left by a process that no longer runs (for example after
 * kill -9) is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holderPid: number,
  ) {
    super(
      `The data directory ${dir} is in use by another OpenAIMS process (pid ${holderPid}). ` +
        'Stop that process first, or point AIMS_DATA_DIR at another directory. ' +
        'Two processes on one embedded database would corrupt it.',
    );
    this.name = 'DataDirLockedError';
  }
}

const HEARTBEAT_MS = 10_000;
/** A lock from another host that has not been refreshed for this long is taken over. */
const STALE_MS = 3 * HEARTBEAT_MS;

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/** Directories this process holds; a lock file with our own pid but not in here is left from an earlier process. */
const held = new Set<string>();

export function acquireDataDirLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'aims.lock');
  if (held.has(file)) throw new DataDirLockedError(dir, process.pid);
  const mine: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      held.add(file);
      // A heartbeat, so that a lock left by a host that has gone (a container restarted under a new host name)
      // can be recognised as stale.
      const heartbeat = setInterval(() => {
        const now = new Date();
        fs.utimes(file, now, now, () => undefined);
      }, HEARTBEAT_MS);
      heartbeat.unref();
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        held.delete(file);
        process.off('exit', release);
        const holder = readLock(file);
        if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(file);
      const silentFor = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (!holder && silentFor < STALE_MS) {
        // Being written by another opener right now.
        throw new Error(`The data directory ${dir} is being opened by another process`, { cause: err });
      }
      if (holder && holder.hostname !== mine.hostname && silentFor < STALE_MS) {
        throw new Error(
          `The data directory ${dir} is in use by host ${holder.hostname} (pid ${holder.pid}). ` +
            'Two processes on one embedded database would corrupt it.',
          { cause: err },
        );
      }
      // After a restart in a container the new process often gets the old pid: our own pid here is stale too.
      const stale = !holder || holder.hostname !== mine.hostname || holder.pid === process.pid || !isRunning(holder.pid);
      if (!stale) throw new DataDirLockedError(dir, holder.pid);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data directory ${dir}`);
}
