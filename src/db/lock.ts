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

/** Directories this process holds; a lock file with our own pid but not in here is left from an earlier process. */
const held = new Set<string>();

/** Creates the lock file with its whole content at once (write a private file, then hard-link it into place). */
function createAtomically(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(tmp, content);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Removes a stale lock, but only the one that was judged stale: under a small mutex (a directory, created
 * atomically), the lock is read again and removed only if it is still the same. Without this, two processes
 * taking over the same stale lock could each remove the other's fresh one.
 */
function removeIfUnchanged(file: string, judged: string | null): void {
  const mutex = `${file}.takeover`;
  try {
    fs.mkdirSync(mutex);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const age = Date.now() - (fs.statSync(mutex, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_MS) fs.rmSync(mutex, { recursive: true, force: true });
    return; // someone else is taking over; look again
  }
  try {
    if (readRaw(file) === judged) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(mutex, { recursive: true, force: true });
  }
}

function readRaw(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseLock(raw: string | null): LockInfo | null {
  try {
    return raw === null ? null : (JSON.parse(raw) as LockInfo);
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'aims.lock');
  if (held.has(file)) throw new DataDirLockedError(dir, process.pid);
  const mine: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  const content = JSON.stringify(mine);
  for (let attempt = 0; attempt < 20; attempt++) {
    if (createAtomically(file, content)) return holdLock(file);
    const raw = readRaw(file);
    if (raw === null) continue; // released meanwhile: try again
    const holder = parseLock(raw);
    const silentFor = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (!holder && silentFor < STALE_MS) {
      throw new Error(`The data directory ${dir} has an unreadable lock file ${file}; if no OpenAIMS process uses it, delete it.`);
    }
    if (holder && holder.hostname !== mine.hostname && silentFor < STALE_MS) {
      throw new Error(
        `The data directory ${dir} is in use by host ${holder.hostname} (pid ${holder.pid}). ` +
          'Two processes on one embedded database would corrupt it.',
      );
    }
    // After a restart in a container the new process often gets the old pid: our own pid here is stale too.
    const stale = !holder || holder.hostname !== mine.hostname || holder.pid === process.pid || !isRunning(holder.pid);
    if (!stale) throw new DataDirLockedError(dir, holder.pid);
    removeIfUnchanged(file, raw);
    pause(5 + Math.random() * 20);
  }
  throw new Error(`Could not lock the data directory ${dir}: other processes keep taking it`);
}

function holdLock(file: string): () => void {
  held.add(file);
  // A heartbeat, so that a lock left by a host that has gone (a container restarted under a new host name) can be
  // recognised as stale.
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
    if (parseLock(readRaw(file))?.pid === process.pid) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return release;
}
