import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import { createSystemInput, systemListQuery, systemPage, systemView, updateSystemInput } from './schema.js';
import { archiveSystem, createSystem, getSystem, listSystems, restoreSystem, updateSystem } from './service.js';

const tags = ['ai-systems'];

export function systemRoutes(app: App, { db, systemIndex }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/systems',
    {
      schema: {
        tags,
        summary: 'List AI systems with filters, sort and pagination',
        params: orgParams,
        querystring: systemListQuery,
        response: { 200: systemPage },
      },
    },
    async (request) => listSystems(await orgContext(db, request, request.params.org), request.query, systemIndex),
  );

  app.post(
    '/api/v1/orgs/:org/systems',
    { schema: { tags, summary: 'Register an AI system', params: orgParams, body: createSystemInput, response: { 201: systemView } } },
    async (request, reply) => reply.code(201).send(await createSystem(await orgContext(db, request, request.params.org), request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/systems/:id',
    { schema: { tags, summary: 'One AI system', params: orgIdParams, response: { 200: systemView } } },
    async (request) => getSystem(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/systems/:id',
    {
      schema: {
        tags,
        summary: 'Change an AI system (send `version` to detect concurrent edits)',
        params: orgIdParams,
        body: updateSystemInput,
        response: { 200: systemView },
      },
    },
    async (request) => updateSystem(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/systems/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive an AI system (kept, and recorded in the audit trail)',
        params: orgIdParams,
        response: { 200: systemView },
      },
    },
    async (request) => archiveSystem(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/systems/:id/restore',
    { schema: { tags, summary: 'Bring an archived AI system back', params: orgIdParams, response: { 200: systemView } } },
    async (request) => restoreSystem(await orgContext(db, request, request.params.org), request.params.id),
  );
}
