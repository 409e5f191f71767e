import { z } from 'zod';
import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import { createdToken, createTokenInput, tokenView } from './schema.js';
import { createToken, listTokens, revokeToken } from './service.js';

const tags = ['api-tokens'];

export function tokenRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/tokens',
    {
      schema: {
        tags,
        summary: 'API tokens of the organisation (never the secrets)',
        params: orgParams,
        response: { 200: z.object({ items: z.array(tokenView) }) },
      },
    },
    async (request) => ({ items: await listTokens(await orgContext(db, request, request.params.org)) }),
  );

  app.post(
    '/api/v1/orgs/:org/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the secret is in this response only',
        params: orgParams,
        body: createTokenInput,
        response: { 201: createdToken },
      },
    },
    async (request, reply) => reply.code(201).send(await createToken(await orgContext(db, request, request.params.org), request.body)),
  );

  app.post(
    '/api/v1/orgs/:org/tokens/:id/revoke',
    { schema: { tags, summary: 'Revoke an API token', params: orgIdParams, response: { 200: tokenView } } },
    async (request) => revokeToken(await orgContext(db, request, request.params.org), request.params.id),
  );
}
