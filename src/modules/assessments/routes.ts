import { z } from 'zod';
import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { coverageView } from '../frameworks/schema.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import {
  assessmentDetail,
  assessmentItemView,
  assessmentPage,
  bulkUpdateItemsInput,
  createAssessmentInput,
  itemListQuery,
  itemParams,
  orgCoverageQuery,
  orgProgressView,
  updateAssessmentInput,
  updateItemInput,
} from './schema.js';
import {
  archiveAssessment,
  bulkUpdateItems,
  createAssessment,
  getAssessment,
  listAssessments,
  organisationCoverage,
  organisationProgress,
  restoreAssessment,
  updateAssessment,
  updateItem,
} from './service.js';

const tags = ['assessments'];

export function assessmentRoutes(app: App, { db, catalog }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/assessments',
    { schema: { tags, summary: 'Assessments with their progress', params: orgParams, response: { 200: assessmentPage } } },
    async (request) => listAssessments(await orgContext(db, request, request.params.org), catalog),
  );

  app.post(
    '/api/v1/orgs/:org/assessments',
    {
      schema: {
        tags,
        summary: 'Start assessing a framework, for the organisation or for one AI system',
        params: orgParams,
        body: createAssessmentInput,
        response: { 201: assessmentDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAssessment(await orgContext(db, request, request.params.org), catalog, request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/progress',
    {
      schema: {
        tags,
        summary: 'Progress on every framework the organisation assesses',
        params: orgParams,
        response: { 200: orgProgressView },
      },
    },
    async (request) => organisationProgress(await orgContext(db, request, request.params.org), catalog),
  );

  app.get(
    '/api/v1/orgs/:org/coverage',
    {
      schema: {
        tags,
        summary: "What the organisation's assessed work under one framework already covers of another, through the crosswalks",
        params: orgParams,
        querystring: orgCoverageQuery,
        response: { 200: coverageView },
      },
    },
    async (request) =>
      organisationCoverage(await orgContext(db, request, request.params.org), catalog, request.query.framework, request.query.from),
  );

  app.get(
    '/api/v1/orgs/:org/assessments/:id',
    {
      schema: {
        tags,
        summary: 'One assessment: its requirements (filtered by status, owner, component or text) and progress by clause and component',
        params: orgIdParams,
        querystring: itemListQuery,
        response: { 200: assessmentDetail },
      },
    },
    async (request) => getAssessment(await orgContext(db, request, request.params.org), catalog, request.params.id, request.query),
  );

  app.patch(
    '/api/v1/orgs/:org/assessments/:id',
    {
      schema: {
        tags,
        summary: 'Rename, complete or reopen an assessment',
        params: orgIdParams,
        body: updateAssessmentInput,
        response: { 200: assessmentDetail },
      },
    },
    async (request) => updateAssessment(await orgContext(db, request, request.params.org), catalog, request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/assessments/:id/archive',
    { schema: { tags, summary: 'Archive an assessment', params: orgIdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await archiveAssessment(await orgContext(db, request, request.params.org), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/orgs/:org/assessments/:id/restore',
    { schema: { tags, summary: 'Bring an archived assessment back', params: orgIdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await restoreAssessment(await orgContext(db, request, request.params.org), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/api/v1/orgs/:org/assessments/:id/items/:requirement',
    {
      schema: {
        tags,
        summary: "Assess one requirement (a status set by hand overrides the controls' and is recorded)",
        params: itemParams,
        body: updateItemInput,
        response: { 200: assessmentItemView },
      },
    },
    async (request) =>
      updateItem(await orgContext(db, request, request.params.org), catalog, request.params.id, request.params.requirement, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/assessments/:id/items/bulk',
    {
      schema: {
        tags,
        summary: 'Apply one change to many requirements, all or nothing',
        params: orgIdParams,
        body: bulkUpdateItemsInput,
        response: { 200: z.object({ updated: z.number() }) },
      },
    },
    async (request) => bulkUpdateItems(await orgContext(db, request, request.params.org), catalog, request.params.id, request.body),
  );
}
