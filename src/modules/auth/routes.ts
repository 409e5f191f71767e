import { z } from 'zod';
import { requireIdentity, SESSION_COOKIE } from '../../server/auth-plugin.js';
import { AppError } from '../../server/errors.js';
import type { App, RouteDeps } from '../../server/types.js';
import { SESSION_TTL_MS, login, logout, sessionView } from './service.js';
import { loginBody, sessionView as sessionViewSchema } from './schema.js';

export interface AuthRouteOptions extends RouteDeps {
  secureCookies: boolean;
}

export function authRoutes(app: App, { db, secureCookies }: AuthRouteOptions): void {
  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', body: loginBody, response: { 200: sessionViewSchema } },
      // At most 10 attempts a minute per address and account.
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          // After body parsing, so that the key can include the e-mail address.
          hook: 'preHandler',
          keyGenerator: (req) => {
            const email = (req.body as { email?: unknown } | undefined)?.email;
            return `${req.ip}|${typeof email === 'string' ? email.toLowerCase() : ''}`;
          },
        },
      },
    },
    async (request, reply) => {
      const { cookie, view } = await login(db, request.body.email, request.body.password);
      reply.setCookie(SESSION_COOKIE, cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        maxAge: SESSION_TTL_MS / 1000,
      });
      return view;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } } },
    async (request, reply) => {
      await logout(db, request.identity);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/session',
    { schema: { tags: ['auth'], summary: 'The signed-in user, their organisations and CSRF token', response: { 200: sessionViewSchema } } },
    async (request) => {
      const identity = requireIdentity(request);
      if (identity.kind !== 'session') throw new AppError('bad_request', 'API tokens have no session; use GET /api/v1/orgs');
      return sessionView(db, identity.user, identity.csrfToken);
    },
  );
}
