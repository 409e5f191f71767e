import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';
import { actorOf, csrfMatches, identifyByBearer, identifyByCookie, resolveOrgAccess, type Identity } from '../modules/auth/service.js';
import type { OrgContext } from './context.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'aims_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Signing in creates the session, so it cannot carry its token; SameSite cookies and a JSON body guard it. */
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity | null;
  }
}

/**
 * Identifies every /api request from its session cookie or bearer token, and rejects writes made with a
 * session cookie that do not carry the session's CSRF token. Routes then call `requireIdentity` or `orgContext`.
 */
export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('identity', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      request.identity = match?.[1] ? await identifyByBearer(db, match[1]) : null;
      if (!request.identity) throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    request.identity = cookie ? await identifyByCookie(db, cookie) : null;
    // Organisation routes answer anonymous callers 401 before looking at their ids or bodies.
    if (!request.identity && request.url.startsWith('/api/v1/orgs')) {
      throw new AppError('unauthenticated', 'Sign in or send an API token');
    }
    const csrfHeader = request.headers['x-csrf-token'];
    if (
      request.identity &&
      UNSAFE.has(request.method) &&
      !CSRF_EXEMPT.has(request.url) &&
      !csrfMatches(request.identity, typeof csrfHeader === 'string' ? csrfHeader : undefined)
    ) {
      throw new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header; reload the page and try again');
    }
  });
}

export function requireIdentity(request: FastifyRequest): Identity {
  if (!request.identity) throw new AppError('unauthenticated', 'Sign in or send an API token');
  return request.identity;
}

/** The context of an organisation-scoped route: who acts, in which organisation, with which role. */
export async function orgContext(db: Db, request: FastifyRequest, slug: string): Promise<OrgContext> {
  const identity = requireIdentity(request);
  const { org, role } = await resolveOrgAccess(db, identity, slug);
  return { db, actor: actorOf(identity), org, role, requestId: request.id };
}
