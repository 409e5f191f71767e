import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgParams } from '../orgs/schema.js';
import { auditListQuery, auditPage } from './schema.js';
import { listAuditEntries } from './service.js';

export function auditRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/audit-log',
    {
      schema: {
        tags: ['audit-trail'],
        summary: 'Browse the audit trail, newest first',
        params: orgParams,
        querystring: auditListQuery,
        response: { 200: auditPage },
      },
    },
    async (request) => listAuditEntries(await orgContext(db, request, request.params.org), request.query),
  );
}
