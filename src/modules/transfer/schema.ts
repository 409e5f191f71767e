import { z } from 'zod';
import { orgParams } from '../orgs/schema.js';

/** Contracts of spreadsheet import and export. */
export const transferEntities = ['systems', 'vendors'] as const;
export type TransferEntity = (typeof transferEntities)[number];
export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const entityParams = orgParams.extend({ entity: z.enum(transferEntities) });

export const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export const rowError = z.object({
  /** spreadsheet row number as the user sees it (the header is row 1); 0 for a problem with the whole file */
  row: z.number(),
  /** the column header as written in the file, or null */
  column: z.string().nullable(),
  message: z.string(),
});
export type RowError = z.infer<typeof rowError>;

export const importRunView = z.object({
  id: z.string(),
  entity: z.enum(transferEntities),
  fileName: z.string(),
  dryRun: z.boolean(),
  state: z.enum(['running', 'done', 'failed']),
  totalRows: z.number(),
  processedRows: z.number(),
  /** rows written (0 for a dry run or a refused import) */
  createdRows: z.number(),
  errors: z.array(rowError),
  /** headers of the file that were not recognised and so ignored */
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportRunView = z.infer<typeof importRunView>;

export const exportQuery = z.object({
  format: z.enum(exportFormats).default('xlsx'),
  /** header and value language */
  lang: z.enum(['en', 'zh-HK']).default('en'),
});
