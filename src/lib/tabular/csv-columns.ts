import { AppError } from '../../server/errors.js';
import { openRecords, type TabularFile } from './records.js';

/**
 * Streams a CSV (or Parquet) file and collects the named columns: numbers into growable Float64Arrays (files of millions of
 * rows), text into counts per trimmed value. Header names may repeat: the first occurrence wins. Empty cells are
 * counted, never coerced.
 */

/** Decimal numbers only: Number('') is 0 and Number('0x1f') is 31, neither is a measurement. */
export const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Text values kept per column while they may still be needed (a column turning out to be categorical). */
export const MAX_TRACKED_DISTINCT = 100_000;

export class GrowableFloat64Array {
  private data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export interface ColumnCells {
  /** finite decimal numbers (not collected for a column declared categorical) */
  numbers: GrowableFloat64Array;
  /**
   * counts per trimmed non-empty value that is not a number (every value for a column declared categorical);
   * null once more than MAX_TRACKED_DISTINCT values were seen in a column not declared categorical
   */
  text: Map<string, number> | null;
  /** non-empty cells that are not finite decimal numbers */
  nonNumeric: number;
  empty: number;
}

export interface CsvColumns {
  header: string[];
  columns: Map<string, ColumnCells>;
  rows: number;
}

/** First occurrence of each header name → its index. */
export function headerIndex(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  return index;
}

/**
 * Counts per value of a column that turned out categorical although not declared so: its numeric cells count under
 * their canonical number text (`1.0` and `1` are the same value); null when too many distinct texts were seen.
 */
export function categoryCounts(cells: ColumnCells): Map<string, number> | null {
  if (!cells.text) return null;
  const counts = new Map(cells.text);
  for (const x of cells.numbers.values()) {
    const key = String(x);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export const asTabular = (source: string | TabularFile): TabularFile => (typeof source === 'string' ? { path: source } : source);

/** Reads only the header row. */
export async function readCsvHeader(source: string | TabularFile): Promise<string[]> {
  const f = asTabular(source);
  for await (const record of openRecords(f, 1)) return record.map((h) => h.trim());
  throw new AppError('bad_request', `${f.label ?? f.path} is empty: a header row is expected`);
}

/**
 * Collects `names` (which must all be in the header); `categorical` columns keep text counts without limit and no
 * numbers.
 */
export async function readCsvColumns(
  source: string | TabularFile,
  names: readonly string[],
  categorical: ReadonlySet<string>,
): Promise<CsvColumns> {
  const f = asTabular(source);
  const file = f.label ?? f.path;
  let header: string[] | null = null;
  let targets: { index: number; cells: ColumnCells; categorical: boolean }[] = [];
  const columns = new Map<string, ColumnCells>();
  let rows = 0;
  for await (const cells of openRecords(f)) {
    if (!header) {
      header = cells.map((h) => h.trim());
      const index = headerIndex(header);
      targets = names.map((name) => {
        const i = index.get(name);
        if (i === undefined) throw new AppError('bad_request', `${file} has no column "${name}"`);
        const collected: ColumnCells = { numbers: new GrowableFloat64Array(), text: new Map(), nonNumeric: 0, empty: 0 };
        columns.set(name, collected);
        return { index: i, cells: collected, categorical: categorical.has(name) };
      });
      continue;
    }
    rows++;
    for (const t of targets) {
      const value = (cells[t.index] ?? '').trim();
      const c = t.cells;
      if (value === '') {
        c.empty++;
        continue;
      }
      if (!t.categorical) {
        const x = NUMBER_TEXT.test(value) ? Number(value) : NaN;
        if (Number.isFinite(x)) {
          c.numbers.push(x);
          continue;
        }
        c.nonNumeric++;
      }
      if (c.text) {
        c.text.set(value, (c.text.get(value) ?? 0) + 1);
        if (!t.categorical && c.text.size > MAX_TRACKED_DISTINCT) c.text = null;
      }
    }
  }
  if (!header) throw new AppError('bad_request', `${file} is empty: a header row is expected`);
  return { header, columns, rows };
}
