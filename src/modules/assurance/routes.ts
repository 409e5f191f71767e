import type { FastifyRequest } from 'fastify';
import { orgContext } from '../../server/auth-plugin.js';
import { AppError } from '../../server/errors.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import { archiveDataset, getDataset, listDatasets, uploadDataset, type DatasetUpload } from './datasets-service.js';
import { assuranceEnv } from './env.js';
import {
  archiveProfile,
  copyProfile,
  createProfile,
  getProfile,
  listProfiles,
  restoreProfile,
  suggestColumns,
  updateProfile,
} from './profiles-service.js';
import { createRun, getRun, listRuns, runSeries } from './runs-service.js';
import {
  columnSuggestion,
  columnSuggestionQuery,
  copyProfileInput,
  createProfileInput,
  createRunInput,
  DATASET_MAX_BYTES,
  datasetList,
  datasetListQuery,
  datasetView,
  profileList,
  profileListQuery,
  profileView,
  runList,
  runListQuery,
  runSeries as runSeriesSchema,
  runView,
  seriesQuery,
  updateProfileInput,
} from './schema.js';

const tags = ['assurance'];

/** The one file of a multipart upload (field "file", optional "name" field before it), streamed; limit DATASET_MAX_BYTES. */
async function withDatasetFile<T>(request: FastifyRequest, store: (upload: DatasetUpload) => Promise<T>): Promise<T> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file"');
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  let streamError: unknown;
  try {
    part = await request.file({ limits: { fileSize: DATASET_MAX_BYTES, files: 1, fields: 5 } });
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode) throw err;
    throw new AppError('bad_request', `The upload is not valid multipart/form-data: ${(err as Error).message}`);
  }
  if (!part) throw new AppError('bad_request', 'No file was sent; use a field named "file"');
  part.file.on('error', (err) => (streamError = err));
  try {
    if (part.fieldname !== 'file') throw new AppError('bad_request', 'Send the file in a field named "file"');
    const field = part.fields.name;
    const name = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : undefined;
    const file = part.file;
    return await store({ fileName: part.filename, name, content: file, truncated: () => file.truncated });
  } catch (err) {
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
    if (streamError) throw new AppError('bad_request', `The upload is not valid multipart/form-data: ${(streamError as Error).message}`);
    throw err;
  } finally {
    part.file.resume();
  }
}

export function assuranceRoutes(app: App, { db, catalog, evidenceDir }: RouteDeps): void {
  const env = assuranceEnv(catalog, evidenceDir);
  const ctxOf = (request: FastifyRequest<{ Params: { org: string } }>) => orgContext(db, request, request.params.org);

  /* ---------- data sets ---------- */

  app.get(
    '/api/v1/orgs/:org/systems/:id/datasets',
    {
      schema: {
        tags,
        summary: "A system's data sets with their column profiles",
        params: orgIdParams,
        querystring: datasetListQuery,
        response: { 200: datasetList },
      },
    },
    async (request) => listDatasets(await ctxOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/orgs/:org/systems/:id/datasets',
    {
      schema: {
        tags,
        summary:
          'Upload a data set to a system (multipart: optional field "name", then "file": CSV or Parquet, at most 200 MB); profiled on upload',
        params: orgIdParams,
        consumes: ['multipart/form-data'],
        response: { 201: datasetView },
      },
    },
    async (request, reply) => {
      const ctx = await ctxOf(request);
      const view = await withDatasetFile(request, (upload) => uploadDataset(ctx, env, request.params.id, upload));
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/v1/orgs/:org/datasets/:id',
    { schema: { tags, summary: 'One data set with its column profile', params: orgIdParams, response: { 200: datasetView } } },
    async (request) => getDataset(await ctxOf(request), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/datasets/:id/archive',
    { schema: { tags, summary: 'Archive a data set (its runs stay)', params: orgIdParams, response: { 200: datasetView } } },
    async (request) => archiveDataset(await ctxOf(request), request.params.id),
  );

  app.get(
    '/api/v1/orgs/:org/datasets/:id/column-suggestions',
    {
      schema: {
        tags,
        summary: "The data set's columns that a threshold profile pre-selects as sensitive (names matched loosely, with synonyms)",
        params: orgIdParams,
        querystring: columnSuggestionQuery,
        response: { 200: columnSuggestion },
      },
    },
    async (request) => suggestColumns(await ctxOf(request), request.params.id, request.query.profileId),
  );

  /* ---------- threshold profiles ---------- */

  app.get(
    '/api/v1/orgs/:org/threshold-profiles',
    {
      schema: {
        tags,
        summary: 'Fairness threshold profiles (built-ins and custom)',
        params: orgParams,
        querystring: profileListQuery,
        response: { 200: profileList },
      },
    },
    async (request) => listProfiles(await ctxOf(request), request.query),
  );

  app.post(
    '/api/v1/orgs/:org/threshold-profiles',
    {
      schema: {
        tags,
        summary: 'Add a custom threshold profile',
        params: orgParams,
        body: createProfileInput,
        response: { 201: profileView },
      },
    },
    async (request, reply) => reply.code(201).send(await createProfile(await ctxOf(request), request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/threshold-profiles/:id',
    { schema: { tags, summary: 'One threshold profile', params: orgIdParams, response: { 200: profileView } } },
    async (request) => getProfile(await ctxOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/threshold-profiles/:id',
    {
      schema: {
        tags,
        summary: 'Change a custom threshold profile (built-ins: 409)',
        params: orgIdParams,
        body: updateProfileInput,
        response: { 200: profileView },
      },
    },
    async (request) => updateProfile(await ctxOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/threshold-profiles/:id/copy',
    {
      schema: {
        tags,
        summary: 'Copy a profile (built-ins too) into a custom one',
        params: orgIdParams,
        body: copyProfileInput,
        response: { 201: profileView },
      },
    },
    async (request, reply) => reply.code(201).send(await copyProfile(await ctxOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/orgs/:org/threshold-profiles/:id/archive',
    { schema: { tags, summary: 'Archive a custom threshold profile', params: orgIdParams, response: { 200: profileView } } },
    async (request) => archiveProfile(await ctxOf(request), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/threshold-profiles/:id/restore',
    { schema: { tags, summary: 'Bring an archived threshold profile back', params: orgIdParams, response: { 200: profileView } } },
    async (request) => restoreProfile(await ctxOf(request), request.params.id),
  );

  /* ---------- runs ---------- */

  app.get(
    '/api/v1/orgs/:org/systems/:id/assurance-runs',
    {
      schema: {
        tags,
        summary: "A system's fairness tests and drift checks, newest first",
        params: orgIdParams,
        querystring: runListQuery,
        response: { 200: runList },
      },
    },
    async (request) => listRuns(await ctxOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/orgs/:org/systems/:id/assurance-runs',
    {
      schema: {
        tags,
        summary: 'Run a fairness test or drift check on stored data sets; stored immutable and recorded as evidence',
        params: orgIdParams,
        body: createRunInput,
        response: { 201: runView },
      },
    },
    async (request, reply) => reply.code(201).send(await createRun(await ctxOf(request), env, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/systems/:id/assurance-runs/series',
    {
      schema: {
        tags,
        summary: 'The headline score of every run of a kind over time, for charts',
        params: orgIdParams,
        querystring: seriesQuery,
        response: { 200: runSeriesSchema },
      },
    },
    async (request) => runSeries(await ctxOf(request), request.params.id, request.query.kind),
  );

  app.get(
    '/api/v1/orgs/:org/assurance-runs/:id',
    { schema: { tags, summary: 'One run with its parameters, input hashes and results', params: orgIdParams, response: { 200: runView } } },
    async (request) => getRun(await ctxOf(request), request.params.id),
  );

  app.get(
    '/api/v1/orgs/:org/assurance-runs/:id/download',
    { schema: { tags, summary: 'One run as a JSON file', params: orgIdParams, response: { 200: runView } } },
    async (request, reply) => {
      const run = await getRun(await ctxOf(request), request.params.id);
      return reply
        .header('content-disposition', `attachment; filename="${run.kind}-run-${run.id}.json"`)
        .header('cache-control', 'private, no-store')
        .send(run);
    },
  );
}
