import { computeDriftReport, type DriftColumnInput } from '../stats/drift-report.js';
import type { ColumnDrift, DriftMode } from '../stats/drift.js';
import { AppError } from '../../server/errors.js';
import {
  asTabular,
  categoryCounts,
  headerIndex,
  MAX_TRACKED_DISTINCT,
  readCsvColumns,
  readCsvHeader,
  type ColumnCells,
} from './csv-columns.js';
import type { TabularFile } from './records.js';

/**
 * "Read two files → cleaned columns → the drift report" for `aims drift` and the API's drift runs. A column is
 * numeric unless it is declared categorical or most of its non-empty cells are not numbers (its numeric cells then
 * count by value: `1.0` = `1`). Empty cells, and non-numeric cells of a numeric column, are left out and counted in
 * `excluded`.
 */

export interface DriftFileParams {
  /** columns to compare (default: every column in both headers) */
  columns?: readonly string[];
  categorical?: readonly string[];
  mode: DriftMode;
  jensenShannonBase: 2 | 'e';
}

export type DriftFileColumn = ColumnDrift & { excluded: { reference: number; current: number } };

export interface DriftFileReport {
  columns: Record<string, DriftFileColumn>;
  datasetDrift: { share: number; drift: boolean };
}

/** How messages name the options: the CLI's flags by default. */
const cliCategorical = '--categorical';

export async function driftFromFiles(
  referenceSource: string | TabularFile,
  currentSource: string | TabularFile,
  params: DriftFileParams,
  categoricalName = cliCategorical,
): Promise<DriftFileReport> {
  const reference = asTabular(referenceSource);
  const current = asTabular(currentSource);
  const refLabel = reference.label ?? reference.path;
  const curLabel = current.label ?? current.path;
  const [refHeader, curHeader] = await Promise.all([readCsvHeader(reference), readCsvHeader(current)]);
  const refIndex = headerIndex(refHeader);
  const curIndex = headerIndex(curHeader);
  const requested = (params.columns ?? []).map((c) => c.trim()).filter(Boolean);
  const names = requested.length ? [...new Set(requested)] : [...refIndex.keys()].filter((name) => name !== '' && curIndex.has(name));
  for (const name of names) {
    if (!refIndex.has(name)) throw new AppError('bad_request', `${refLabel} has no column "${name}"`);
    if (!curIndex.has(name)) throw new AppError('bad_request', `${curLabel} has no column "${name}"`);
  }
  if (names.length === 0) throw new AppError('bad_request', `${refLabel} and ${curLabel} have no column in common`);
  const categorical = new Set((params.categorical ?? []).map((c) => c.trim()).filter(Boolean));
  for (const name of categorical) {
    if (!names.includes(name))
      throw new AppError('bad_request', `${categoricalName} "${name}" is not among the columns compared (${names.join(', ')})`);
  }

  const [ref, cur] = await Promise.all([readCsvColumns(reference, names, categorical), readCsvColumns(current, names, categorical)]);
  const inputs: DriftColumnInput[] = [];
  const excluded = new Map<string, { reference: number; current: number }>();
  for (const name of names) {
    const r = ref.columns.get(name)!;
    const c = cur.columns.get(name)!;
    const numeric = !categorical.has(name) && r.numbers.length + c.numbers.length > r.nonNumeric + c.nonNumeric;
    if (numeric) {
      inputs.push({ name, type: 'numeric', reference: r.numbers.values(), current: c.numbers.values() });
      excluded.set(name, { reference: r.empty + r.nonNumeric, current: c.empty + c.nonNumeric });
      requireValues(name, refLabel, r, r.numbers.length);
      requireValues(name, curLabel, c, c.numbers.length);
    } else {
      const declared = categorical.has(name);
      const refCounts = declared ? r.text : categoryCounts(r);
      const curCounts = declared ? c.text : categoryCounts(c);
      if (!refCounts || !curCounts) {
        throw new AppError(
          'bad_request',
          `column "${name}" has more than ${MAX_TRACKED_DISTINCT} distinct values and most of them are not numbers: list it in ${categoricalName} if it really is categorical`,
        );
      }
      inputs.push({ name, type: 'categorical', reference: refCounts, current: curCounts });
      excluded.set(name, { reference: r.empty, current: c.empty });
      requireValues(name, refLabel, r, refCounts.size);
      requireValues(name, curLabel, c, curCounts.size);
    }
  }
  const report = computeDriftReport(inputs, { mode: params.mode, jensenShannonBase: params.jensenShannonBase });
  const columns: Record<string, DriftFileColumn> = {};
  for (const name of names) columns[name] = { ...report.columns[name]!, excluded: excluded.get(name)! };
  return { columns, datasetDrift: report.datasetDrift };
}

function requireValues(name: string, file: string, cells: ColumnCells, usable: number): void {
  if (usable > 0) return;
  throw new AppError(
    'bad_request',
    `column "${name}" has no usable value in ${file} (${cells.empty} empty, ${cells.nonNumeric} not numeric)`,
  );
}
