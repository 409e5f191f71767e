import type {
  AlertListQuery,
  AlertPage,
  AlertRuleList,
  AlertRuleView,
  AlertView,
  CreateAlertRuleInput,
  UpdateAlertRuleInput,
} from '@contracts/alerts/schema.js';
import { api, type QueryValue } from './client';

const org$ = (org: string) => `/orgs/${encodeURIComponent(org)}`;
const rule = (org: string, id: string) => `${org$(org)}/alert-rules/${encodeURIComponent(id)}`;
const alert = (org: string, id: string) => `${org$(org)}/alerts/${encodeURIComponent(id)}`;

export type AlertListParams = Partial<AlertListQuery> & Record<string, QueryValue>;

export const listAlertRules = (org: string, archived: 'exclude' | 'include'): Promise<AlertRuleList> =>
  api<AlertRuleList>(`${org$(org)}/alert-rules`, { query: { archived } });

export const getAlertRule = (org: string, id: string): Promise<AlertRuleView> => api<AlertRuleView>(rule(org, id));

export const createAlertRule = (org: string, body: CreateAlertRuleInput): Promise<AlertRuleView> =>
  api<AlertRuleView>(`${org$(org)}/alert-rules`, { method: 'POST', body });

export const updateAlertRule = (org: string, id: string, body: UpdateAlertRuleInput): Promise<AlertRuleView> =>
  api<AlertRuleView>(rule(org, id), { method: 'PATCH', body });

export const setAlertRuleArchived = (org: string, id: string, archived: boolean): Promise<AlertRuleView> =>
  api<AlertRuleView>(`${rule(org, id)}/${archived ? 'archive' : 'restore'}`, { method: 'POST' });

export const listAlerts = (org: string, params: AlertListParams): Promise<AlertPage> =>
  api<AlertPage>(`${org$(org)}/alerts`, { query: params });

export const moveAlert = (org: string, id: string, to: 'acknowledge' | 'resolve'): Promise<AlertView> =>
  api<AlertView>(`${alert(org, id)}/${to}`, { method: 'POST' });
