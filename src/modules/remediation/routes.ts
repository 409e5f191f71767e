import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { itemParams } from '../assessments/schema.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import { actionFromGapInput, actionView, createActionInput, gapRegister, planQuery, planView, updateActionInput } from './schema.js';
import { createAction, createActionFromGap, gapRegister as listGaps, getAction, remediationPlan, updateAction } from './service.js';

const tags = ['remediation'];

export function remediationRoutes(app: App, { db, catalog }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/remediation-actions',
    {
      schema: {
        tags,
        summary: 'The remediation plan: actions by priority, then due date',
        params: orgParams,
        querystring: planQuery,
        response: { 200: planView },
      },
    },
    async (request) => remediationPlan(await orgContext(db, request, request.params.org), catalog, request.query),
  );

  app.post(
    '/api/v1/orgs/:org/remediation-actions',
    { schema: { tags, summary: 'Add a remediation action', params: orgParams, body: createActionInput, response: { 201: actionView } } },
    async (request, reply) =>
      reply.code(201).send(await createAction(await orgContext(db, request, request.params.org), catalog, request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/remediation-actions/:id',
    { schema: { tags, summary: 'One remediation action', params: orgIdParams, response: { 200: actionView } } },
    async (request) => getAction(await orgContext(db, request, request.params.org), catalog, request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/remediation-actions/:id',
    {
      schema: { tags, summary: 'Change a remediation action', params: orgIdParams, body: updateActionInput, response: { 200: actionView } },
    },
    async (request) => updateAction(await orgContext(db, request, request.params.org), catalog, request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/assessments/:id/items/:requirement/actions',
    {
      schema: {
        tags,
        summary: 'Create a remediation action from a gap in one click',
        params: itemParams,
        body: actionFromGapInput,
        response: { 201: actionView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createActionFromGap(
            await orgContext(db, request, request.params.org),
            catalog,
            request.params.id,
            request.params.requirement,
            request.body,
          ),
        ),
  );

  app.get(
    '/api/v1/orgs/:org/gaps',
    {
      schema: {
        tags,
        summary: 'The gap register: requirements assessed as a gap or partly met, by priority',
        params: orgParams,
        response: { 200: gapRegister },
      },
    },
    async (request) => listGaps(await orgContext(db, request, request.params.org), catalog),
  );
}
