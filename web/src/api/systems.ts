import type { CreateSystemInput, SystemPage, SystemView, UpdateSystemInput } from '@contracts/systems/schema.js';
import { api, type QueryValue } from './client';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/systems`;

/** Query of the register list; the same names as the server's `systemListQuery`. */
export interface SystemListParams extends Record<string, QueryValue> {
  q?: string;
  type?: string[];
  stage?: string[];
  owner?: string;
  vendor?: string;
  dataCategory?: string;
  archived?: 'exclude' | 'include' | 'only';
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export const listSystems = (org: string, params: SystemListParams, signal?: AbortSignal): Promise<SystemPage> =>
  api<SystemPage>(base(org), { query: params, ...(signal ? { signal } : {}) });

export const getSystem = (org: string, id: string): Promise<SystemView> => api<SystemView>(`${base(org)}/${encodeURIComponent(id)}`);

export const createSystem = (org: string, body: CreateSystemInput): Promise<SystemView> =>
  api<SystemView>(base(org), { method: 'POST', body });

export const updateSystem = (org: string, id: string, body: UpdateSystemInput): Promise<SystemView> =>
  api<SystemView>(`${base(org)}/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const archiveSystem = (org: string, id: string): Promise<SystemView> =>
  api<SystemView>(`${base(org)}/${encodeURIComponent(id)}/archive`, { method: 'POST' });

export const restoreSystem = (org: string, id: string): Promise<SystemView> =>
  api<SystemView>(`${base(org)}/${encodeURIComponent(id)}/restore`, { method: 'POST' });
