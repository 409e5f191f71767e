import fs from 'node:fs';
import { parse } from 'csv-parse';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { AppError } from '../../server/errors.js';

/**
 * Rows of a tabular file as text cells, header first, streamed: a CSV file through csv-parse, a Parquet file one row
 * group at a time through hyparquet. Every reader of data sets (the CLI, the API, the profiler) goes through here,
 * so they all see the same cells.
 */

export type TabularFormat = 'csv' | 'parquet';

export interface TabularFile {
  path: string;
  /** how messages name the file: its path for the CLI, the data set's name for the API */
  label?: string;
  format?: TabularFormat;
}

const labelOf = (f: TabularFile): string => f.label ?? f.path;

/** Header row then data rows; `toLine` stops after that many CSV lines (the header alone: 1). */
export function openRecords(f: TabularFile, toLine?: number): AsyncIterable<string[]> {
  return f.format === 'parquet' ? parquetRecords(f, toLine) : csvRecords(f, toLine);
}

function csvRecords(f: TabularFile, toLine?: number): AsyncIterable<string[]> {
  const label = labelOf(f);
  if (!fs.existsSync(f.path)) throw new AppError('bad_request', `Cannot read ${label}: no such file`);
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, ...(toLine ? { to_line: toLine } : {}) });
  const stream = fs.createReadStream(f.path);
  stream.on('error', (err) =>
    parser.destroy(new AppError('bad_request', `Cannot read ${label}: ${(err as NodeJS.ErrnoException).code ?? err.message}`)),
  );
  return wrapErrors(stream.pipe(parser) as AsyncIterable<string[]>, label, 'CSV');
}

/** A Parquet cell as the text a CSV export would hold: null → empty, numbers and booleans in their usual spelling. */
export function parquetCellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

async function* parquetRows(f: TabularFile, toLine?: number): AsyncIterable<string[]> {
  const file = await asyncBufferFromFile(f.path);
  const metadata = await parquetMetadataAsync(file);
  const header = parquetSchema(metadata).children.map((c) => c.element.name);
  yield header;
  if (toLine === 1) return;
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await new Promise<unknown[][]>((resolve, reject) => {
      parquetRead({ file, metadata, rowStart, rowEnd, rowFormat: 'array', onComplete: resolve }).catch(reject);
    });
    for (const row of rows) yield row.map(parquetCellText);
    rowStart = rowEnd;
  }
}

function parquetRecords(f: TabularFile, toLine?: number): AsyncIterable<string[]> {
  const label = labelOf(f);
  if (!fs.existsSync(f.path)) throw new AppError('bad_request', `Cannot read ${label}: no such file`);
  return wrapErrors(parquetRows(f, toLine), label, 'Parquet');
}

async function* wrapErrors(records: AsyncIterable<string[]>, label: string, kind: string): AsyncIterable<string[]> {
  try {
    yield* records;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('bad_request', `${label} is not valid ${kind}: ${(err as Error).message}`);
  }
}
