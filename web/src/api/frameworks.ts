import type {
  AimsComponent,
  Crosswalk,
  CrosswalkLink,
  CrosswalkSummary,
  FrameworkDetail,
  FrameworkSummary,
} from '@contracts/frameworks/schema.js';
import { api } from './client';

/** The framework catalogue is the same for every organisation (any signed-in user may read it). */
export type CrosswalkRelation = CrosswalkLink['relation'];
export type CrosswalkProvenance = CrosswalkLink['provenance'];
export type { CrosswalkLink, CrosswalkSummary };
export type CrosswalkDetail = Crosswalk;

/** Query of one framework's requirements; the same names as the server's `requirementSearch`. */
export interface RequirementQuery {
  q?: string;
  component?: AimsComponent;
  assessable?: 'true' | 'false';
}

export const listFrameworks = (): Promise<{ items: FrameworkSummary[] }> => api<{ items: FrameworkSummary[] }>('/frameworks');

export const getFramework = (id: string, query: RequirementQuery, signal?: AbortSignal): Promise<FrameworkDetail> =>
  api<FrameworkDetail>(`/frameworks/${encodeURIComponent(id)}`, { query: { ...query }, ...(signal ? { signal } : {}) });

export const listCrosswalks = (): Promise<{ items: CrosswalkSummary[] }> => api<{ items: CrosswalkSummary[] }>('/crosswalks');

export const getCrosswalk = (id: string): Promise<CrosswalkDetail> => api<CrosswalkDetail>(`/crosswalks/${encodeURIComponent(id)}`);
