import type {
  AcceptSuggestionsInput,
  AcceptSuggestionsResult,
  ApproveSoaInput,
  SoaEntryView,
  SoaVersionList,
  SoaVersionView,
  SoaView,
  UpdateSoaEntryInput,
} from '@contracts/soa/schema.js';
import { api, queryString } from './client';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/soa`;

export type SoaExportFormat = 'xlsx' | 'docx' | 'pdf';
export type SoaExportLang = 'en' | 'zh-HK';

export const getSoa = (org: string): Promise<SoaView> => api<SoaView>(base(org));

export const updateSoaEntry = (org: string, controlRef: string, body: UpdateSoaEntryInput): Promise<SoaEntryView> =>
  api<SoaEntryView>(`${base(org)}/${encodeURIComponent(controlRef)}`, { method: 'PATCH', body });

export const acceptSoaSuggestions = (org: string, body: AcceptSuggestionsInput): Promise<AcceptSuggestionsResult> =>
  api<AcceptSuggestionsResult>(`${base(org)}/accept-suggestions`, { method: 'POST', body });

export const approveSoa = (org: string, body: ApproveSoaInput): Promise<SoaVersionView> =>
  api<SoaVersionView>(`${base(org)}/approve`, { method: 'POST', body });

export const listSoaVersions = (org: string): Promise<SoaVersionList> => api<SoaVersionList>(`${base(org)}/versions`);

export const getSoaVersion = (org: string, versionNo: number): Promise<SoaVersionView> =>
  api<SoaVersionView>(`${base(org)}/versions/${versionNo}`);

/** A plain link: the browser sends the session cookie and saves the file. No version: the working draft. */
export const soaExportUrl = (org: string, format: SoaExportFormat, lang: SoaExportLang, version?: number): string =>
  `/api/v1${base(org)}/export${queryString({ format, lang, version })}`;
