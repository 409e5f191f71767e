import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChainVerifier, entryHash, GENESIS_HASH, type ChainedFields, type StoredEntry } from './chain.js';

const ORG = '7d3c1a52-3a0e-4f8e-9a57-2b1f0c9d4e11';

function fields(seq: number, overrides: Partial<ChainedFields> = {}): ChainedFields {
  return {
    orgId: ORG,
    seq,
    at: new Date(Date.UTC(2026, 0, 1, 9, 0, seq)),
    actorType: 'user',
    actorId: 'u-1',
    actorLabel: 'lead@example.com',
    action: seq % 2 ? 'system.create' : 'system.update',
    entityType: 'ai_system',
    entityId: `s-${seq}`,
    before: seq === 1 ? null : { name: `System ${seq - 1}`, tags: ['a'] },
    after: { name: `System ${seq}`, tags: ['a', 'b'], nested: { level: seq, note: '個人資料' } },
    requestId: `req-${seq}`,
    ...overrides,
  };
}

/** A valid chain of `n` entries, as the product writes it, and its head. */
function chain(n: number): { entries: StoredEntry[]; head: { seq: number; hash: string } } {
  const entries: StoredEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const f = fields(seq);
    const hash = entryHash(prev, f);
    entries.push({ ...f, id: 100 + seq, prevHash: prev, hash });
    prev = hash;
  }
  return { entries, head: { seq: n, hash: prev } };
}

/** What `aims audit verify` does for one organisation: feed the entries, stop at the first break, check the head. */
function verify(entries: StoredEntry[], head: { seq: number; hash: string } | null) {
  const v = new ChainVerifier();
  for (const e of entries) {
    const b = v.next(e);
    if (b) return b;
  }
  return v.finish(head);
}

describe('entryHash', () => {
  it('is a deterministic SHA-256 in hex', () => {
    const h = entryHash(GENESIS_HASH, fields(1));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(GENESIS_HASH, fields(1))).toBe(h);
    expect(entryHash(GENESIS_HASH, structuredClone(fields(1)))).toBe(h);
  });

  it('does not depend on the key order of before and after, at any depth', () => {
    const a = fields(2, { after: { name: 'X', tags: ['a', 'b'], nested: { level: 2, note: 'n' } } });
    const b = fields(2, { after: { nested: { note: 'n', level: 2 }, tags: ['a', 'b'], name: 'X' } });
    expect(entryHash(GENESIS_HASH, a)).toBe(entryHash(GENESIS_HASH, b));
  });

  it('depends on array order', () => {
    const a = fields(2, { after: { tags: ['a', 'b'] } });
    const b = fields(2, { after: { tags: ['b', 'a'] } });
    expect(entryHash(GENESIS_HASH, a)).not.toBe(entryHash(GENESIS_HASH, b));
  });

  it('hashes values as JSON stores them: a Date as its ISO text, undefined keys as absent, undefined as null', () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    expect(entryHash(GENESIS_HASH, fields(1, { after: { when: at, gone: undefined } }))).toBe(
      entryHash(GENESIS_HASH, fields(1, { after: { when: '2026-03-04T05:06:07.089Z' } })),
    );
    expect(entryHash(GENESIS_HASH, fields(1, { before: undefined }))).toBe(entryHash(GENESIS_HASH, fields(1, { before: null })));
  });

  it('changes when the previous hash or any field changes', () => {
    const base = fields(3);
    const h = entryHash(GENESIS_HASH, base);
    expect(entryHash('1'.repeat(64), base)).not.toBe(h);
    const changes: Partial<ChainedFields>[] = [
      { orgId: '00000000-0000-4000-8000-000000000000' },
      { seq: 4 },
      { at: new Date(base.at.getTime() + 1) },
      { actorType: 'token' },
      { actorId: null },
      { actorLabel: 'someone else' },
      { action: 'system.archive' },
      { entityType: 'vendor' },
      { entityId: null },
      { before: null },
      { after: { ...(base.after as object), name: 'System 3 ' } },
      { requestId: null },
    ];
    const hashes = changes.map((c) => entryHash(GENESIS_HASH, { ...base, ...c }));
    for (const x of hashes) expect(x).not.toBe(h);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('keeps fields apart: moving text from one field to the next changes the hash', () => {
    const a = fields(1, { actorLabel: 'ab', action: 'c' });
    const b = fields(1, { actorLabel: 'a', action: 'bc' });
    expect(entryHash(GENESIS_HASH, a)).not.toBe(entryHash(GENESIS_HASH, b));
    expect(entryHash(GENESIS_HASH, fields(1, { after: { a: 1 } }))).not.toBe(entryHash(GENESIS_HASH, fields(1, { after: { a: '1' } })));
    expect(entryHash(GENESIS_HASH, fields(1, { before: { a: 1 }, after: null }))).not.toBe(
      entryHash(GENESIS_HASH, fields(1, { before: null, after: { a: 1 } })),
    );
  });

  it('is the same for any key order of random JSON objects (property)', () => {
    const shuffle = (v: unknown, seed: number): unknown => {
      if (Array.isArray(v)) return v.map((x) => shuffle(x, seed));
      if (v && typeof v === 'object') {
        const entries = Object.entries(v).map(([k, x]) => [k, shuffle(x, seed)] as const);
        const rotated = entries.length
          ? [...entries.slice(seed % entries.length), ...entries.slice(0, seed % entries.length)].reverse()
          : entries;
        return Object.fromEntries(rotated);
      }
      return v;
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.nat(), (before, after, seed) => {
        const a = fields(5, { before, after });
        const b = fields(5, { before: shuffle(before, seed), after: shuffle(after, seed + 1) });
        return entryHash(GENESIS_HASH, a) === entryHash(GENESIS_HASH, b);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ChainVerifier', () => {
  it('accepts a valid chain and its head', () => {
    const { entries, head } = chain(10);
    expect(verify(entries, head)).toBeNull();
  });

  it('accepts an empty chain with no head, or a head at zero', () => {
    expect(verify([], null)).toBeNull();
    expect(verify([], { seq: 0, hash: GENESIS_HASH })).toBeNull();
  });

  it('accepts entries whose before and after were re-serialised with another key order (as jsonb does)', () => {
    const { entries, head } = chain(3);
    const e = entries[1]!;
    e.after = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(e.after as object).reverse()))) as unknown;
    expect(verify(entries, head)).toBeNull();
  });

  it('names an entry whose content was altered', () => {
    const { entries, head } = chain(10);
    entries[6]!.after = { name: 'Harmless' };
    expect(verify(entries, head)).toEqual({ seq: 7, id: 107, reason: expect.stringMatching(/entry 7 was altered/) as unknown });
  });

  it('names an entry whose timestamp, actor or action was altered', () => {
    for (const change of [
      { at: new Date(0) },
      { actorLabel: 'intern' },
      { action: 'x' },
      { requestId: 'other' },
    ] as Partial<StoredEntry>[]) {
      const { entries, head } = chain(5);
      Object.assign(entries[2]!, change);
      expect(verify(entries, head)?.seq).toBe(3);
    }
  });

  it('names the first of several altered entries', () => {
    const { entries, head } = chain(10);
    entries[8]!.action = 'x';
    entries[3]!.action = 'y';
    expect(verify(entries, head)?.seq).toBe(4);
  });

  it('names the entry after one that was altered and re-hashed (the link breaks)', () => {
    const { entries, head } = chain(6);
    const e = entries[2]!;
    e.action = 'system.delete';
    e.hash = entryHash(e.prevHash, e);
    expect(verify(entries, head)).toEqual({ seq: 4, id: 104, reason: expect.stringMatching(/does not link/) as unknown });
  });

  it('catches a whole chain re-hashed after an edit, by its head', () => {
    const { entries, head } = chain(6);
    entries[2]!.action = 'system.delete';
    let prev = GENESIS_HASH;
    for (const e of entries) {
      e.prevHash = prev;
      e.hash = entryHash(prev, e);
      prev = e.hash;
    }
    expect(verify(entries, head)).toEqual({ seq: 6, id: null, reason: expect.stringMatching(/does not match the chain head/) as unknown });
  });

  it('names a deleted entry in the middle, and the first of a deleted run', () => {
    const { entries, head } = chain(10);
    expect(
      verify(
        entries.filter((e) => e.seq !== 4),
        head,
      ),
    ).toEqual({ seq: 4, id: null, reason: expect.stringMatching(/missing/) as unknown });
    expect(
      verify(
        entries.filter((e) => e.seq < 3 || e.seq > 7),
        head,
      )?.seq,
    ).toBe(3);
  });

  it('names a deleted first entry', () => {
    const { entries, head } = chain(4);
    expect(verify(entries.slice(1), head)?.seq).toBe(1);
  });

  it('names deleted newest entries against the head', () => {
    const { entries, head } = chain(10);
    expect(verify(entries.slice(0, 9), head)).toEqual({ seq: 10, id: null, reason: expect.stringMatching(/10–10 are missing/) as unknown });
    expect(verify(entries.slice(0, 7), head)?.seq).toBe(8);
    expect(verify([], head)?.seq).toBe(1);
  });

  it('names an entry appended without moving the head, even with a valid hash', () => {
    const { entries, head } = chain(5);
    const extra = fields(6);
    entries.push({ ...extra, id: 106, prevHash: head.hash, hash: entryHash(head.hash, extra) });
    expect(verify(entries, head)).toEqual({ seq: 6, id: null, reason: expect.stringMatching(/head stops at 5/) as unknown });
  });

  it('names entries with no head at all', () => {
    const { entries } = chain(3);
    expect(verify(entries, null)?.seq).toBe(1);
  });

  it('catches a head whose hash was changed', () => {
    const { entries, head } = chain(5);
    expect(verify(entries, { seq: 5, hash: 'f'.repeat(64) })).toEqual({
      seq: 5,
      id: null,
      reason: expect.stringMatching(/chain head/) as unknown,
    });
    expect(verify(entries, head)).toBeNull();
  });

  it('names two entries whose seq values were swapped (read back in seq order)', () => {
    const { entries, head } = chain(8);
    const a = entries[2]!; // seq 3
    const b = entries[5]!; // seq 6
    [a.seq, b.seq] = [b.seq, a.seq];
    const ordered = [...entries].sort((x, y) => x.seq - y.seq);
    expect(verify(ordered, head)).toEqual({ seq: 3, id: b.id, reason: expect.stringMatching(/does not link/) as unknown });
  });

  it('names two entries whose content was swapped (seq and hashes left in place)', () => {
    const { entries, head } = chain(8);
    const a = entries[4]!;
    const b = entries[5]!;
    const content = (e: StoredEntry) => ({
      at: e.at,
      action: e.action,
      entityId: e.entityId,
      before: e.before,
      after: e.after,
      requestId: e.requestId,
    });
    const [ca, cb] = [content(a), content(b)];
    Object.assign(a, cb);
    Object.assign(b, ca);
    expect(verify(entries, head)).toEqual({ seq: 5, id: 105, reason: expect.stringMatching(/altered/) as unknown });
  });

  it('names a duplicated seq', () => {
    const { entries, head } = chain(5);
    const dup = { ...entries[2]!, id: 999 };
    const withDup = [...entries.slice(0, 3), dup, ...entries.slice(3)];
    expect(verify(withDup, head)).toEqual({ seq: 3, id: 999, reason: expect.stringMatching(/appears twice/) as unknown });
  });

  it('names an entry that was moved to another organisation', () => {
    const { entries, head } = chain(5);
    entries[1]!.orgId = '00000000-0000-4000-8000-000000000000';
    expect(verify(entries, head)?.seq).toBe(2);
  });

  it('finds any single alteration of a random chain at exactly that entry (property)', () => {
    const { entries: pristine, head } = chain(30);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 29 }), fc.constantFrom('action', 'actorLabel', 'after', 'prevHash', 'hash'), (i, field) => {
        const entries = pristine.map((e) => ({ ...e }));
        const e = entries[i]!;
        if (field === 'after') e.after = { tampered: true };
        else e[field] = `${e[field]}x`;
        const found = verify(entries, head);
        return found?.seq === i + 1;
      }),
      { numRuns: 150 },
    );
  });
});
