import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import {
  assessmentList,
  assessmentView,
  createAssessmentInput,
  dueList,
  dueQuery,
  questionnaireList,
  reviewAssessmentInput,
  sendAssessmentInput,
  sentAssessmentView,
  updateAssessmentInput,
} from './schema.js';
import {
  createAssessment,
  dueForReassessment,
  getAssessment,
  listAssessments,
  listQuestionnaires,
  reviewAssessment,
  sendAssessment,
  updateAssessment,
} from './service.js';

const tags = ['vendor assessments'];

export function vendorAssessmentRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/vendor-questionnaires',
    { schema: { tags, summary: 'Due-diligence questionnaires that can be sent', params: orgParams, response: { 200: questionnaireList } } },
    async (request) => listQuestionnaires(await orgContext(db, request, request.params.org)),
  );

  app.get(
    '/api/v1/orgs/:org/vendors/:id/assessments',
    {
      schema: {
        tags,
        summary: "A vendor's due-diligence assessments, newest first",
        params: orgIdParams,
        response: { 200: assessmentList },
      },
    },
    async (request) => listAssessments(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/vendors/:id/assessments',
    {
      schema: {
        tags,
        summary: 'Start a due-diligence assessment of a vendor (a draft to fill in or send)',
        params: orgIdParams,
        body: createAssessmentInput,
        response: { 201: assessmentView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAssessment(await orgContext(db, request, request.params.org), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/vendor-assessments/due',
    {
      schema: {
        tags,
        summary: 'Vendors never assessed or due for re-assessment',
        params: orgParams,
        querystring: dueQuery,
        response: { 200: dueList },
      },
    },
    async (request) => dueForReassessment(await orgContext(db, request, request.params.org), request.query),
  );

  app.get(
    '/api/v1/orgs/:org/vendor-assessments/:id',
    { schema: { tags, summary: 'One vendor assessment', params: orgIdParams, response: { 200: assessmentView } } },
    async (request) => getAssessment(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/vendor-assessments/:id',
    {
      schema: {
        tags,
        summary: 'Fill in or correct the answers',
        params: orgIdParams,
        body: updateAssessmentInput,
        response: { 200: assessmentView },
      },
    },
    async (request) => updateAssessment(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/vendor-assessments/:id/send',
    {
      schema: {
        tags,
        summary: 'Create the vendor link (shown once; expires after 14 days by default, at most 60)',
        params: orgIdParams,
        body: sendAssessmentInput,
        response: { 200: sentAssessmentView },
      },
    },
    async (request) => sendAssessment(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/vendor-assessments/:id/review',
    {
      schema: {
        tags,
        summary: 'Review: fix the score, the tier and the next assessment date',
        params: orgIdParams,
        body: reviewAssessmentInput,
        response: { 200: assessmentView },
      },
    },
    async (request) => reviewAssessment(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );
}
