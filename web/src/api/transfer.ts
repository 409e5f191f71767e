import { api, csrfHeaders, errorFromBody, notifyUnauthenticated, ApiError, queryString } from './client';

/**
 * Spreadsheet import and export. The types mirror src/modules/transfer/schema.ts, declared here because that file
 * imports src/server/types.ts (Fastify and database types), which the web app must not pull in.
 */
export type TransferEntity = 'systems' | 'vendors';
export type ExportFormat = 'csv' | 'xlsx';

export interface RowError {
  /** spreadsheet row as the user sees it (header = row 1); 0 for the whole file */
  row: number;
  column: string | null;
  message: string;
}

export interface ImportRunView {
  id: string;
  entity: TransferEntity;
  fileName: string;
  dryRun: boolean;
  state: 'running' | 'done' | 'failed';
  totalRows: number;
  processedRows: number;
  createdRows: number;
  errors: RowError[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export function exportUrl(org: string, entity: TransferEntity, format: ExportFormat, lang: string): string {
  return `/api/v1/orgs/${encodeURIComponent(org)}/exports/${entity}${queryString({ format, lang })}`;
}

export const getImportRun = (org: string, id: string): Promise<ImportRunView> =>
  api<ImportRunView>(`/orgs/${encodeURIComponent(org)}/imports/${encodeURIComponent(id)}`);

/** Uploads with XMLHttpRequest, which (unlike fetch) reports upload progress. */
export function uploadImport(
  org: string,
  entity: TransferEntity,
  file: File,
  dryRun: boolean,
  onProgress: (fraction: number) => void,
): Promise<ImportRunView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/orgs/${encodeURIComponent(org)}/imports/${entity}${queryString({ dryRun })}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server cannot be reached'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as ImportRunView);
        return;
      }
      if (xhr.status === 401) notifyUnauthenticated();
      reject(errorFromBody(xhr.status, body));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
