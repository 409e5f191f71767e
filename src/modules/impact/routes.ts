import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import {
  createImpactInput,
  impactExportQuery,
  impactListQuery,
  impactPage,
  impactParams,
  impactVersionList,
  impactView,
  requiredList,
  signoffInput,
  updateImpactInput,
} from './schema.js';
import {
  createImpact,
  exportImpact,
  getImpact,
  listImpacts,
  listVersions,
  requiredAssessments,
  signoffImpact,
  submitImpact,
  updateImpact,
} from './service.js';

const tags = ['impact-assessments'];
const base = '/api/v1/orgs/:org/impact-assessments';

export function impactRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'List impact assessments (every version)',
        params: orgParams,
        querystring: impactListQuery,
        response: { 200: impactPage },
      },
    },
    async (request) => listImpacts(await orgContext(db, request, request.params.org), request.query),
  );

  app.get(
    `${base}/required`,
    {
      schema: {
        tags,
        summary: 'Which live systems need an impact assessment, why, and where each stands',
        params: orgParams,
        response: { 200: requiredList },
      },
    },
    async (request) => requiredAssessments(await orgContext(db, request, request.params.org)),
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: "Start a system's assessment: version 1, or the next version copied from the latest approved one",
        params: orgParams,
        body: createImpactInput,
        response: { 201: impactView },
      },
    },
    async (request, reply) => reply.code(201).send(await createImpact(await orgContext(db, request, request.params.org), request.body)),
  );

  app.get(
    `${base}/:id`,
    { schema: { tags, summary: 'One assessment with its sign-off steps', params: impactParams, response: { 200: impactView } } },
    async (request) => getImpact(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Change sections of a draft (sections given replace the stored ones; null clears one)',
        params: impactParams,
        body: updateImpactInput,
        response: { 200: impactView },
      },
    },
    async (request) => updateImpact(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.post(
    `${base}/:id/submit`,
    { schema: { tags, summary: 'Submit a complete draft for review', params: impactParams, response: { 200: impactView } } },
    async (request) => submitImpact(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    `${base}/:id/signoff`,
    {
      schema: {
        tags,
        summary: 'Approve or return one sign-off step; all steps approved freezes the version',
        params: impactParams,
        body: signoffInput,
        response: { 200: impactView },
      },
    },
    async (request) => signoffImpact(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.get(
    `${base}/:id/export`,
    {
      schema: {
        tags,
        summary: 'Download the assessment as DOCX or PDF, in English or Traditional Chinese',
        params: impactParams,
        querystring: impactExportQuery,
      },
    },
    async (request, reply) => {
      const file = await exportImpact(await orgContext(db, request, request.params.org), request.params.id, request.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  app.get(
    '/api/v1/orgs/:org/systems/:id/impact-assessments',
    {
      schema: {
        tags,
        summary: "Every version of a system's impact assessment, newest first",
        params: orgIdParams,
        response: { 200: impactVersionList },
      },
    },
    async (request) => listVersions(await orgContext(db, request, request.params.org), request.params.id),
  );
}
