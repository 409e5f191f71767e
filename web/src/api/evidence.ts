import type {
  CreateEvidenceInput,
  EvidenceExpirySummary,
  EvidenceKind,
  EvidenceLinkInput,
  EvidencePage,
  EvidenceTargetType,
  EvidenceView,
  UpdateEvidenceInput,
} from '@contracts/evidence/schema.js';
import { api, ApiError, csrfHeaders, errorFromBody, notifyUnauthenticated, queryString, type QueryValue } from './client';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/evidence`;
const item = (org: string, id: string) => `${base(org)}/${encodeURIComponent(id)}`;

/** Query of the evidence list; the same names as the server's `evidenceListQuery`. */
export interface EvidenceListParams extends Record<string, QueryValue> {
  q?: string;
  kind?: EvidenceKind;
  owner?: string;
  targetType?: EvidenceTargetType;
  targetKey?: string;
  expiry?: 'expired' | 'expiring' | 'valid';
  archived?: 'exclude' | 'include' | 'only';
  sort?: 'title' | 'updatedAt' | 'createdAt' | 'expiresOn';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export const listEvidence = (org: string, params: EvidenceListParams, signal?: AbortSignal): Promise<EvidencePage> =>
  api<EvidencePage>(base(org), { query: params, ...(signal ? { signal } : {}) });

export const getEvidenceSummary = (org: string): Promise<EvidenceExpirySummary> => api<EvidenceExpirySummary>(`${base(org)}/summary`);

export const getEvidence = (org: string, id: string): Promise<EvidenceView> => api<EvidenceView>(item(org, id));

export const createEvidence = (org: string, body: CreateEvidenceInput): Promise<EvidenceView> =>
  api<EvidenceView>(base(org), { method: 'POST', body });

export const updateEvidence = (org: string, id: string, body: UpdateEvidenceInput): Promise<EvidenceView> =>
  api<EvidenceView>(item(org, id), { method: 'PATCH', body });

export const archiveEvidence = (org: string, id: string): Promise<EvidenceView> =>
  api<EvidenceView>(`${item(org, id)}/archive`, { method: 'POST' });

export const restoreEvidence = (org: string, id: string): Promise<EvidenceView> =>
  api<EvidenceView>(`${item(org, id)}/restore`, { method: 'POST' });

export const addEvidenceLink = (org: string, id: string, body: EvidenceLinkInput): Promise<EvidenceView> =>
  api<EvidenceView>(`${item(org, id)}/links`, { method: 'POST', body });

export const removeEvidenceLink = (org: string, id: string, link: EvidenceLinkInput): Promise<EvidenceView> =>
  api<EvidenceView>(`${item(org, id)}/links`, { method: 'DELETE', query: { targetType: link.targetType, targetKey: link.targetKey } });

/** Plain links: the browser sends the session cookie and saves the file. */
export const evidenceFileUrl = (org: string, id: string, versionNo: number): string => `/api/v1${item(org, id)}/files/${versionNo}`;

export const evidencePackUrl = (org: string, params: { archived?: 'exclude' | 'include'; ids?: string } = {}): string =>
  `/api/v1/orgs/${encodeURIComponent(org)}/evidence-pack${queryString(params)}`;

/** Uploads a new file version as multipart/form-data (field "file"). */
export async function uploadEvidenceFile(org: string, id: string, file: File): Promise<EvidenceView> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/v1${item(org, id)}/files`, {
      method: 'POST',
      headers: { Accept: 'application/json', ...csrfHeaders() },
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    if (response.status === 401) notifyUnauthenticated();
    throw errorFromBody(response.status, body);
  }
  return body as EvidenceView;
}
