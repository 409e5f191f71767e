import type {
  AcceptRiskInput,
  AcceptSuggestionsInput,
  AcceptSuggestionsResult,
  CreateRiskInput,
  RiskHeatmap,
  RiskListQuery,
  RiskPage,
  RiskSettingsInput,
  RiskSettingsView,
  RiskSuggestionList,
  RiskSummary,
  RiskView,
  UpdateRiskInput,
} from '@contracts/risks/schema.js';
import { api, type QueryValue } from './client';

const org$ = (org: string) => `/orgs/${encodeURIComponent(org)}`;
const base = (org: string) => `${org$(org)}/risks`;
const one = (org: string, id: string) => `${base(org)}/${encodeURIComponent(id)}`;

/** Query of the risk register; the same names as the server's `riskListQuery`. */
export type RiskListParams = Partial<RiskListQuery> & Record<string, QueryValue>;
/** `system`: a system id, "organisation" for organisation-wide risks, absent for all. */
export type RiskScope = { system?: string };

export const getRiskSettings = (org: string): Promise<RiskSettingsView> => api<RiskSettingsView>(`${org$(org)}/risk-settings`);

export const putRiskSettings = (org: string, body: RiskSettingsInput): Promise<RiskSettingsView> =>
  api<RiskSettingsView>(`${org$(org)}/risk-settings`, { method: 'PUT', body });

export const listRisks = (org: string, params: RiskListParams, signal?: AbortSignal): Promise<RiskPage> =>
  api<RiskPage>(base(org), { query: params, ...(signal ? { signal } : {}) });

export const getRisk = (org: string, id: string): Promise<RiskView> => api<RiskView>(one(org, id));

export const createRisk = (org: string, body: CreateRiskInput): Promise<RiskView> => api<RiskView>(base(org), { method: 'POST', body });

export const updateRisk = (org: string, id: string, body: UpdateRiskInput): Promise<RiskView> =>
  api<RiskView>(one(org, id), { method: 'PATCH', body });

export const archiveRisk = (org: string, id: string): Promise<RiskView> => api<RiskView>(`${one(org, id)}/archive`, { method: 'POST' });

export const restoreRisk = (org: string, id: string): Promise<RiskView> => api<RiskView>(`${one(org, id)}/restore`, { method: 'POST' });

export const acceptRisk = (org: string, id: string, body: AcceptRiskInput): Promise<RiskView> =>
  api<RiskView>(`${one(org, id)}/accept`, { method: 'POST', body });

export const linkRiskControls = (org: string, id: string, controlIds: string[]): Promise<RiskView> =>
  api<RiskView>(`${one(org, id)}/controls`, { method: 'POST', body: { controlIds } });

export const unlinkRiskControl = (org: string, id: string, controlId: string): Promise<RiskView> =>
  api<RiskView>(`${one(org, id)}/controls/${encodeURIComponent(controlId)}`, { method: 'DELETE' });

export const getRiskHeatmap = (org: string, scope: RiskScope): Promise<RiskHeatmap> =>
  api<RiskHeatmap>(`${org$(org)}/risk-heatmap`, { query: scope });

export const getRiskSummary = (org: string, scope: RiskScope): Promise<RiskSummary> =>
  api<RiskSummary>(`${org$(org)}/risk-summary`, { query: scope });

export const getRiskSuggestions = (org: string, systemId: string): Promise<RiskSuggestionList> =>
  api<RiskSuggestionList>(`${org$(org)}/systems/${encodeURIComponent(systemId)}/risk-suggestions`);

export const acceptRiskSuggestions = (org: string, systemId: string, body: AcceptSuggestionsInput): Promise<AcceptSuggestionsResult> =>
  api<AcceptSuggestionsResult>(`${org$(org)}/systems/${encodeURIComponent(systemId)}/risk-suggestions/accept`, { method: 'POST', body });
