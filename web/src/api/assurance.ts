import type {
  ColumnSuggestion,
  CreateProfileInput,
  CreateRunInput,
  DatasetList,
  DatasetView,
  ProfileList,
  ProfileView,
  RunKind,
  RunList,
  RunSeries,
  RunView,
  UpdateProfileInput,
} from '@contracts/assurance/schema.js';
import { api } from './client';
import { uploadWithProgress } from './upload';

const org$ = (org: string) => `/orgs/${encodeURIComponent(org)}`;
const system$ = (org: string, systemId: string) => `${org$(org)}/systems/${encodeURIComponent(systemId)}`;

export const listDatasets = (org: string, systemId: string): Promise<DatasetList> => api<DatasetList>(`${system$(org, systemId)}/datasets`);

export const archiveDataset = (org: string, id: string): Promise<DatasetView> =>
  api<DatasetView>(`${org$(org)}/datasets/${encodeURIComponent(id)}/archive`, { method: 'POST' });

export const suggestColumns = (org: string, datasetId: string, profileId: string): Promise<ColumnSuggestion> =>
  api<ColumnSuggestion>(`${org$(org)}/datasets/${encodeURIComponent(datasetId)}/column-suggestions`, { query: { profileId } });

/** Uploads with XMLHttpRequest, which (unlike fetch) reports upload progress; the name field goes before the file. */
export function uploadDataset(
  org: string,
  systemId: string,
  file: File,
  name: string,
  onProgress: (fraction: number) => void,
): Promise<DatasetView> {
  return uploadWithProgress<DatasetView>(`${system$(org, systemId)}/datasets`, file, { name: name.trim() }, onProgress);
}

export const listProfiles = (org: string, includeArchived = false): Promise<ProfileList> =>
  api<ProfileList>(`${org$(org)}/threshold-profiles`, { query: { archived: includeArchived ? 'include' : 'exclude' } });

export const createProfile = (org: string, body: CreateProfileInput): Promise<ProfileView> =>
  api<ProfileView>(`${org$(org)}/threshold-profiles`, { method: 'POST', body });

export const updateProfile = (org: string, id: string, body: UpdateProfileInput): Promise<ProfileView> =>
  api<ProfileView>(`${org$(org)}/threshold-profiles/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const copyProfile = (org: string, id: string): Promise<ProfileView> =>
  api<ProfileView>(`${org$(org)}/threshold-profiles/${encodeURIComponent(id)}/copy`, { method: 'POST', body: {} });

export const setProfileArchived = (org: string, id: string, archived: boolean): Promise<ProfileView> =>
  api<ProfileView>(`${org$(org)}/threshold-profiles/${encodeURIComponent(id)}/${archived ? 'archive' : 'restore'}`, { method: 'POST' });

export const createRun = (org: string, systemId: string, body: CreateRunInput): Promise<RunView> =>
  api<RunView>(`${system$(org, systemId)}/assurance-runs`, { method: 'POST', body });

export const listRuns = (org: string, systemId: string): Promise<RunList> => api<RunList>(`${system$(org, systemId)}/assurance-runs`);

export const getRun = (org: string, id: string): Promise<RunView> => api<RunView>(`${org$(org)}/assurance-runs/${encodeURIComponent(id)}`);

export const getRunSeries = (org: string, systemId: string, kind: RunKind): Promise<RunSeries> =>
  api<RunSeries>(`${system$(org, systemId)}/assurance-runs/series`, { query: { kind } });

export const runDownloadUrl = (org: string, id: string): string => `/api/v1${org$(org)}/assurance-runs/${encodeURIComponent(id)}/download`;
