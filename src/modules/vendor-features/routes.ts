import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams } from '../orgs/schema.js';
import { createFeatureInput, featureList, featureListQuery, featureView, updateFeatureInput } from './schema.js';
import { archiveFeature, createFeature, getFeature, listFeatures, restoreFeature, updateFeature } from './service.js';

const tags = ['vendor AI features'];

export function vendorFeatureRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/vendors/:id/ai-features',
    {
      schema: {
        tags,
        summary: "AI features inside a vendor's products",
        params: orgIdParams,
        querystring: featureListQuery,
        response: { 200: featureList },
      },
    },
    async (request) => listFeatures(await orgContext(db, request, request.params.org), request.params.id, request.query),
  );

  app.post(
    '/api/v1/orgs/:org/vendors/:id/ai-features',
    {
      schema: {
        tags,
        summary: "Record an AI feature of a vendor's product",
        params: orgIdParams,
        body: createFeatureInput,
        response: { 201: featureView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createFeature(await orgContext(db, request, request.params.org), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/vendor-ai-features/:id',
    { schema: { tags, summary: 'One AI feature', params: orgIdParams, response: { 200: featureView } } },
    async (request) => getFeature(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/vendor-ai-features/:id',
    {
      schema: {
        tags,
        summary: 'Change an AI feature (e.g. switched off)',
        params: orgIdParams,
        body: updateFeatureInput,
        response: { 200: featureView },
      },
    },
    async (request) => updateFeature(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/vendor-ai-features/:id/archive',
    { schema: { tags, summary: 'Archive an AI feature', params: orgIdParams, response: { 200: featureView } } },
    async (request) => archiveFeature(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/vendor-ai-features/:id/restore',
    { schema: { tags, summary: 'Bring an archived AI feature back', params: orgIdParams, response: { 200: featureView } } },
    async (request) => restoreFeature(await orgContext(db, request, request.params.org), request.params.id),
  );
}
