import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { EvidenceStore } from './store.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('EvidenceStore', () => {
  let root: string;
  let store: EvidenceStore;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'aims-store-'));
    store = new EvidenceStore(root);
  });
  afterEach(async () => fs.rm(root, { recursive: true, force: true }));

  it('stores bytes under their SHA-256 and reads them back', async () => {
    const bytes = Buffer.from('Model card v1\n');
    const blob = await store.put(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]), { maxBytes: 100 });
    expect(blob).toEqual({ sha256: sha(bytes), size: bytes.length });
    const h = sha(bytes);
    expect(await filesUnder(root)).toEqual([path.join('sha256', h.slice(0, 2), h.slice(2, 4), h)]);
    expect((await store.read(h)).equals(bytes)).toBe(true);
    const streamed: Buffer[] = [];
    for await (const chunk of await store.stream(h)) streamed.push(chunk as Buffer);
    expect(Buffer.concat(streamed).equals(bytes)).toBe(true);
  });

  it('keeps equal content once', async () => {
    const a = await store.put(Buffer.from('same'), { maxBytes: 100 });
    const b = await store.put(Readable.from([Buffer.from('sa'), Buffer.from('me')]), { maxBytes: 100 });
    const c = await store.put(Buffer.from('other'), { maxBytes: 100 });
    expect(b.sha256).toBe(a.sha256);
    expect(c.sha256).not.toBe(a.sha256);
    expect((await filesUnder(root)).length).toBe(2);
  });

  it('refuses a file changed on disk, naming the expected and actual hashes', async () => {
    const { sha256 } = await store.put(Buffer.from('original'), { maxBytes: 100 });
    await fs.writeFile(store.pathOf(sha256), 'altered');
    const err = await refusal(store.read(sha256));
    expect([err.code, err.message]).toEqual(['conflict', 'The stored file no longer matches its SHA-256; it was changed on disk']);
    expect(err.details).toEqual({ expected: sha256, actual: sha('altered') });
    expect((await refusal(store.verify(sha256))).details).toEqual({ expected: sha256, actual: sha('altered') });
    // the stream errors rather than ending cleanly with the wrong bytes
    const read = async () => {
      for await (const _ of await store.stream(sha256));
    };
    expect((await refusal(read())).code).toBe('conflict');
  });

  it('repairs a damaged copy when the same content is stored again', async () => {
    const { sha256 } = await store.put(Buffer.from('original'), { maxBytes: 100 });
    await fs.writeFile(store.pathOf(sha256), 'altered');
    await store.put(Buffer.from('original'), { maxBytes: 100 });
    expect((await store.read(sha256)).toString()).toBe('original');
  });

  it('answers a clear error for a missing file', async () => {
    const err = await refusal(store.read(sha('never stored')));
    expect([err.code, err.message]).toEqual(['not_found', 'The stored file is missing from the evidence store']);
    expect((await refusal(store.stream(sha('never stored')))).code).toBe('not_found');
  });

  it('refuses content over the limit, or cut short upstream, and leaves nothing behind', async () => {
    const over = await refusal(store.put(Readable.from([Buffer.alloc(60), Buffer.alloc(60)]), { maxBytes: 100 }));
    expect(over.code).toBe('payload_too_large');
    const cut = await refusal(store.put(Buffer.alloc(10), { maxBytes: 100, truncated: () => true }));
    expect(cut.code).toBe('payload_too_large');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('only accepts SHA-256 names as paths', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/);
  });
});
