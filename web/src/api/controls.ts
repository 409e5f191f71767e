import type {
  AdoptResult,
  AdoptSuggestionsInput,
  ControlPage,
  ControlStatus,
  ControlView,
  CreateControlInput,
  UpdateControlInput,
} from '@contracts/controls/schema.js';
import type { SuggestedControl } from '@contracts/frameworks/schema.js';
import { api, type QueryValue } from './client';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/controls`;

/** Query of the control list; the same names as the server's `controlListQuery`. */
export interface ControlListParams extends Record<string, QueryValue> {
  q?: string;
  status?: ControlStatus;
  owner?: string;
  archived?: 'exclude' | 'include' | 'only';
  limit?: number;
  offset?: number;
}

export const listControls = (org: string, params: ControlListParams, signal?: AbortSignal): Promise<ControlPage> =>
  api<ControlPage>(base(org), { query: params, ...(signal ? { signal } : {}) });

export const createControl = (org: string, body: CreateControlInput): Promise<ControlView> =>
  api<ControlView>(base(org), { method: 'POST', body });

export const updateControl = (org: string, id: string, body: UpdateControlInput): Promise<ControlView> =>
  api<ControlView>(`${base(org)}/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const archiveControl = (org: string, id: string): Promise<ControlView> =>
  api<ControlView>(`${base(org)}/${encodeURIComponent(id)}/archive`, { method: 'POST' });

export const restoreControl = (org: string, id: string): Promise<ControlView> =>
  api<ControlView>(`${base(org)}/${encodeURIComponent(id)}/restore`, { method: 'POST' });

export const adoptControls = (org: string, body: AdoptSuggestionsInput): Promise<AdoptResult> =>
  api<AdoptResult>(`${base(org)}/adopt`, { method: 'POST', body });

/** The starter library is the same for every organisation. */
export const listStarterControls = (): Promise<{ items: SuggestedControl[] }> => api<{ items: SuggestedControl[] }>('/starter-controls');
