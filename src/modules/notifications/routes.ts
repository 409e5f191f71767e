import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgParams } from '../orgs/schema.js';
import { markNotificationsReadInput, markReadResult, notificationListQuery, notificationPage } from './schema.js';
import { listNotifications, markAllNotificationsRead, markNotificationsRead } from './service.js';

const tags = ['notifications'];

export function notificationRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/notifications',
    {
      schema: {
        tags,
        summary: "The signed-in member's notifications and unread count",
        params: orgParams,
        querystring: notificationListQuery,
        response: { 200: notificationPage },
      },
    },
    async (request) => listNotifications(await orgContext(db, request, request.params.org), request.query),
  );

  app.post(
    '/api/v1/orgs/:org/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark notifications read',
        params: orgParams,
        body: markNotificationsReadInput,
        response: { 200: markReadResult },
      },
    },
    async (request) => markNotificationsRead(await orgContext(db, request, request.params.org), request.body),
  );

  app.post(
    '/api/v1/orgs/:org/notifications/read-all',
    { schema: { tags, summary: 'Mark every notification read', params: orgParams, response: { 200: markReadResult } } },
    async (request) => markAllNotificationsRead(await orgContext(db, request, request.params.org)),
  );
}
