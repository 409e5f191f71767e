import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import { telemetryReceiverRoutes } from './receiver-routes.js';
import {
  bindingDeleteQuery,
  bindingDeleteResult,
  bindingInput,
  bindingList,
  bindingView,
  metricsView,
  overviewView,
  resolveResult,
  resolveUnregisteredInput,
  seriesQuery,
  seriesView,
  telemetrySettingsInput,
  telemetrySettingsView,
  unregisteredList,
  unregisteredQuery,
  windowQuery,
} from './schema.js';
import {
  deleteBinding,
  getTelemetrySettings,
  listBindings,
  listUnregistered,
  putBinding,
  resolveUnregistered,
  telemetryMetrics,
  telemetryOverview,
  telemetrySeries,
  updateTelemetrySettings,
} from './service.js';

const tags = ['telemetry'];

/** The OTLP receiver (/v1/traces, /v1/metrics) and the organisation's telemetry read and settings API. */
export function telemetryRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps;
  telemetryReceiverRoutes(app, deps);

  app.get(
    '/api/v1/orgs/:org/telemetry/overview',
    {
      schema: {
        tags,
        summary: 'GenAI traffic per system and unregistered service',
        params: orgParams,
        querystring: windowQuery,
        response: { 200: overviewView },
      },
    },
    async (request) => telemetryOverview(await orgContext(db, request, request.params.org), request.query),
  );

  app.get(
    '/api/v1/orgs/:org/telemetry/systems/:id/series',
    {
      schema: {
        tags,
        summary: "A system's traffic over time",
        params: orgIdParams,
        querystring: seriesQuery,
        response: { 200: seriesView },
      },
    },
    async (request) => telemetrySeries(await orgContext(db, request, request.params.org), request.params.id, request.query),
  );

  app.get(
    '/api/v1/orgs/:org/telemetry/systems/:id/metrics',
    {
      schema: {
        tags,
        summary: 'The metrics a system reported through /v1/metrics, totalled over a window',
        params: orgIdParams,
        querystring: windowQuery,
        response: { 200: metricsView },
      },
    },
    async (request) => telemetryMetrics(await orgContext(db, request, request.params.org), request.params.id, request.query),
  );

  app.get(
    '/api/v1/orgs/:org/telemetry/unregistered',
    {
      schema: {
        tags,
        summary: 'AI seen in telemetry that the inventory does not know',
        params: orgParams,
        querystring: unregisteredQuery,
        response: { 200: unregisteredList },
      },
    },
    async (request) => listUnregistered(await orgContext(db, request, request.params.org), request.query),
  );

  app.post(
    '/api/v1/orgs/:org/telemetry/unregistered/resolve',
    {
      schema: {
        tags,
        summary: 'Bind an unregistered service to a system, or ignore it',
        params: orgParams,
        body: resolveUnregisteredInput,
        response: { 200: resolveResult },
      },
    },
    async (request) => resolveUnregistered(await orgContext(db, request, request.params.org), request.body),
  );

  app.get(
    '/api/v1/orgs/:org/telemetry/bindings',
    { schema: { tags, summary: 'Service names bound to systems', params: orgParams, response: { 200: bindingList } } },
    async (request) => listBindings(await orgContext(db, request, request.params.org)),
  );

  app.put(
    '/api/v1/orgs/:org/telemetry/bindings',
    {
      schema: {
        tags,
        summary: 'Bind a service name to a system (or move it)',
        params: orgParams,
        body: bindingInput,
        response: { 200: bindingView },
      },
    },
    async (request) => putBinding(await orgContext(db, request, request.params.org), request.body),
  );

  app.delete(
    '/api/v1/orgs/:org/telemetry/bindings',
    {
      schema: {
        tags,
        summary: 'Remove the binding of a service name',
        params: orgParams,
        querystring: bindingDeleteQuery,
        response: { 200: bindingDeleteResult },
      },
    },
    async (request) => deleteBinding(await orgContext(db, request, request.params.org), request.query.serviceName),
  );

  app.get(
    '/api/v1/orgs/:org/telemetry/settings',
    { schema: { tags, summary: 'Telemetry retention settings', params: orgParams, response: { 200: telemetrySettingsView } } },
    async (request) => getTelemetrySettings(await orgContext(db, request, request.params.org)),
  );

  app.put(
    '/api/v1/orgs/:org/telemetry/settings',
    {
      schema: {
        tags,
        summary: 'Change telemetry retention',
        params: orgParams,
        body: telemetrySettingsInput,
        response: { 200: telemetrySettingsView },
      },
    },
    async (request) => updateTelemetrySettings(await orgContext(db, request, request.params.org), request.body),
  );
}
