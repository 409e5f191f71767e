import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import { classificationOverview, classificationState, classifySystemInput } from './schema.js';
import { classificationOverview as overview, classifySystem, getClassificationState } from './service.js';

const tags = ['classification'];

export function systemClassificationRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/classifications',
    {
      schema: {
        tags,
        summary: 'Every AI system with its EU AI Act tier, basis, PCPD risk level and review date',
        params: orgParams,
        response: { 200: classificationOverview },
      },
    },
    async (request) => overview(await orgContext(db, request, request.params.org)),
  );

  app.get(
    '/api/v1/orgs/:org/systems/:id/classification',
    {
      schema: {
        tags,
        summary: "A system's classification, its history and answers suggested from the register",
        params: orgIdParams,
        response: { 200: classificationState },
      },
    },
    async (request) => getClassificationState(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.put(
    '/api/v1/orgs/:org/systems/:id/classification',
    {
      schema: {
        tags,
        summary: 'Classify a system from the wizard answers (stored with the result and the rules version)',
        params: orgIdParams,
        body: classifySystemInput,
        response: { 200: classificationState },
      },
    },
    async (request) => classifySystem(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );
}
