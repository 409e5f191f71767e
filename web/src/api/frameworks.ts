import type { AimsComponent, Crosswalk, CrosswalkLink, CrosswalkSummary, FrameworkDetail } from '@contracts/frameworks/schema.js';
import type { ImportFrameworkResult, OrgFrameworkList } from '@contracts/custom-frameworks/schema.js';
import { api } from './client';
import { uploadWithProgress } from './upload';

/** Crosswalks link built-in frameworks and are the same for every organisation (any signed-in user may read them). */
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

const orgBase = (org: string) => `/orgs/${encodeURIComponent(org)}/frameworks`;

/** The frameworks an organisation can assess: the built-in catalogue, then the ones it imported (custom: true). */
export const listFrameworks = (org: string): Promise<OrgFrameworkList> => api<OrgFrameworkList>(orgBase(org));

export const getFramework = (org: string, id: string, query: RequirementQuery, signal?: AbortSignal): Promise<FrameworkDetail> =>
  api<FrameworkDetail>(`${orgBase(org)}/${encodeURIComponent(id)}`, { query: { ...query }, ...(signal ? { signal } : {}) });

export interface ImportFrameworkFields {
  id?: string;
  title?: string;
  version?: string;
}

export const importFramework = (
  org: string,
  file: File,
  fields: ImportFrameworkFields,
  onProgress: (fraction: number) => void,
): Promise<ImportFrameworkResult> => uploadWithProgress<ImportFrameworkResult>(`${orgBase(org)}/import`, file, { ...fields }, onProgress);

export const deleteFramework = (org: string, id: string): Promise<null> =>
  api<null>(`${orgBase(org)}/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const listCrosswalks = (): Promise<{ items: CrosswalkSummary[] }> => api<{ items: CrosswalkSummary[] }>('/crosswalks');

export const getCrosswalk = (id: string): Promise<CrosswalkDetail> => api<CrosswalkDetail>(`/crosswalks/${encodeURIComponent(id)}`);
