import type { Db } from '../../db/connect.js';
import type { OrgRef } from '../../server/context.js';
import { generationOf } from '../audit-log/generations.js';
import type { Role } from './permissions.js';
import type { Identity } from './service.js';

/**
 * Remembers who a token or session cookie is, and which role a user holds in an organisation, so that a request
 * need not query for them. Only for the embedded database: its directory is locked to this process, so every
 * change that could invalidate an entry is made here — token, membership and role changes are audited and so move
 * the organisation's write generation, and signing out drops its session. On PostgreSQL other servers may make
 * those changes, so nothing is cached. Entries also end when the token or session expires.
 */
interface Entry<T> {
  value: T;
  /** organisation whose write generation the entry depends on, and that generation */
  orgId: string | null;
  generation: number;
  expiresAt: number;
}

/** A session's identity is re-read at least this often, so that anything not covered above still takes effect. */
const SESSION_RECHECK_MS = 30_000;
const MAX_ENTRIES = 10_000;

class BoundedCache<T> {
  private readonly map = new Map<string, Entry<T>>();

  get(key: string, now: number): T | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= now || (e.orgId !== null && generationOf(e.orgId) !== e.generation)) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: T, orgId: string | null, expiresAt: number): void {
    if (this.map.size >= MAX_ENTRIES) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, { value, orgId, generation: orgId === null ? 0 : generationOf(orgId), expiresAt });
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

export class IdentityCache {
  readonly tokens = new BoundedCache<Identity & { kind: 'token' }>();
  readonly sessions = new BoundedCache<Identity & { kind: 'session' }>();
  readonly memberships = new BoundedCache<{ org: OrgRef; role: Role }>();

  tokenEntry(hash: string, identity: Identity & { kind: 'token' }, expiresAt: Date): void {
    this.tokens.set(hash, identity, identity.org.id, expiresAt.getTime());
  }

  sessionEntry(id: string, identity: Identity & { kind: 'session' }, expiresAt: Date): void {
    this.sessions.set(id, identity, null, Math.min(expiresAt.getTime(), Date.now() + SESSION_RECHECK_MS));
  }

  membershipEntry(userId: string, slug: string, access: { org: OrgRef; role: Role }): void {
    this.memberships.set(`${userId}|${slug}`, access, access.org.id, Number.MAX_SAFE_INTEGER);
  }
}

const caches = new WeakMap<Db, IdentityCache>();

/** Turns the cache on for a database handle owned by this process alone (the embedded database). */
export function enableIdentityCache(db: Db): void {
  caches.set(db, new IdentityCache());
}

export function identityCacheFor(db: Db): IdentityCache | undefined {
  return caches.get(db);
}
