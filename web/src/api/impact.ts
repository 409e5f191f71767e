import type {
  ImpactListQuery,
  ImpactPage,
  ImpactVersionList,
  ImpactView,
  RequiredList,
  SignoffInput,
  UpdateImpactInput,
} from '@contracts/impact/schema.js';
import { api, queryString, type QueryValue } from './client';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/impact-assessments`;
const one = (org: string, id: string) => `${base(org)}/${encodeURIComponent(id)}`;

export type ImpactListParams = Partial<Omit<ImpactListQuery, 'needsReassessment'>> & { needsReassessment?: 'true' | 'false' } & Record<
    string,
    QueryValue
  >;
export type ImpactExportFormat = 'docx' | 'pdf';
export type ImpactExportLang = 'en' | 'zh-HK';

export const listImpacts = (org: string, params: ImpactListParams): Promise<ImpactPage> => api<ImpactPage>(base(org), { query: params });

export const requiredImpacts = (org: string): Promise<RequiredList> => api<RequiredList>(`${base(org)}/required`);

export const createImpact = (org: string, systemId: string): Promise<ImpactView> =>
  api<ImpactView>(base(org), { method: 'POST', body: { systemId } });

export const getImpact = (org: string, id: string): Promise<ImpactView> => api<ImpactView>(one(org, id));

export const updateImpact = (org: string, id: string, body: UpdateImpactInput): Promise<ImpactView> =>
  api<ImpactView>(one(org, id), { method: 'PATCH', body });

export const submitImpact = (org: string, id: string): Promise<ImpactView> => api<ImpactView>(`${one(org, id)}/submit`, { method: 'POST' });

export const signoffImpact = (org: string, id: string, body: SignoffInput): Promise<ImpactView> =>
  api<ImpactView>(`${one(org, id)}/signoff`, { method: 'POST', body });

export const impactVersions = (org: string, systemId: string): Promise<ImpactVersionList> =>
  api<ImpactVersionList>(`/orgs/${encodeURIComponent(org)}/systems/${encodeURIComponent(systemId)}/impact-assessments`);

/** A plain link: the browser sends the session cookie and saves the file. */
export const impactExportUrl = (org: string, id: string, format: ImpactExportFormat, lang: ImpactExportLang): string =>
  `/api/v1${one(org, id)}/export${queryString({ format, lang })}`;
