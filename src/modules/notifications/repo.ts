import { and, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { notifications } from '../../db/schema.js';
import type { NotificationListQuery } from './schema.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationInsert = typeof notifications.$inferInsert;

/** Every query names the organisation and the user: a member only ever reaches their own notifications. */
const mine = (orgId: string, userId: string): SQL | undefined => and(eq(notifications.orgId, orgId), eq(notifications.userId, userId));

export async function insertNotifications(db: Db, rows: NotificationInsert[]): Promise<void> {
  if (rows.length) await db.insert(notifications).values(rows);
}

export async function listNotifications(db: Db, orgId: string, userId: string, q: NotificationListQuery) {
  const where = and(mine(orgId, userId), q.unread === 'true' ? isNull(notifications.readAt) : undefined);
  const [rows, totals, unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(notifications).where(where),
    unreadCount(db, orgId, userId),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0), unread };
}

export async function unreadCount(db: Db, orgId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(mine(orgId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks the member's own unread notifications among `ids` (all of them when `ids` is null); returns how many. */
export async function markRead(db: Db, orgId: string, userId: string, ids: string[] | null, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(mine(orgId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}
