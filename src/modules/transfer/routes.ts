import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { orgContext } from '../../server/auth-plugin.js';
import { AppError } from '../../server/errors.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams } from '../orgs/schema.js';
import { exportRegister } from './export.js';
import { getImportRun, startImport } from './runs.js';
import { entityParams, exportQuery, importQuery, importRunView } from './schema.js';

const tags = ['import-export'];

/** The one uploaded file of a multipart request, read into memory within the upload limit. */
async function uploadedFile(request: FastifyRequest): Promise<{ fileName: string; body: Buffer }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file"');
  try {
    const part = await request.file();
    if (!part) throw new AppError('bad_request', 'No file was sent; use a field named "file"');
    if (!/\.(csv|xlsx)$/i.test(part.filename)) {
      part.file.resume();
      throw new AppError('unsupported_media_type', 'Only .csv and .xlsx files can be imported');
    }
    return { fileName: part.filename, body: await part.toBuffer() };
  } catch (err) {
    // Limits (413) carry their status; anything else the multipart parser throws is a malformed upload.
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
    throw new AppError('bad_request', `The upload is not valid multipart/form-data: ${(err as Error).message}`);
  }
}

export function transferRoutes(app: App, { db }: RouteDeps): void {
  app.post(
    '/api/v1/orgs/:org/imports/:entity',
    {
      schema: {
        tags,
        summary: 'Import a CSV or XLSX file (multipart field "file"); a dry run lists every row error and writes nothing',
        params: entityParams,
        querystring: importQuery.extend({
          wait: z.enum(['true', 'false']).default('false').describe('answer when the run is finished instead of at once'),
        }),
        consumes: ['multipart/form-data'],
        response: { 200: importRunView, 202: importRunView },
      },
    },
    async (request, reply) => {
      const ctx = await orgContext(db, request, request.params.org);
      const { run, finished } = await startImport(ctx, request.params.entity, request.query.dryRun, () => uploadedFile(request));
      if (request.query.wait === 'true') return reply.code(200).send(await finished);
      finished.catch((err: unknown) => request.log.error({ err }, 'import failed'));
      return reply.code(202).send(run);
    },
  );

  app.get(
    '/api/v1/orgs/:org/imports/:id',
    { schema: { tags, summary: 'Progress and result of an import', params: orgIdParams, response: { 200: importRunView } } },
    async (request) => getImportRun(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.get(
    '/api/v1/orgs/:org/exports/:entity',
    { schema: { tags, summary: 'Download the register as CSV or XLSX', params: entityParams, querystring: exportQuery } },
    async (request, reply) => {
      const ctx = await orgContext(db, request, request.params.org);
      const file = await exportRegister(ctx, request.params.entity, request.query.format, request.query.lang);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );
}
