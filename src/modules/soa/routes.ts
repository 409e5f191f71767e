import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgParams } from '../orgs/schema.js';
import {
  acceptSuggestionsInput,
  acceptSuggestionsResult,
  approveSoaInput,
  exportQuery,
  soaEntryParams,
  soaEntryView,
  soaVersionList,
  soaVersionParams,
  soaVersionView,
  soaView,
  updateSoaEntryInput,
} from './schema.js';
import { acceptSuggestions, approveSoa, exportSoa, getSoa, getSoaVersion, listSoaVersions, updateSoaEntry } from './service.js';

const tags = ['soa'];

export function soaRoutes(app: App, { db, catalog }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/soa',
    { schema: { tags, summary: 'The working Statement of Applicability', params: orgParams, response: { 200: soaView } } },
    async (request) => getSoa(await orgContext(db, request, request.params.org), catalog),
  );

  app.patch(
    '/api/v1/orgs/:org/soa/:controlRef',
    {
      schema: {
        tags,
        summary: 'Decide applicability, justification, status or owner of one Annex A control',
        params: soaEntryParams,
        body: updateSoaEntryInput,
        response: { 200: soaEntryView },
      },
    },
    async (request) => updateSoaEntry(await orgContext(db, request, request.params.org), catalog, request.params.controlRef, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/soa/accept-suggestions',
    {
      schema: {
        tags,
        summary: 'Copy suggestions into undecided controls (decided ones are left alone)',
        params: orgParams,
        body: acceptSuggestionsInput,
        response: { 200: acceptSuggestionsResult },
      },
    },
    async (request) => acceptSuggestions(await orgContext(db, request, request.params.org), catalog, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/soa/approve',
    {
      schema: {
        tags,
        summary: 'Approve the statement: freeze it as the next version',
        params: orgParams,
        body: approveSoaInput,
        response: { 201: soaVersionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await approveSoa(await orgContext(db, request, request.params.org), catalog, request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/soa/versions',
    { schema: { tags, summary: 'Approved versions, newest first', params: orgParams, response: { 200: soaVersionList } } },
    async (request) => listSoaVersions(await orgContext(db, request, request.params.org)),
  );

  app.get(
    '/api/v1/orgs/:org/soa/versions/:versionNo',
    { schema: { tags, summary: 'One approved version as frozen', params: soaVersionParams, response: { 200: soaVersionView } } },
    async (request) => getSoaVersion(await orgContext(db, request, request.params.org), request.params.versionNo),
  );

  app.get(
    '/api/v1/orgs/:org/soa/export',
    {
      schema: {
        tags,
        summary: 'Download the draft or an approved version as XLSX, DOCX or PDF',
        params: orgParams,
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const file = await exportSoa(await orgContext(db, request, request.params.org), catalog, request.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );
}
