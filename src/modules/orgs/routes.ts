import { z } from 'zod';
import { orgContext, requireIdentity } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgParams } from './schema.js';
import { membershipsOf } from '../auth/repo.js';
import { membershipView } from '../auth/schema.js';
import { isRole, type Role } from '../auth/permissions.js';
import { memberView, orgWithAccess } from './schema.js';
import { getOrganization, listMembers } from './service.js';

export function orgRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    '/api/v1/orgs',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Organisations the caller can reach',
        response: { 200: z.object({ items: z.array(membershipView) }) },
      },
    },
    async (request) => {
      const identity = requireIdentity(request);
      if (identity.kind === 'token') return { items: [{ ...identity.org, isDemo: identity.orgIsDemo, role: identity.role }] };
      const rows = await membershipsOf(db, identity.user.id);
      return { items: rows.filter((r) => isRole(r.role)).map((r) => ({ ...r, role: r.role as Role })) };
    },
  );

  app.get(
    '/api/v1/orgs/:org',
    {
      schema: {
        tags: ['organisations'],
        summary: 'An organisation with the caller’s role and abilities',
        params: orgParams,
        response: { 200: orgWithAccess },
      },
    },
    async (request) => getOrganization(await orgContext(db, request, request.params.org)),
  );

  app.get(
    '/api/v1/orgs/:org/members',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Members of the organisation',
        params: orgParams,
        response: { 200: z.object({ items: z.array(memberView) }) },
      },
    },
    async (request) => ({ items: await listMembers(await orgContext(db, request, request.params.org)) }),
  );
}
