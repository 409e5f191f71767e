import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { OrgContext } from '../../server/context.js';
import { forbidden } from '../../server/errors.js';
import { can } from '../auth/permissions.js';
import * as systemsRepo from '../systems/repo.js';
import type { Locale } from '../systems/labels.js';
import * as vendorsRepo from '../vendors/repo.js';
import { systemColumns, vendorColumns, type Column } from './columns.js';
import { escapeFormula } from './read-table.js';
import type { ExportFormat, TransferEntity } from './schema.js';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const ALL = 1_000_000;

/** A cell's text for one field, in the export's language; the importer reads it back. */
function cellOf(column: Column, value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return '';
  const kind = column.kind;
  switch (kind.type) {
    case 'enum':
      return kind.labels[value as string]?.[locale] ?? (value as string);
    case 'enumList':
      return (value as string[]).map((v) => kind.labels[v]?.[locale] ?? v).join('; ');
    case 'list':
      return (value as string[]).join('; ');
    default:
      return String(value as string | number);
  }
}

async function recordsOf(ctx: OrgContext, entity: TransferEntity): Promise<Record<string, unknown>[]> {
  if (entity === 'systems') {
    const { rows } = await systemsRepo.listSystems(ctx.db, ctx.org.id, {
      archived: 'exclude',
      sort: 'name',
      order: 'asc',
      limit: ALL,
      offset: 0,
    });
    return rows.map((r) => ({
      ...r.system,
      accountableOwnerId: r.accountable?.email,
      technicalOwnerId: r.technical?.email,
      vendorId: r.vendor?.name,
    }));
  }
  const { rows } = await vendorsRepo.listVendors(ctx.db, ctx.org.id, {
    archived: 'exclude',
    sort: 'name',
    order: 'asc',
    limit: ALL,
    offset: 0,
  });
  return rows.map((r) => r.vendor);
}

/** The live register as a CSV (UTF-8 with BOM, for Excel) or XLSX file, with headers in the chosen language. */
export async function exportRegister(ctx: OrgContext, entity: TransferEntity, format: ExportFormat, locale: Locale): Promise<ExportFile> {
  if (!can(ctx.role, 'export.run') || !can(ctx.role, entity === 'systems' ? 'system.read' : 'vendor.read')) throw forbidden();
  const columns = entity === 'systems' ? systemColumns : vendorColumns;
  const records = await recordsOf(ctx, entity);
  const header = columns.map((c) => c.headers[locale]);
  const rows = records.map((r) => columns.map((c) => escapeFormula(cellOf(c, r[c.field], locale))));
  const stamp = new Date().toISOString().slice(0, 10);
  const baseName = `${ctx.org.slug}-${entity === 'systems' ? 'ai-systems' : 'vendors'}-${stamp}`;
  if (format === 'csv') {
    return {
      fileName: `${baseName}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from(stringify([header, ...rows], { bom: true })),
    };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OpenAIMS';
  const sheet = workbook.addWorksheet(entity === 'systems' ? 'AI systems' : 'Vendors', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((col, i) => {
    col.width = Math.min(60, Math.max(12, (header[i]?.length ?? 10) + 4));
  });
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${baseName}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
}
