import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { orgContext } from '../../server/auth-plugin.js';
import { AppError } from '../../server/errors.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgParams } from '../orgs/schema.js';
import { importFrameworkFields, importFrameworkResult, orgFrameworkList, orgFrameworkParams } from './schema.js';
import { frameworkDetail, requirementSearch } from '../frameworks/schema.js';
import { deleteCustomFramework, getOrgFramework, importFramework, listOrgFrameworks, type UploadedFile } from './service.js';

const tags = ['frameworks'];

/** The file of a multipart request (field "file") and the text fields sent with it, in any order. */
async function uploadWithFields(request: FastifyRequest): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file"');
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      } else if (part.fieldname === 'file' && !file) {
        file = { fileName: part.filename, body: await part.toBuffer() };
      } else {
        part.file.resume();
      }
    }
  } catch (err) {
    // Limits (413) carry their status; anything else the multipart parser throws is a malformed upload.
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
    throw new AppError('bad_request', `The upload is not valid multipart/form-data: ${(err as Error).message}`);
  }
  if (!file) throw new AppError('bad_request', 'No file was sent; use a field named "file"');
  return { file, fields };
}

export function customFrameworkRoutes(app: App, { db, catalog }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/frameworks',
    {
      schema: {
        tags,
        summary: 'The frameworks this organisation can assess: the built-in catalogue and its own (custom: true)',
        params: orgParams,
        response: { 200: orgFrameworkList },
      },
    },
    async (request) => listOrgFrameworks(await orgContext(db, request, request.params.org), catalog),
  );

  app.post(
    '/api/v1/orgs/:org/frameworks/import',
    {
      schema: {
        tags,
        summary:
          'Import a framework from an OSCAL catalog (.json) or a spreadsheet (.csv/.xlsx: id, parent, title, description) in multipart field "file"; all or nothing',
        params: orgParams,
        querystring: importFrameworkFields,
        consumes: ['multipart/form-data'],
        response: { 201: importFrameworkResult },
      },
    },
    async (request, reply) => {
      const ctx = await orgContext(db, request, request.params.org);
      const { file, fields } = await uploadWithFields(request);
      // Form fields win over query parameters of the same name.
      const result = await importFramework(ctx, catalog, file, { ...request.query, ...fields });
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/v1/orgs/:org/frameworks/:framework',
    {
      schema: {
        tags,
        summary: 'One framework this organisation can assess (built-in or its own) with its requirements; search in English or Chinese',
        params: orgFrameworkParams,
        querystring: requirementSearch,
        response: { 200: frameworkDetail },
      },
    },
    async (request) => getOrgFramework(await orgContext(db, request, request.params.org), catalog, request.params.framework, request.query),
  );

  app.delete(
    '/api/v1/orgs/:org/frameworks/:framework',
    {
      schema: {
        tags,
        summary: 'Delete a custom framework that no assessment uses',
        params: orgFrameworkParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteCustomFramework(await orgContext(db, request, request.params.org), catalog, request.params.framework);
      return reply.code(204).send(null);
    },
  );
}
