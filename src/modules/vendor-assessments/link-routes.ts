import type { FastifyRequest } from 'fastify';
import { type App, type RouteDeps } from '../../server/types.js';
import { withUploadedFile } from '../evidence/routes.js';
import type { EvidenceEnv } from '../evidence/service.js';
import { EvidenceStore } from '../evidence/store.js';
import { attachVendorFile, readVendorLink, submitVendorLink } from './link.js';
import { vendorLinkParams, vendorLinkResult, vendorLinkSubmit, vendorLinkView } from './schema.js';

const tags = ['vendor links'];

/** Like sign-in: the token is a credential, so guessing is slowed down per address. */
const rateLimit = { max: 30, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => req.ip };

/** The vendor's side: no account, the link's token is the only credential. */
export function vendorLinkRoutes(app: App, { db, catalog, evidenceDir }: RouteDeps): void {
  const env: EvidenceEnv = { catalog, store: new EvidenceStore(evidenceDir) };

  app.get(
    '/api/v1/vendor-links/:token',
    {
      schema: {
        tags,
        summary: 'The questionnaire behind a vendor link (404 unknown, 410 used or expired)',
        security: [],
        params: vendorLinkParams,
        response: { 200: vendorLinkView },
      },
      config: { rateLimit },
    },
    async (request) => readVendorLink(db, request.params.token),
  );

  app.post(
    '/api/v1/vendor-links/:token',
    {
      schema: {
        tags,
        summary: 'Submit the answers; the link works once',
        security: [],
        params: vendorLinkParams,
        body: vendorLinkSubmit,
        response: { 200: vendorLinkResult },
      },
      config: { rateLimit },
    },
    async (request) => submitVendorLink(db, request.params.token, request.body, request.id),
  );

  app.post(
    '/api/v1/vendor-links/:token/files',
    {
      schema: {
        tags,
        summary: 'Attach a document (multipart/form-data, field "file") before submitting',
        security: [],
        params: vendorLinkParams,
        response: { 201: vendorLinkResult },
      },
      config: { rateLimit },
    },
    async (request, reply) => {
      const result = await withUploadedFile(request, (upload) => attachVendorFile(db, env, request.params.token, upload, request.id));
      return reply.code(201).send(result);
    },
  );
}
