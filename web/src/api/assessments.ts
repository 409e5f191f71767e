import type {
  AssessmentDetail,
  AssessmentItemView,
  AssessmentSummary,
  BulkUpdateItemsInput,
  CreateAssessmentInput,
  ItemListQuery,
  OrgProgressView,
  UpdateAssessmentInput,
  UpdateItemInput,
} from '@contracts/assessments/schema.js';
import { api } from './client';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/assessments`;
const one = (org: string, id: string) => `${base(org)}/${encodeURIComponent(id)}`;

export const listAssessments = (org: string): Promise<{ items: AssessmentSummary[] }> => api<{ items: AssessmentSummary[] }>(base(org));

export const getOrgProgress = (org: string): Promise<OrgProgressView> => api<OrgProgressView>(`/orgs/${encodeURIComponent(org)}/progress`);

export const getAssessment = (org: string, id: string, query: Partial<ItemListQuery>, signal?: AbortSignal): Promise<AssessmentDetail> =>
  api<AssessmentDetail>(one(org, id), { query: { ...query }, ...(signal ? { signal } : {}) });

export const createAssessment = (org: string, body: CreateAssessmentInput): Promise<AssessmentDetail> =>
  api<AssessmentDetail>(base(org), { method: 'POST', body });

export const updateAssessment = (org: string, id: string, body: UpdateAssessmentInput): Promise<AssessmentDetail> =>
  api<AssessmentDetail>(one(org, id), { method: 'PATCH', body });

export const updateItem = (org: string, id: string, requirement: string, body: UpdateItemInput): Promise<AssessmentItemView> =>
  api<AssessmentItemView>(`${one(org, id)}/items/${encodeURIComponent(requirement)}`, { method: 'PATCH', body });

export const bulkUpdateItems = (org: string, id: string, body: BulkUpdateItemsInput): Promise<{ updated: number }> =>
  api<{ updated: number }>(`${one(org, id)}/items/bulk`, { method: 'POST', body });
