import { z } from 'zod';
import '../../lib/zod-messages.js';

/** Contracts of the signed-in member's in-app notifications. */
export const notificationKinds = ['alert.fired'] as const;

export const notificationListQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const notificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** a path in the web app, e.g. /o/harbour-point/alerts?alert=… */
  link: z.string().nullable(),
  alertId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationPage = z.object({
  items: z.array(notificationView),
  total: z.number(),
  /** all of the member's unread notifications in this organisation, whatever the page */
  unread: z.number(),
  limit: z.number(),
  offset: z.number(),
});
export type NotificationPage = z.infer<typeof notificationPage>;

export const markNotificationsReadInput = z
  .object({ ids: z.array(z.uuid('Not a valid id')).min(1, 'Name at least one notification').max(200) })
  .strict();
export type MarkNotificationsReadInput = z.input<typeof markNotificationsReadInput>;

export const markReadResult = z.object({ updated: z.number(), unread: z.number() });
export type MarkReadResult = z.infer<typeof markReadResult>;
