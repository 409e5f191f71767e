import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../server/errors.js';

/** A spreadsheet as header texts and rows of cell texts; row numbers are those the user sees (header = 1). */
export interface Table {
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

export const MAX_IMPORT_ROWS = 100_000;

export function isXlsx(buffer: Buffer, fileName: string): boolean {
  const zipMagic = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
  return zipMagic || /\.xlsx$/i.test(fileName);
}

export async function readTable(buffer: Buffer, fileName: string): Promise<Table> {
  if (buffer.length === 0) throw new AppError('unprocessable', 'The file is empty');
  const table = isXlsx(buffer, fileName) ? await readXlsx(buffer) : readCsv(buffer);
  if (table.headers.every((h) => h === '')) throw new AppError('unprocessable', 'The first row must hold the column headers');
  if (table.rows.length > MAX_IMPORT_ROWS) {
    throw new AppError('payload_too_large', `The file has ${table.rows.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once`);
  }
  return table;
}

function readCsv(buffer: Buffer): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new AppError('unprocessable', 'The CSV file is not UTF-8 text; in Excel choose "CSV UTF-8" when saving');
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch (err) {
    throw new AppError('unprocessable', `The CSV file cannot be read: ${(err as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new AppError('unprocessable', 'The file has no header row');
  return {
    headers: header.map((h) => h.trim()),
    rows: body.map((cells, i) => ({ row: i + 2, cells: cells.map(unescapeFormula) })).filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}

async function readXlsx(buffer: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('unprocessable', 'The file is not a valid XLSX workbook (it may be damaged, or an older .xls file)');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('unprocessable', 'The workbook has no worksheet');
  const headerRow = sheet.getRow(1);
  const width = headerRow.cellCount;
  const headers = Array.from({ length: width }, (_, i) => cellText(headerRow.getCell(i + 1).value).trim());
  const rows: Table['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = Array.from({ length: width }, (_, i) => unescapeFormula(cellText(row.getCell(i + 1).value)));
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: rowNumber, cells });
  });
  return { headers, rows };
}

/** The text a person sees in a cell, whatever Excel stored (rich text, hyperlink, formula result, date). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/**
 * Exports prefix cells that a spreadsheet would run as a formula with an apostrophe (CSV injection); imports take
 * one off. Text that already starts with apostrophes before such a character gets one more, so it round-trips.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

export function escapeFormula(cell: string): string {
  return FORMULA_LIKE.test(cell) ? `'${cell}` : cell;
}

export function unescapeFormula(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
