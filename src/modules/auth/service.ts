import type { Db } from '../../db/connect.js';
import { randomSecret, safeEqual, sha256Hex } from '../../lib/secrets.js';
import type { Actor, OrgRef } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { identityCacheFor } from './identity-cache.js';
import { decoy, verifyPassword } from './passwords.js';
import { isRole, type Role } from './permissions.js';
import * as repo from './repo.js';
import type { SessionView } from './schema.js';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
export const TOKEN_PREFIX = 'aims_';

/** Who a request is from, once its cookie or bearer token has been checked. */
export type Identity =
  | { kind: 'session'; sessionId: string; csrfToken: string; user: repo.UserRow }
  | { kind: 'token'; tokenId: string; tokenName: string; role: Role; org: OrgRef; orgIsDemo: boolean };

export async function login(db: Db, email: string, password: string): Promise<{ cookie: string; view: SessionView }> {
  const user = await repo.findUserByEmail(db, email);
  const ok =
    user && !user.disabledAt
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await decoy(), password).then(() => false);
  if (!user || !ok) throw new AppError('unauthenticated', 'The e-mail address or password is incorrect');
  const cookie = randomSecret();
  const csrfToken = randomSecret(24);
  await repo.insertSession(db, {
    id: sha256Hex(cookie),
    userId: user.id,
    csrfToken,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
  });
  return { cookie, view: await sessionView(db, user, csrfToken) };
}

export async function logout(db: Db, identity: Identity | null): Promise<void> {
  if (identity?.kind !== 'session') return;
  identityCacheFor(db)?.sessions.delete(identity.sessionId);
  await repo.deleteSession(db, identity.sessionId);
}

export async function sessionView(db: Db, user: repo.UserRow, csrfToken: string): Promise<SessionView> {
  const orgs = await repo.membershipsOf(db, user.id);
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale },
    organisations: orgs.filter((o) => isRole(o.role)).map((o) => ({ ...o, role: o.role as Role })),
    csrfToken,
  };
}

export async function identifyByCookie(db: Db, cookie: string): Promise<Identity | null> {
  const id = sha256Hex(cookie);
  const cache = identityCacheFor(db);
  const cached = cache?.sessions.get(id, Date.now());
  if (cached) return cached;
  const row = await repo.findLiveSession(db, id, new Date());
  if (!row) return null;
  const identity = { kind: 'session', sessionId: id, csrfToken: row.session.csrfToken, user: row.user } as const;
  cache?.sessionEntry(id, identity, row.session.expiresAt);
  return identity;
}

/** Last use is informative only; it is recorded at most once a minute to keep reads cheap. */
const TOUCH_EVERY_MS = 60_000;
const lastTouched = new Map<string, number>();

export async function identifyByBearer(db: Db, token: string): Promise<Identity | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const hash = sha256Hex(token);
  const now = new Date();
  const cache = identityCacheFor(db);
  let identity = cache?.tokens.get(hash, now.getTime());
  if (!identity) {
    const row = await repo.findLiveToken(db, hash, now);
    if (!row || !isRole(row.token.role)) return null;
    identity = {
      kind: 'token',
      tokenId: row.token.id,
      tokenName: row.token.name,
      role: row.token.role,
      org: { id: row.org.id, slug: row.org.slug, name: row.org.name },
      orgIsDemo: row.org.isDemo,
    };
    cache?.tokenEntry(hash, identity, row.token.expiresAt);
    if (row.token.lastUsedAt) lastTouched.set(row.token.id, row.token.lastUsedAt.getTime());
  }
  if (now.getTime() - (lastTouched.get(identity.tokenId) ?? 0) > TOUCH_EVERY_MS) {
    lastTouched.set(identity.tokenId, now.getTime());
    await repo.touchToken(db, identity.tokenId, now);
  }
  return identity;
}

export function csrfMatches(identity: Identity, header: string | undefined): boolean {
  return identity.kind !== 'session' || (header !== undefined && safeEqual(identity.csrfToken, header));
}

/**
 * The organisation a request addresses and the role the identity holds there. An organisation the identity
 * does not belong to answers 404, exactly like one that does not exist.
 */
export async function resolveOrgAccess(db: Db, identity: Identity, slug: string): Promise<{ org: OrgRef; role: Role }> {
  if (identity.kind === 'token') {
    if (identity.org.slug !== slug) throw new AppError('not_found', 'Organisation not found');
    return { org: identity.org, role: identity.role };
  }
  const cache = identityCacheFor(db);
  const cached = cache?.memberships.get(`${identity.user.id}|${slug}`, Date.now());
  if (cached) return cached;
  const m = await repo.membershipIn(db, identity.user.id, slug);
  if (!m || !isRole(m.role)) throw new AppError('not_found', 'Organisation not found');
  const access = { org: { id: m.id, slug: m.slug, name: m.name }, role: m.role };
  cache?.membershipEntry(identity.user.id, slug, access);
  return access;
}

export function actorOf(identity: Identity): Actor {
  return identity.kind === 'session'
    ? { type: 'user', id: identity.user.id, label: identity.user.email, userId: identity.user.id }
    : { type: 'token', id: identity.tokenId, label: `token:${identity.tokenName}`, userId: null };
}
