import type { FastifyRequest } from 'fastify';
import { orgContext } from '../../server/auth-plugin.js';
import { AppError } from '../../server/errors.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import { attachmentDisposition } from './file-types.js';
import { exportEvidencePack } from './pack.js';
import {
  createEvidenceInput,
  evidenceExpirySummary,
  evidenceFileParams,
  evidenceLinkInput,
  evidenceListQuery,
  evidencePackQuery,
  evidencePage,
  evidenceUnlinkQuery,
  evidenceView,
  updateEvidenceInput,
} from './schema.js';
import {
  addEvidenceLink,
  archiveEvidence,
  createEvidence,
  downloadEvidenceFile,
  evidenceExpirySummary as expirySummary,
  getEvidence,
  listEvidence,
  removeEvidenceLink,
  restoreEvidence,
  updateEvidence,
  uploadEvidenceFile,
  type EvidenceEnv,
  type EvidenceUpload,
} from './service.js';
import { EvidenceStore } from './store.js';

const tags = ['evidence'];

/**
 * Hands the one uploaded file of a multipart request to `store` as a stream. Errors of the multipart parser are a
 * malformed upload (400); limits (413) and the service's own refusals keep their status.
 */
export async function withUploadedFile<T>(request: FastifyRequest, store: (upload: EvidenceUpload) => Promise<T>): Promise<T> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file"');
  let streamError: unknown;
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode) throw err;
    throw new AppError('bad_request', `The upload is not valid multipart/form-data: ${(err as Error).message}`);
  }
  if (!part) throw new AppError('bad_request', 'No file was sent; use a field named "file"');
  part.file.on('error', (err) => (streamError = err));
  try {
    if (part.fieldname !== 'file') throw new AppError('bad_request', 'Send the file in a field named "file"');
    const file = part.file;
    return await store({ fileName: part.filename, mediaType: part.mimetype, content: file, truncated: () => file.truncated });
  } catch (err) {
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
    if (streamError) throw new AppError('bad_request', `The upload is not valid multipart/form-data: ${(streamError as Error).message}`);
    throw err;
  } finally {
    // a refused upload is never read; drain it so that the request can finish
    part.file.resume();
  }
}

export function evidenceRoutes(app: App, { db, catalog, evidenceDir }: RouteDeps): void {
  const env: EvidenceEnv = { catalog, store: new EvidenceStore(evidenceDir) };
  const ctxOf = (request: FastifyRequest<{ Params: { org: string } }>) => orgContext(db, request, request.params.org);

  app.get(
    '/api/v1/orgs/:org/evidence',
    {
      schema: {
        tags,
        summary: 'List evidence (filters: text, kind, owner, linked target, expiry state, archived)',
        params: orgParams,
        querystring: evidenceListQuery,
        response: { 200: evidencePage },
      },
    },
    async (request) => listEvidence(await ctxOf(request), env, request.query),
  );

  app.post(
    '/api/v1/orgs/:org/evidence',
    {
      schema: {
        tags,
        summary: 'Add evidence: a link, a note, or a file item (upload its files to /evidence/{id}/files)',
        params: orgParams,
        body: createEvidenceInput,
        response: { 201: evidenceView },
      },
    },
    async (request, reply) => reply.code(201).send(await createEvidence(await ctxOf(request), env, request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/evidence/summary',
    {
      schema: {
        tags,
        summary: 'Live evidence counted by expiry state, for dashboards',
        params: orgParams,
        response: { 200: evidenceExpirySummary },
      },
    },
    async (request) => expirySummary(await ctxOf(request)),
  );

  app.get(
    '/api/v1/orgs/:org/evidence/:id',
    {
      schema: { tags, summary: 'One evidence item with its file versions and links', params: orgIdParams, response: { 200: evidenceView } },
    },
    async (request) => getEvidence(await ctxOf(request), env, request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/evidence/:id',
    {
      schema: { tags, summary: 'Change an evidence item', params: orgIdParams, body: updateEvidenceInput, response: { 200: evidenceView } },
    },
    async (request) => updateEvidence(await ctxOf(request), env, request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/evidence/:id/archive',
    { schema: { tags, summary: 'Archive an evidence item', params: orgIdParams, response: { 200: evidenceView } } },
    async (request) => archiveEvidence(await ctxOf(request), env, request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/evidence/:id/restore',
    { schema: { tags, summary: 'Bring an archived evidence item back', params: orgIdParams, response: { 200: evidenceView } } },
    async (request) => restoreEvidence(await ctxOf(request), env, request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/evidence/:id/files',
    {
      schema: {
        tags,
        summary: 'Upload a new version of a file item (multipart field "file"; at most 25 MB; PDF, images, text, Office, zip, e-mail)',
        params: orgIdParams,
        consumes: ['multipart/form-data'],
        response: { 201: evidenceView },
      },
    },
    async (request, reply) => {
      const ctx = await ctxOf(request);
      const view = await withUploadedFile(request, (upload) => uploadEvidenceFile(ctx, env, request.params.id, upload));
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/v1/orgs/:org/evidence/:id/files/:versionNo',
    {
      schema: {
        tags,
        summary: 'Download one file version; refused if the stored bytes no longer match their SHA-256',
        params: evidenceFileParams,
      },
    },
    async (request, reply) => {
      const file = await downloadEvidenceFile(await ctxOf(request), env, request.params.id, request.params.versionNo);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('x-content-sha256', file.sha256)
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );

  app.post(
    '/api/v1/orgs/:org/evidence/:id/links',
    {
      schema: {
        tags,
        summary: 'Link evidence to a requirement ("<framework>:<requirement>"), control, AI system or assessment item',
        params: orgIdParams,
        body: evidenceLinkInput,
        response: { 200: evidenceView },
      },
    },
    async (request) => addEvidenceLink(await ctxOf(request), env, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/orgs/:org/evidence/:id/links',
    {
      schema: {
        tags,
        summary: 'Remove a link of an evidence item (named in the query)',
        params: orgIdParams,
        querystring: evidenceUnlinkQuery,
        response: { 200: evidenceView },
      },
    },
    async (request) => removeEvidenceLink(await ctxOf(request), env, request.params.id, request.query),
  );

  app.get(
    '/api/v1/orgs/:org/evidence-pack',
    {
      schema: {
        tags,
        summary: 'Download an evidence pack (zip: latest file versions, manifest.json with SHA-256 hashes, index.html)',
        params: orgParams,
        querystring: evidencePackQuery,
      },
    },
    async (request, reply) => {
      const pack = await exportEvidencePack(await ctxOf(request), env, request.query);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', attachmentDisposition(pack.fileName))
        .header('cache-control', 'private, no-store')
        .send(pack.stream);
    },
  );
}
