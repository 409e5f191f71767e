import { api, queryString } from './client';
import { uploadWithProgress } from './upload';

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
  return uploadWithProgress<ImportRunView>(
    `/orgs/${encodeURIComponent(org)}/imports/${entity}${queryString({ dryRun })}`,
    file,
    {},
    onProgress,
  );
}
