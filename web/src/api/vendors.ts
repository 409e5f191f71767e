import type { CreateVendorInput, UpdateVendorInput, VendorPage, VendorView } from '@contracts/vendors/schema.js';
import { api, type QueryValue } from './client';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/vendors`;

export interface VendorListParams extends Record<string, QueryValue> {
  q?: string;
  archived?: 'exclude' | 'include' | 'only';
  sort?: 'name' | 'updatedAt' | 'createdAt';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export const listVendors = (org: string, params: VendorListParams): Promise<VendorPage> => api<VendorPage>(base(org), { query: params });

export const getVendor = (org: string, id: string): Promise<VendorView> => api<VendorView>(`${base(org)}/${encodeURIComponent(id)}`);

export const createVendor = (org: string, body: CreateVendorInput): Promise<VendorView> =>
  api<VendorView>(base(org), { method: 'POST', body });

export const updateVendor = (org: string, id: string, body: UpdateVendorInput): Promise<VendorView> =>
  api<VendorView>(`${base(org)}/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const archiveVendor = (org: string, id: string): Promise<VendorView> =>
  api<VendorView>(`${base(org)}/${encodeURIComponent(id)}/archive`, { method: 'POST' });

export const restoreVendor = (org: string, id: string): Promise<VendorView> =>
  api<VendorView>(`${base(org)}/${encodeURIComponent(id)}/restore`, { method: 'POST' });
