import { AppError } from '../../server/errors.js';
import { NUMBER_TEXT } from './csv-columns.js';
import { openRecords, type TabularFile } from './records.js';

/** Distinct values counted per column up to this many; beyond it the count is reported as "at least". */
export const PROFILE_DISTINCT_CAP = 1000;
const SAMPLE_SIZE = 5;

export interface ColumnProfile {
  name: string;
  /** numeric when most non-empty cells are decimal numbers (the drift checks use the same rule) */
  kind: 'numeric' | 'categorical';
  distinct: number;
  /** true when `distinct` stopped at PROFILE_DISTINCT_CAP */
  distinctCapped: boolean;
  empty: number;
  sample: string[];
}

export interface FileProfile {
  rowCount: number;
  columns: ColumnProfile[];
}

interface Acc {
  name: string;
  values: Set<string>;
  capped: boolean;
  empty: number;
  numbers: number;
  other: number;
  sample: string[];
}

/**
 * One pass over the file: the row count and, per column, its kind, distinct values (capped), empty cells and a few
 * sample values. Refuses (422) what cannot be a data set: no header, unnamed or repeated-only columns, no data rows.
 */
export async function profileFile(f: TabularFile): Promise<FileProfile> {
  const label = f.label ?? f.path;
  let accs: Acc[] | null = null;
  let rowCount = 0;
  for await (const record of openRecords(f)) {
    if (!accs) {
      accs = headerColumns(record, label);
      continue;
    }
    rowCount++;
    for (const [i, a] of accs.entries()) {
      const v = (record[i] ?? '').trim();
      if (v === '') {
        a.empty++;
        continue;
      }
      if (NUMBER_TEXT.test(v)) a.numbers++;
      else a.other++;
      if (a.capped || a.values.has(v)) continue;
      if (a.values.size >= PROFILE_DISTINCT_CAP) {
        a.capped = true;
        continue;
      }
      a.values.add(v);
      if (a.sample.length < SAMPLE_SIZE) a.sample.push(v);
    }
  }
  if (!accs) throw new AppError('unprocessable', `${label} is empty: a header row and data rows are expected`);
  if (rowCount === 0) throw new AppError('unprocessable', `${label} has a header but no data rows`);
  const seen = new Set<string>();
  return {
    rowCount,
    columns: accs
      // a repeated header name: the first occurrence wins, as in the fairness and drift readers
      .filter((a) => (seen.has(a.name) ? false : (seen.add(a.name), true)))
      .map((a) => ({
        name: a.name,
        kind: a.numbers > a.other ? 'numeric' : 'categorical',
        distinct: a.values.size,
        distinctCapped: a.capped,
        empty: a.empty,
        sample: a.sample,
      })),
  };
}

function headerColumns(record: string[], label: string): Acc[] {
  const names = record.map((h) => h.trim());
  if (names.length === 0 || names.every((n) => n === '')) throw new AppError('unprocessable', `${label} has no header row`);
  const unnamed = names.findIndex((n) => n === '');
  if (unnamed >= 0) throw new AppError('unprocessable', `${label}: column ${unnamed + 1} of the header row has no name`);
  if (names.every((n) => NUMBER_TEXT.test(n))) {
    throw new AppError('unprocessable', `${label}: the first row holds only numbers; a header row naming the columns is expected`);
  }
  return names.map((name) => ({ name, values: new Set(), capped: false, empty: 0, numbers: 0, other: 0, sample: [] }));
}
