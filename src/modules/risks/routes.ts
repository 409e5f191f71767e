import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import { riskHeatmap, riskSummary } from './insights-service.js';
import {
  acceptRiskInput,
  acceptSuggestionsInput,
  acceptSuggestionsResult,
  createRiskInput,
  linkControlsInput,
  riskControlParams,
  riskHeatmap as riskHeatmapView,
  riskListQuery,
  riskPage,
  riskScopeQuery,
  riskSettingsInput,
  riskSettingsView,
  riskSuggestionList,
  riskSummary as riskSummaryView,
  riskView,
  updateRiskInput,
} from './schema.js';
import {
  acceptRisk,
  archiveRisk,
  createRisk,
  getRisk,
  linkRiskControls,
  listRisks,
  restoreRisk,
  unlinkRiskControl,
  updateRisk,
} from './service.js';
import { getRiskSettings, updateRiskSettings } from './settings-service.js';
import { acceptRiskSuggestions, riskSuggestions } from './suggestions-service.js';

const tags = ['risks'];

export function riskRoutes(app: App, { db, catalog }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/risk-settings',
    { schema: { tags, summary: 'Risk matrix, risk criteria and review cadence', params: orgParams, response: { 200: riskSettingsView } } },
    async (request) => getRiskSettings(await orgContext(db, request, request.params.org)),
  );

  app.put(
    '/api/v1/orgs/:org/risk-settings',
    {
      schema: {
        tags,
        summary: 'Replace the risk matrix, risk criteria and review cadence',
        params: orgParams,
        body: riskSettingsInput,
        response: { 200: riskSettingsView },
      },
    },
    async (request) => updateRiskSettings(await orgContext(db, request, request.params.org), request.body),
  );

  app.get(
    '/api/v1/orgs/:org/risks',
    { schema: { tags, summary: 'The AI risk register', params: orgParams, querystring: riskListQuery, response: { 200: riskPage } } },
    async (request) => listRisks(await orgContext(db, request, request.params.org), request.query),
  );

  app.post(
    '/api/v1/orgs/:org/risks',
    { schema: { tags, summary: 'Add a risk', params: orgParams, body: createRiskInput, response: { 201: riskView } } },
    async (request, reply) =>
      reply.code(201).send(await createRisk(await orgContext(db, request, request.params.org), catalog, request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/risks/:id',
    { schema: { tags, summary: 'One risk with its controls and acceptance', params: orgIdParams, response: { 200: riskView } } },
    async (request) => getRisk(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/risks/:id',
    { schema: { tags, summary: 'Change a risk', params: orgIdParams, body: updateRiskInput, response: { 200: riskView } } },
    async (request) => updateRisk(await orgContext(db, request, request.params.org), catalog, request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/risks/:id/archive',
    { schema: { tags, summary: 'Archive a risk', params: orgIdParams, response: { 200: riskView } } },
    async (request) => archiveRisk(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/risks/:id/restore',
    { schema: { tags, summary: 'Bring an archived risk back', params: orgIdParams, response: { 200: riskView } } },
    async (request) => restoreRisk(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/risks/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept a risk under the risk criteria (a note is required above the acceptable maximum)',
        params: orgIdParams,
        body: acceptRiskInput,
        response: { 200: riskView },
      },
    },
    async (request) => acceptRisk(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/risks/:id/controls',
    {
      schema: {
        tags,
        summary: 'Link applied controls to a risk',
        params: orgIdParams,
        body: linkControlsInput,
        response: { 200: riskView },
      },
    },
    async (request) => linkRiskControls(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/orgs/:org/risks/:id/controls/:controlId',
    { schema: { tags, summary: 'Unlink an applied control from a risk', params: riskControlParams, response: { 200: riskView } } },
    async (request) => unlinkRiskControl(await orgContext(db, request, request.params.org), request.params.id, request.params.controlId),
  );

  app.get(
    '/api/v1/orgs/:org/systems/:id/risk-suggestions',
    { schema: { tags, summary: "Risks suggested by a system's attributes", params: orgIdParams, response: { 200: riskSuggestionList } } },
    async (request) => riskSuggestions(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/systems/:id/risk-suggestions/accept',
    {
      schema: {
        tags,
        summary: 'Add suggested risks to the register (already added ones are skipped)',
        params: orgIdParams,
        body: acceptSuggestionsInput,
        response: { 200: acceptSuggestionsResult },
      },
    },
    async (request) => acceptRiskSuggestions(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.get(
    '/api/v1/orgs/:org/risk-heatmap',
    {
      schema: {
        tags,
        summary: 'Inherent and residual heatmaps',
        params: orgParams,
        querystring: riskScopeQuery,
        response: { 200: riskHeatmapView },
      },
    },
    async (request) => riskHeatmap(await orgContext(db, request, request.params.org), request.query),
  );

  app.get(
    '/api/v1/orgs/:org/risk-summary',
    {
      schema: {
        tags,
        summary: 'Risk counts for dashboards',
        params: orgParams,
        querystring: riskScopeQuery,
        response: { 200: riskSummaryView },
      },
    },
    async (request) => riskSummary(await orgContext(db, request, request.params.org), request.query),
  );
}
