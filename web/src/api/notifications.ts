import type { MarkReadResult, NotificationPage } from '@contracts/notifications/schema.js';
import { api } from './client';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/notifications`;

export const listNotifications = (org: string, limit = 10): Promise<NotificationPage> =>
  api<NotificationPage>(base(org), { query: { limit } });

export const markNotificationsRead = (org: string, ids: string[]): Promise<MarkReadResult> =>
  api<MarkReadResult>(`${base(org)}/read`, { method: 'POST', body: { ids } });

export const markAllNotificationsRead = (org: string): Promise<MarkReadResult> =>
  api<MarkReadResult>(`${base(org)}/read-all`, { method: 'POST' });
