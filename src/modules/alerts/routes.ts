import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import {
  alertListQuery,
  alertPage,
  alertRuleList,
  alertRuleListQuery,
  alertRuleView,
  alertView,
  createAlertRuleInput,
  updateAlertRuleInput,
} from './schema.js';
import {
  acknowledgeAlert,
  archiveAlertRule,
  createAlertRule,
  getAlert,
  getAlertRule,
  listAlertRules,
  listAlerts,
  resolveAlert,
  restoreAlertRule,
  updateAlertRule,
} from './service.js';

const tags = ['alerts'];

export function alertRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/alert-rules',
    { schema: { tags, summary: 'List alert rules', params: orgParams, querystring: alertRuleListQuery, response: { 200: alertRuleList } } },
    async (request) => listAlertRules(await orgContext(db, request, request.params.org), request.query),
  );

  app.post(
    '/api/v1/orgs/:org/alert-rules',
    { schema: { tags, summary: 'Add an alert rule', params: orgParams, body: createAlertRuleInput, response: { 201: alertRuleView } } },
    async (request, reply) => reply.code(201).send(await createAlertRule(await orgContext(db, request, request.params.org), request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/alert-rules/:id',
    { schema: { tags, summary: 'One alert rule', params: orgIdParams, response: { 200: alertRuleView } } },
    async (request) => getAlertRule(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/alert-rules/:id',
    {
      schema: { tags, summary: 'Change an alert rule', params: orgIdParams, body: updateAlertRuleInput, response: { 200: alertRuleView } },
    },
    async (request) => updateAlertRule(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/alert-rules/:id/archive',
    { schema: { tags, summary: 'Archive an alert rule (it stops firing)', params: orgIdParams, response: { 200: alertRuleView } } },
    async (request) => archiveAlertRule(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/alert-rules/:id/restore',
    { schema: { tags, summary: 'Bring an archived alert rule back', params: orgIdParams, response: { 200: alertRuleView } } },
    async (request) => restoreAlertRule(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.get(
    '/api/v1/orgs/:org/alerts',
    {
      schema: { tags, summary: 'Fired alerts, newest first', params: orgParams, querystring: alertListQuery, response: { 200: alertPage } },
    },
    async (request) => listAlerts(await orgContext(db, request, request.params.org), request.query),
  );

  app.get(
    '/api/v1/orgs/:org/alerts/:id',
    { schema: { tags, summary: 'One fired alert', params: orgIdParams, response: { 200: alertView } } },
    async (request) => getAlert(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/alerts/:id/acknowledge',
    { schema: { tags, summary: 'Acknowledge an alert', params: orgIdParams, response: { 200: alertView } } },
    async (request) => acknowledgeAlert(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/alerts/:id/resolve',
    { schema: { tags, summary: 'Resolve an alert', params: orgIdParams, response: { 200: alertView } } },
    async (request) => resolveAlert(await orgContext(db, request, request.params.org), request.params.id),
  );
}
