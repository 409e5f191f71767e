import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgParams } from '../orgs/schema.js';
import { residencyPolicyInput, residencyPolicyView, residencyViolations } from './schema.js';
import { getResidencyPolicy, listResidencyViolations, setResidencyPolicy } from './service.js';

const tags = ['data residency'];

export function residencyRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/residency/policy',
    { schema: { tags, summary: 'Where personal data may be processed', params: orgParams, response: { 200: residencyPolicyView } } },
    async (request) => getResidencyPolicy(await orgContext(db, request, request.params.org)),
  );

  app.put(
    '/api/v1/orgs/:org/residency/policy',
    {
      schema: {
        tags,
        summary: 'Set the data-residency policy',
        params: orgParams,
        body: residencyPolicyInput,
        response: { 200: residencyPolicyView },
      },
    },
    async (request) => setResidencyPolicy(await orgContext(db, request, request.params.org), request.body),
  );

  app.get(
    '/api/v1/orgs/:org/residency/violations',
    {
      schema: {
        tags,
        summary: 'Live systems and vendors that process covered data outside the allowed regions, with reasons in EN and zh-HK',
        params: orgParams,
        response: { 200: residencyViolations },
      },
    },
    async (request) => listResidencyViolations(await orgContext(db, request, request.params.org)),
  );
}
