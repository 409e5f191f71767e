import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import {
  clauseChecklist,
  clauseParams,
  clauseTemplateParams,
  contractList,
  contractListQuery,
  contractView,
  createClauseInput,
  createContractInput,
  setClauseInput,
  updateClauseInput,
  updateContractInput,
} from './schema.js';
import {
  addClause,
  archiveContract,
  createContract,
  getChecklist,
  getContract,
  listContracts,
  restoreContract,
  setContractClause,
  updateClause,
  updateContract,
} from './service.js';

const tags = ['vendor contracts'];

export function vendorContractRoutes(app: App, { db, catalog }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/vendors/:id/contracts',
    {
      schema: {
        tags,
        summary: "A vendor's contracts with their AI clauses",
        params: orgIdParams,
        querystring: contractListQuery,
        response: { 200: contractList },
      },
    },
    async (request) => listContracts(await orgContext(db, request, request.params.org), request.params.id, request.query),
  );

  app.post(
    '/api/v1/orgs/:org/vendors/:id/contracts',
    {
      schema: {
        tags,
        summary: 'Add a contract with a vendor',
        params: orgIdParams,
        body: createContractInput,
        response: { 201: contractView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createContract(await orgContext(db, request, request.params.org), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/vendor-contracts/:id',
    { schema: { tags, summary: 'One contract and its clause checklist', params: orgIdParams, response: { 200: contractView } } },
    async (request) => getContract(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/vendor-contracts/:id',
    { schema: { tags, summary: 'Change a contract', params: orgIdParams, body: updateContractInput, response: { 200: contractView } } },
    async (request) => updateContract(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/vendor-contracts/:id/archive',
    { schema: { tags, summary: 'Archive a contract', params: orgIdParams, response: { 200: contractView } } },
    async (request) => archiveContract(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/vendor-contracts/:id/restore',
    { schema: { tags, summary: 'Bring an archived contract back', params: orgIdParams, response: { 200: contractView } } },
    async (request) => restoreContract(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.put(
    '/api/v1/orgs/:org/vendor-contracts/:id/clauses/:clauseKey',
    {
      schema: {
        tags,
        summary: 'Mark a clause present, missing (raises a remediation action) or under negotiation',
        params: clauseParams,
        body: setClauseInput,
        response: { 200: contractView },
      },
    },
    async (request) =>
      setContractClause(
        await orgContext(db, request, request.params.org),
        catalog,
        request.params.id,
        request.params.clauseKey,
        request.body,
      ),
  );

  app.get(
    '/api/v1/orgs/:org/contract-clauses',
    { schema: { tags, summary: "The organisation's AI clause checklist", params: orgParams, response: { 200: clauseChecklist } } },
    async (request) => getChecklist(await orgContext(db, request, request.params.org)),
  );

  app.post(
    '/api/v1/orgs/:org/contract-clauses',
    {
      schema: {
        tags,
        summary: 'Add a clause of your own to the checklist',
        params: orgParams,
        body: createClauseInput,
        response: { 201: clauseChecklist },
      },
    },
    async (request, reply) => reply.code(201).send(await addClause(await orgContext(db, request, request.params.org), request.body)),
  );

  app.patch(
    '/api/v1/orgs/:org/contract-clauses/:clauseKey',
    {
      schema: {
        tags,
        summary: 'Switch a clause on or off, or reword your own',
        params: clauseTemplateParams,
        body: updateClauseInput,
        response: { 200: clauseChecklist },
      },
    },
    async (request) => updateClause(await orgContext(db, request, request.params.org), request.params.clauseKey, request.body),
  );
}
