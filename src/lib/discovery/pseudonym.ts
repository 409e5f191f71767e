import { createHmac } from 'node:crypto';

/** The first 52 bits of HMAC-SHA256(key, name): enough to count distinct users, useless to recover them without the key. */
export function hmac52(key: Buffer, name: string): number {
  const digest = createHmac('sha256', key).update(name).digest();
  return digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4);
}

/** Two 32-bit FNV-1a variants over UTF-16 code units, combined into 52 bits: a fast in-memory cache key. */
function fastKey(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

/**
 * A user name → its pseudonym, hmac52(key, trimmed lowercase name). Logs repeat the same users millions of times and an
 * HMAC costs about 2 µs, so pseudonyms are memoised under a fast unkeyed hash of the name (bounded, in memory only,
 * never output; the name itself is not kept). Two names colliding on 52 bits would count as one user.
 */
export function pseudonymiser(key: Buffer, cacheSize = 50_000): (user: string) => number {
  const cache = new Map<number, number>();
  return (user) => {
    const name = user.trim().toLowerCase();
    const k = fastKey(name);
    let p = cache.get(k);
    if (p === undefined) {
      p = hmac52(key, name);
      if (cache.size >= cacheSize) cache.clear();
      cache.set(k, p);
    }
    return p;
  };
}
