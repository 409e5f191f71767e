import type { OrgContext } from '../../server/context.js';
import { forbidden } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { can } from '../auth/permissions.js';
import * as repo from './repo.js';
import {
  markNotificationsReadInput,
  type MarkNotificationsReadInput,
  type MarkReadResult,
  type NotificationListQuery,
  type NotificationPage,
  type NotificationView,
} from './schema.js';

/**
 * A member's own notifications. API tokens act for no person, so they have none. Marking read is personal
 * reading state, not a change to the management system, so it is not written to the audit trail.
 */
function requireMember(ctx: OrgContext): string | null {
  if (!can(ctx.role, 'org.read')) throw forbidden();
  return ctx.actor.userId;
}

function present(n: repo.NotificationRow): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    alertId: n.alertId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export async function listNotifications(ctx: OrgContext, query: NotificationListQuery): Promise<NotificationPage> {
  const userId = requireMember(ctx);
  if (!userId) return { items: [], total: 0, unread: 0, limit: query.limit, offset: query.offset };
  const { rows, total, unread } = await repo.listNotifications(ctx.db, ctx.org.id, userId, query);
  return { items: rows.map(present), total, unread, limit: query.limit, offset: query.offset };
}

export async function markNotificationsRead(ctx: OrgContext, input: MarkNotificationsReadInput): Promise<MarkReadResult> {
  const userId = requireMember(ctx);
  const { ids } = parseOrThrow(markNotificationsReadInput, input);
  if (!userId) return { updated: 0, unread: 0 };
  // Ids of other members' notifications are passed over as if they did not exist.
  const updated = await repo.markRead(ctx.db, ctx.org.id, userId, ids, new Date());
  return { updated, unread: await repo.unreadCount(ctx.db, ctx.org.id, userId) };
}

export async function markAllNotificationsRead(ctx: OrgContext): Promise<MarkReadResult> {
  const userId = requireMember(ctx);
  if (!userId) return { updated: 0, unread: 0 };
  const updated = await repo.markRead(ctx.db, ctx.org.id, userId, null, new Date());
  return { updated, unread: 0 };
}
