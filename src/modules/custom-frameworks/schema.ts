import { z } from 'zod';
import '../../lib/zod-messages.js';
import { frameworkSummary } from '../frameworks/schema.js';
import { orgParams } from '../orgs/schema.js';

/** Contracts of the organisation's own frameworks (imported from an OSCAL catalog or a spreadsheet). */

export const customFrameworkId = z
  .string()
  .trim()
  .min(1, 'Give the framework an id')
  .max(64, 'At most 64 characters')
  .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'Use lower-case letters, digits, dots and hyphens (e.g. "acme-ai-policy")');

/** A built-in or custom framework as the organisation sees it. */
export const orgFrameworkSummary = frameworkSummary.extend({
  /** true for a framework the organisation imported itself */
  custom: z.boolean(),
  /** how a custom framework came in ("oscal-catalog:file.json", "csv:file.csv"); null for built-in ones */
  importedFrom: z.string().nullable(),
  importedAt: z.string().nullable(),
});
export type OrgFrameworkSummary = z.infer<typeof orgFrameworkSummary>;

export const orgFrameworkList = z.object({ items: z.array(orgFrameworkSummary) });
export type OrgFrameworkList = z.infer<typeof orgFrameworkList>;

export const orgFrameworkParams = orgParams.extend({ framework: z.string().trim().min(1).max(64) });

/** Fields of an import, as query parameters or as form fields sent before the file. */
export const importFrameworkFields = z.object({
  id: customFrameworkId.optional().describe('the new framework id (required for spreadsheets; an OSCAL catalog may carry its own)'),
  title: z.string().trim().min(1).max(300).optional().describe('its title (required for spreadsheets; default: the catalog title)'),
  version: z.string().trim().min(1).max(100).optional().describe('its version (default: the catalog version, or "1")'),
});
export type ImportFrameworkFields = z.infer<typeof importFrameworkFields>;

/** One reason an import was refused: the spreadsheet row (header = row 1) or the place in the OSCAL document. */
export const importProblem = z.object({
  row: z.number().nullable(),
  path: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const importFrameworkResult = z.object({
  framework: orgFrameworkSummary,
  /** columns of the spreadsheet that were not recognised and so ignored */
  ignoredColumns: z.array(z.string()),
});
export type ImportFrameworkResult = z.infer<typeof importFrameworkResult>;

/** The columns a framework spreadsheet may have; the first four are required. */
export const frameworkSheetColumns = {
  required: ['id', 'parent', 'title', 'description'],
  optional: ['title_zh', 'description_zh', 'assessable', 'components'],
} as const;
