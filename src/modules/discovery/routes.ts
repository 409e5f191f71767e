import path from 'node:path';
import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import { deleteCatalogueEntry, listCatalogue, putCatalogueEntry } from './catalogue.js';
import { addToInventory, decideFinding, discoveryFootprint, linkFinding, listFindings } from './findings.js';
import { getDiscoveryRun, listDiscoveryRuns, startDiscoveryRun, type ScanEnv } from './runs.js';
import {
  catalogueEntryInput,
  catalogueList,
  catalogueQuery,
  decisionInput,
  discoveryRunPage,
  discoveryRunView,
  findingList,
  findingParams,
  findingView,
  footprintView,
  linkInput,
  runListQuery,
  uploadQuery,
} from './schema.js';
import { receiveUpload } from './upload.js';
import { installationSecret } from './user-key.js';

const tags = ['discovery'];

export function discoveryRoutes(app: App, { db, evidenceDir }: RouteDeps): void {
  // Uploads wait in the file store until scanned, then are removed; the pseudonym key is kept there too.
  const uploadDir = path.join(evidenceDir, 'discovery-uploads');
  const env: ScanEnv = { secret: () => installationSecret(evidenceDir), removeFile: true };

  app.post(
    '/api/v1/orgs/:org/discovery/runs',
    {
      schema: {
        tags,
        summary:
          'Scan a proxy / DNS log, SSO export or expense file for AI services (multipart: fields format and optional ' +
          'domainColumn, urlColumn, userColumn, timeColumn, then the file; up to 2 GB). Answers 202 with the run; poll it.',
        params: orgParams,
        querystring: uploadQuery,
        consumes: ['multipart/form-data'],
        response: { 200: discoveryRunView, 202: discoveryRunView },
      },
    },
    async (request, reply) => {
      const ctx = await orgContext(db, request, request.params.org);
      const { wait, ...settings } = request.query;
      const { run, finished } = await startDiscoveryRun(ctx, env, () => receiveUpload(request, uploadDir, settings));
      if (wait === 'true') return reply.code(200).send(await finished);
      finished.catch((err: unknown) => request.log.error({ err }, 'discovery scan failed'));
      return reply.code(202).send(run);
    },
  );

  app.get(
    '/api/v1/orgs/:org/discovery/runs',
    {
      schema: {
        tags,
        summary: 'Discovery runs, newest first',
        params: orgParams,
        querystring: runListQuery,
        response: { 200: discoveryRunPage },
      },
    },
    async (request) => listDiscoveryRuns(await orgContext(db, request, request.params.org), request.query),
  );

  app.get(
    '/api/v1/orgs/:org/discovery/runs/:id',
    { schema: { tags, summary: 'Progress and result of a discovery run', params: orgIdParams, response: { 200: discoveryRunView } } },
    async (request) => getDiscoveryRun(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.get(
    '/api/v1/orgs/:org/discovery/findings',
    {
      schema: {
        tags,
        summary:
          'Discovered AI services with catalogue details, the registered system each is (or none) and the decision; unregistered first',
        params: orgParams,
        response: { 200: findingList },
      },
    },
    async (request) => listFindings(await orgContext(db, request, request.params.org)),
  );

  app.post(
    '/api/v1/orgs/:org/discovery/findings/:catalogId/add-to-inventory',
    {
      schema: {
        tags,
        summary: 'Register a discovered service as a draft AI system pre-filled from the catalogue, and link it',
        params: findingParams,
        response: { 200: findingView },
      },
    },
    async (request) => addToInventory(await orgContext(db, request, request.params.org), request.params.catalogId),
  );

  app.post(
    '/api/v1/orgs/:org/discovery/findings/:catalogId/decision',
    {
      schema: {
        tags,
        summary: 'Decide about a discovered service: sanctioned, tolerated, blocked or ignored (ignored needs a reason)',
        params: findingParams,
        body: decisionInput,
        response: { 200: findingView },
      },
    },
    async (request) => decideFinding(await orgContext(db, request, request.params.org), request.params.catalogId, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/discovery/findings/:catalogId/link',
    {
      schema: {
        tags,
        summary: 'Link a discovered service to an existing AI system (null removes the link)',
        params: findingParams,
        body: linkInput,
        response: { 200: findingView },
      },
    },
    async (request) => linkFinding(await orgContext(db, request, request.params.org), request.params.catalogId, request.body),
  );

  app.get(
    '/api/v1/orgs/:org/discovery/footprint',
    {
      schema: {
        tags,
        summary:
          'AI footprint: registered = live (not archived) AI systems; unregisteredDiscovered = discovered services with no live ' +
          'system linked or matched by name / provider, not ignored; footprint = (registered + unregisteredDiscovered) ÷ registered',
        params: orgParams,
        response: { 200: footprintView },
      },
    },
    async (request) => discoveryFootprint(await orgContext(db, request, request.params.org)),
  );

  app.get(
    '/api/v1/orgs/:org/discovery/catalogue',
    {
      schema: {
        tags,
        summary: 'The AI service catalogue used for scans: the bundled one with the organisation entries merged over it',
        params: orgParams,
        querystring: catalogueQuery,
        response: { 200: catalogueList },
      },
    },
    async (request) => listCatalogue(await orgContext(db, request, request.params.org), request.query.origin),
  );

  app.put(
    '/api/v1/orgs/:org/discovery/catalogue/:catalogId',
    {
      schema: {
        tags,
        summary: "Add or replace one of the organisation's own catalogue entries (a bundled id overrides that entry)",
        params: findingParams,
        body: catalogueEntryInput,
        response: { 200: catalogueList },
      },
    },
    async (request) => putCatalogueEntry(await orgContext(db, request, request.params.org), request.params.catalogId, request.body),
  );

  app.delete(
    '/api/v1/orgs/:org/discovery/catalogue/:catalogId',
    {
      schema: {
        tags,
        summary: "Remove one of the organisation's own catalogue entries (a bundled entry of that id applies again)",
        params: findingParams,
        response: { 200: catalogueList },
      },
    },
    async (request) => deleteCatalogueEntry(await orgContext(db, request, request.params.org), request.params.catalogId),
  );
}
