import type { FastifyReply } from 'fastify';
import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import { oscalCatalogParams, oscalDocument, oscalPoamQuery } from './schema.js';
import { exportAssessmentResults, exportCatalog, exportPoam, type OscalFile } from './service.js';

const tags = ['oscal'];

/** OSCAL documents download as files; the media type is plain JSON (OSCAL has no registered one). */
function download(reply: FastifyReply, file: OscalFile) {
  return reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .send(file.document);
}

export function oscalRoutes(app: App, { db, catalog }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/oscal/catalog/:framework',
    {
      schema: {
        tags,
        summary: 'A framework (built-in or custom) as an OSCAL 1.1.3 catalog',
        params: oscalCatalogParams,
        response: { 200: oscalDocument },
      },
    },
    async (request, reply) =>
      download(reply, await exportCatalog(await orgContext(db, request, request.params.org), catalog, request.params.framework)),
  );

  app.get(
    '/api/v1/orgs/:org/oscal/assessment-results/:id',
    {
      schema: {
        tags,
        summary: 'An assessment as OSCAL 1.1.3 assessment-results',
        params: orgIdParams,
        response: { 200: oscalDocument },
      },
    },
    async (request, reply) =>
      download(reply, await exportAssessmentResults(await orgContext(db, request, request.params.org), catalog, request.params.id)),
  );

  app.get(
    '/api/v1/orgs/:org/oscal/poam',
    {
      schema: {
        tags,
        summary: 'Remediation actions as an OSCAL 1.1.3 plan of action and milestones (?framework=ID to limit)',
        params: orgParams,
        querystring: oscalPoamQuery,
        response: { 200: oscalDocument },
      },
    },
    async (request, reply) =>
      download(reply, await exportPoam(await orgContext(db, request, request.params.org), catalog, request.query.framework)),
  );
}
