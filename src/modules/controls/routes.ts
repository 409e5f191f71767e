import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import {
  adoptResult,
  adoptSuggestionsInput,
  controlListQuery,
  controlPage,
  controlView,
  createControlInput,
  updateControlInput,
} from './schema.js';
import { adoptSuggestions, archiveControl, createControl, getControl, listControls, restoreControl, updateControl } from './service.js';

const tags = ['controls'];

export function controlRoutes(app: App, { db, catalog }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/controls',
    {
      schema: {
        tags,
        summary: "The organisation's applied controls",
        params: orgParams,
        querystring: controlListQuery,
        response: { 200: controlPage },
      },
    },
    async (request) => listControls(await orgContext(db, request, request.params.org), catalog, request.query),
  );

  app.post(
    '/api/v1/orgs/:org/controls',
    { schema: { tags, summary: 'Add an applied control', params: orgParams, body: createControlInput, response: { 201: controlView } } },
    async (request, reply) =>
      reply.code(201).send(await createControl(await orgContext(db, request, request.params.org), catalog, request.body)),
  );

  app.post(
    '/api/v1/orgs/:org/controls/adopt',
    {
      schema: {
        tags,
        summary: 'Adopt suggested controls from the starter library (already adopted ones are skipped)',
        params: orgParams,
        body: adoptSuggestionsInput,
        response: { 200: adoptResult },
      },
    },
    async (request) => adoptSuggestions(await orgContext(db, request, request.params.org), catalog, request.body),
  );

  app.get(
    '/api/v1/orgs/:org/controls/:id',
    { schema: { tags, summary: 'One applied control', params: orgIdParams, response: { 200: controlView } } },
    async (request) => getControl(await orgContext(db, request, request.params.org), catalog, request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/controls/:id',
    {
      schema: { tags, summary: 'Change an applied control', params: orgIdParams, body: updateControlInput, response: { 200: controlView } },
    },
    async (request) => updateControl(await orgContext(db, request, request.params.org), catalog, request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/controls/:id/archive',
    { schema: { tags, summary: 'Archive an applied control', params: orgIdParams, response: { 200: controlView } } },
    async (request) => archiveControl(await orgContext(db, request, request.params.org), catalog, request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/controls/:id/restore',
    { schema: { tags, summary: 'Bring an archived control back', params: orgIdParams, response: { 200: controlView } } },
    async (request) => restoreControl(await orgContext(db, request, request.params.org), catalog, request.params.id),
  );
}
