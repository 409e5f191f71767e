import type { z } from 'zod';
import { codeFor, columnIndex, normaliseHeader, splitList, type Column } from './columns.js';
import type { RowError } from './schema.js';
import type { Table } from './read-table.js';

/** Marks a name that more than one member has. */
export const AMBIGUOUS = Symbol('ambiguous');

/** Lookups for cells that name things: people by e-mail (or name), vendors by name. */
export interface Lookups {
  personByKey: Map<string, string | typeof AMBIGUOUS>;
  vendorByName: Map<string, string>;
}

export interface HeaderMap {
  /** file column position → register column */
  byPosition: Map<number, Column>;
  ignored: string[];
  errors: RowError[];
  /** the header a field's errors are reported under: as written in the file, else the column's English header */
  headerOf(field: string): string | null;
}

export function mapHeaders(headers: string[], columns: Column[]): HeaderMap {
  const index = columnIndex(columns);
  const byPosition = new Map<number, Column>();
  const seen = new Map<string, string>();
  const ignored: string[] = [];
  const errors: RowError[] = [];
  headers.forEach((h, i) => {
    if (h === '') return;
    const column = index.get(normaliseHeader(h));
    if (!column) return void ignored.push(h);
    const earlier = seen.get(column.field);
    if (earlier !== undefined) {
      errors.push({ row: 1, column: h, message: `This column repeats "${earlier}"` });
      return;
    }
    seen.set(column.field, h);
    byPosition.set(i, column);
  });
  for (const c of columns) {
    if (c.required && !seen.has(c.field)) {
      errors.push({ row: 1, column: c.headers.en, message: `The required column "${c.headers.en}" (${c.headers['zh-HK']}) is missing` });
    }
  }
  const headerOf = (field: string) => seen.get(field) ?? columns.find((c) => c.field === field)?.headers.en ?? (field || null);
  return { byPosition, ignored, errors, headerOf };
}

/** One cell to a field value, or an error message. Empty cells leave the field to its default. */
function convertCell(column: Column, cell: string, lookups: Lookups): { value?: unknown; error?: string } {
  const kind = column.kind;
  switch (kind.type) {
    case 'text':
      return { value: cell };
    case 'list':
      return { value: splitList(cell) };
    case 'date': {
      const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(cell);
      if (!m) return { error: `"${cell}" is not a date; write it like 2026-12-31` };
      return { value: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` };
    }
    case 'enum': {
      const code = codeFor(kind.labels, cell);
      return code
        ? { value: code }
        : {
            error: `"${cell}" is not one of: ${Object.values(kind.labels)
              .map((l) => l.en)
              .join(', ')}`,
          };
    }
    case 'enumList': {
      const codes: string[] = [];
      for (const part of splitList(cell)) {
        const code = codeFor(kind.labels, part);
        if (!code)
          return {
            error: `"${part}" is not one of: ${Object.values(kind.labels)
              .map((l) => l.en)
              .join(', ')}`,
          };
        codes.push(code);
      }
      return { value: codes };
    }
    case 'person': {
      const id = lookups.personByKey.get(cell.toLowerCase());
      if (id === AMBIGUOUS) return { error: `More than one member is named "${cell}"; use their e-mail address` };
      return id ? { value: id } : { error: `No member of this organisation has the e-mail or name "${cell}"` };
    }
    case 'vendor': {
      const id = lookups.vendorByName.get(cell.toLowerCase());
      return id ? { value: id } : { error: `No vendor named "${cell}" in the vendor register; import vendors first` };
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
}

export interface ConvertedRow<T> {
  row: number;
  value: T;
}

/** Converts and validates every row; returns the good ones and every error (row, column, reason). */
export async function convertRows<S extends z.ZodType>(
  table: Table,
  headerMap: HeaderMap,
  schema: S,
  lookups: Lookups,
  onProgress: (processed: number) => Promise<void>,
): Promise<{ rows: ConvertedRow<z.output<S>>[]; errors: RowError[] }> {
  const rows: ConvertedRow<z.output<S>>[] = [];
  const errors: RowError[] = [];

  for (const [n, { row, cells }] of table.rows.entries()) {
    const raw: Record<string, unknown> = {};
    let rowOk = true;
    for (const [i, column] of headerMap.byPosition) {
      const cell = (cells[i] ?? '').trim();
      if (cell === '') continue;
      if (cell.includes('\u0000')) {
        errors.push({
          row,
          column: table.headers[i] ?? column.headers.en,
          message: 'The cell contains a NUL character (U+0000), which cannot be stored',
        });
        rowOk = false;
        continue;
      }
      const { value, error } = convertCell(column, cell, lookups);
      if (error) {
        errors.push({ row, column: table.headers[i] ?? column.headers.en, message: error });
        rowOk = false;
      } else raw[column.field] = value;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        // A cell that failed conversion already has its error.
        if (!rowOk && raw[field] === undefined && errors.some((e) => e.row === row && e.column === headerMap.headerOf(field))) continue;
        const message = raw[field] === undefined && issue.code === 'invalid_type' ? 'This cell is required' : issue.message;
        errors.push({ row, column: headerMap.headerOf(field), message });
      }
    } else if (rowOk) rows.push({ row, value: parsed.data });
    if ((n + 1) % 500 === 0) await onProgress(n + 1);
  }
  await onProgress(table.rows.length);
  return { rows, errors };
}
