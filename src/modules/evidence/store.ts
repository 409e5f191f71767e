import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../server/errors.js';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface PutOptions {
  maxBytes: number;
  /** true when the source was cut short by an upstream limit (a multipart file over its size limit) */
  truncated?: () => boolean;
  /** sees the first `headBytes` bytes (fewer for a shorter file) once all are read; throws to refuse the file */
  inspect?: { headBytes: number; check: (head: Buffer) => void };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const tamperedError = (expected: string, actual: string): AppError =>
  new AppError('conflict', 'The stored file no longer matches its SHA-256; it was changed on disk', { expected, actual });

export const missingError = (sha256: string): AppError =>
  new AppError('not_found', 'The stored file is missing from the evidence store', { expected: sha256 });

export const tooLargeError = (maxBytes: number): AppError =>
  new AppError('payload_too_large', `Evidence files can be at most ${Math.floor(maxBytes / (1024 * 1024))} MB`, { maxBytes });

/** Flushes the file to disk before it is renamed into place, so a crash cannot leave a named but empty file. */
async function syncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Counts and hashes the bytes that pass, keeping the first few; fails once more than `maxBytes` went through. */
class HashingCounter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  private readonly headChunks: Buffer[] = [];
  private headSize = 0;
  constructor(
    private readonly maxBytes: number,
    private readonly headBytes = 0,
  ) {
    super();
  }
  get head(): Buffer {
    return Buffer.concat(this.headChunks).subarray(0, this.headBytes);
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(tooLargeError(this.maxBytes));
    this.hash.update(chunk);
    if (this.headSize < this.headBytes) {
      this.headChunks.push(Buffer.from(chunk.subarray(0, this.headBytes - this.headSize)));
      this.headSize += Math.min(chunk.length, this.headBytes - this.headSize);
    }
    done(null, chunk);
  }
}

/** Passes the bytes on and fails at the end if they do not hash to `expected`, so that a reader never takes them as good. */
class VerifyingStream extends Transform {
  private readonly hash = createHash('sha256');
  constructor(private readonly expected: string) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    const actual = this.hash.digest('hex');
    done(actual === this.expected ? null : tamperedError(this.expected, actual));
  }
}

/**
 * Evidence bytes on disk, content-addressed: `<root>/sha256/ab/cd/<sha256>`. A file is written to a temporary name
 * and renamed into place, so a reader never sees half a file; equal content is stored once. Every read checks the
 * bytes against their name, so a file changed on disk is refused rather than served.
 */
export class EvidenceStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Streams `source` into the store, hashing as it goes; nothing stays behind when it fails. */
  async put(source: Readable | Buffer, options: PutOptions): Promise<StoredBlob> {
    const tmpDir = path.join(this.root, 'tmp');
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    const counter = new HashingCounter(options.maxBytes, options.inspect?.headBytes ?? 0);
    try {
      const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
      await pipeline(input, counter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
      if (options.truncated?.()) throw tooLargeError(options.maxBytes);
      options.inspect?.check(counter.head);
      const sha256 = counter.hash.digest('hex');
      const target = this.pathOf(sha256);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      // Equal bytes already stored: keep that copy unless it was damaged, in which case the fresh bytes repair it.
      if (!(await this.intact(sha256))) {
        await syncFile(tmp);
        await fsp.rename(tmp, target);
      }
      return { sha256, size: counter.size };
    } finally {
      await fsp.rm(tmp, { force: true });
    }
  }

  /** Whether the stored bytes exist and still hash to their name. */
  async intact(sha256: string): Promise<boolean> {
    try {
      await this.verify(sha256);
      return true;
    } catch (err) {
      if (err instanceof AppError) return false;
      throw err;
    }
  }

  /** Reads the whole file and checks its hash; refuses a missing or changed file. */
  async verify(sha256: string): Promise<void> {
    const actual = createHash('sha256');
    await pipeline(await this.openRaw(sha256), actual);
    const digest = actual.digest('hex');
    if (digest !== sha256) throw tamperedError(sha256, digest);
  }

  /** The bytes, checked against their hash before they are handed out. */
  async read(sha256: string): Promise<Buffer> {
    let bytes: Buffer;
    try {
      bytes = await fsp.readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw missingError(sha256);
      throw err;
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw tamperedError(sha256, actual);
    return bytes;
  }

  /** A stream of the bytes that errors at its end if they no longer match their hash (for large copies, e.g. a zip). */
  async stream(sha256: string): Promise<Readable> {
    const raw = await this.openRaw(sha256);
    const verifying = new VerifyingStream(sha256);
    raw.on('error', (err) => verifying.destroy(err));
    return raw.pipe(verifying);
  }

  private async openRaw(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    try {
      const handle = await fsp.open(file, 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw missingError(sha256);
      throw err;
    }
  }
}
