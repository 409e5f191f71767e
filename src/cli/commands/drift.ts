import type { Command } from 'commander';
import { computeDriftReport, type DriftColumnInput } from '../../lib/stats/drift-report.js';
import type { ColumnDrift, DriftMode } from '../../lib/stats/drift.js';
import { AppError } from '../../server/errors.js';
import { categoryCounts, headerIndex, MAX_TRACKED_DISTINCT, readCsvColumns, readCsvHeader, type ColumnCells } from '../csv-columns.js';
import { printTable } from '../support.js';

/**
 * `aims drift --reference FILE.csv --current FILE.csv [--column …] [--categorical …] [--json]`: data drift per
 * column and for the dataset, offline on files (no database). A column is numeric unless it is listed in
 * `--categorical` or most of its non-empty cells are not numbers (its numeric cells then count by value: `1.0` = `1`;
 * declare it categorical to compare exact text). Empty cells, and non-numeric cells of a numeric column, are left out
 * and counted in `excluded`.
 */

interface DriftCliOptions {
  reference: string;
  current: string;
  column?: string;
  categorical?: string;
  json?: boolean;
  evidently?: boolean;
  jsBase: string;
}

export type DriftCliColumn = ColumnDrift & { excluded: { reference: number; current: number } };

export function registerDriftCommand(program: Command): void {
  program
    .command('drift')
    .description('Data drift between a reference and a current CSV file, per column and for the data set (offline, no database)')
    .requiredOption('--reference <file>', 'reference (training / baseline) CSV file with a header row')
    .requiredOption('--current <file>', 'current (production) CSV file with a header row')
    .option('--column <cols>', 'columns to compare, comma-separated (default: every column in both headers)')
    .option('--categorical <cols>', 'columns to treat as categorical, comma-separated')
    .option(
      '--evidently',
      "Evidently-compatible binning: Sturges bins over both samples, Evidently's zero filling, natural-log Jensen–Shannon",
    )
    .option('--js-base <base>', 'log base of the Jensen–Shannon distance: 2 or e (default mode only)', '2')
    .option('--json', 'print JSON for machines')
    .action(async (opts: DriftCliOptions) => {
      const report = await runDrift(opts);
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else printReport(report);
    });
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function runDrift(opts: DriftCliOptions) {
  if (opts.jsBase !== '2' && opts.jsBase !== 'e') throw new AppError('bad_request', `--js-base must be 2 or e, not "${opts.jsBase}"`);
  const mode: DriftMode = opts.evidently ? 'evidently' : 'default';
  const [refHeader, curHeader] = await Promise.all([readCsvHeader(opts.reference), readCsvHeader(opts.current)]);
  const refIndex = headerIndex(refHeader);
  const curIndex = headerIndex(curHeader);
  const requested = list(opts.column);
  const names = requested.length ? [...new Set(requested)] : [...refIndex.keys()].filter((name) => name !== '' && curIndex.has(name));
  for (const name of names) {
    if (!refIndex.has(name)) throw new AppError('bad_request', `${opts.reference} has no column "${name}"`);
    if (!curIndex.has(name)) throw new AppError('bad_request', `${opts.current} has no column "${name}"`);
  }
  if (names.length === 0) throw new AppError('bad_request', `${opts.reference} and ${opts.current} have no column in common`);
  const categorical = new Set(list(opts.categorical));
  for (const name of categorical) {
    if (!names.includes(name))
      throw new AppError('bad_request', `--categorical "${name}" is not among the columns compared (${names.join(', ')})`);
  }

  const [ref, cur] = await Promise.all([
    readCsvColumns(opts.reference, names, categorical),
    readCsvColumns(opts.current, names, categorical),
  ]);
  const inputs: DriftColumnInput[] = [];
  const excluded = new Map<string, { reference: number; current: number }>();
  for (const name of names) {
    const r = ref.columns.get(name)!;
    const c = cur.columns.get(name)!;
    const numeric = !categorical.has(name) && r.numbers.length + c.numbers.length > r.nonNumeric + c.nonNumeric;
    if (numeric) {
      inputs.push({ name, type: 'numeric', reference: r.numbers.values(), current: c.numbers.values() });
      excluded.set(name, { reference: r.empty + r.nonNumeric, current: c.empty + c.nonNumeric });
      requireValues(name, opts.reference, r, r.numbers.length);
      requireValues(name, opts.current, c, c.numbers.length);
    } else {
      const declared = categorical.has(name);
      const refCounts = declared ? r.text : categoryCounts(r);
      const curCounts = declared ? c.text : categoryCounts(c);
      if (!refCounts || !curCounts) {
        throw new AppError(
          'bad_request',
          `column "${name}" has more than ${MAX_TRACKED_DISTINCT} distinct values and most of them are not numbers: list it in --categorical if it really is categorical`,
        );
      }
      inputs.push({ name, type: 'categorical', reference: refCounts, current: curCounts });
      excluded.set(name, { reference: r.empty, current: c.empty });
      requireValues(name, opts.reference, r, refCounts.size);
      requireValues(name, opts.current, c, curCounts.size);
    }
  }
  const report = computeDriftReport(inputs, { mode, jensenShannonBase: opts.jsBase === 'e' ? 'e' : 2 });
  const columns: Record<string, DriftCliColumn> = {};
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

const fmt = (x: number | null | undefined): string => {
  if (x === null || x === undefined) return '—';
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) !== 0 && Math.abs(x) < 1e-4 ? x.toExponential(2) : x.toFixed(4);
};

function printReport(report: { columns: Record<string, DriftCliColumn>; datasetDrift: { share: number; drift: boolean } }): void {
  const rows = Object.entries(report.columns).map(([name, c]) => ({
    column: name,
    type: c.type,
    'n ref/cur': `${c.n.reference}/${c.n.current}`,
    excluded: `${c.excluded.reference}/${c.excluded.current}`,
    'KS p': c.ks ? `${fmt(c.ks.pValue)} (${c.ks.method})` : '—',
    'chi² p': fmt(c.chiSquare.pValue),
    PSI: fmt(c.psi),
    JS: `${fmt(c.jensenShannon.distance)} (log${c.jensenShannon.base})`,
    'W normed': fmt(c.wasserstein?.normed),
    test: c.defaultTest.name,
    value: fmt(c.defaultTest.value),
    drift: c.defaultTest.drift ? 'DRIFT' : 'no',
  }));
  printTable(rows, ['column', 'type', 'n ref/cur', 'excluded', 'KS p', 'chi² p', 'PSI', 'JS', 'W normed', 'test', 'value', 'drift']);
  console.log('\nWhy these tests:');
  for (const [name, c] of Object.entries(report.columns)) console.log(`  ${name}: ${c.defaultTest.reason}`);
  const { share, drift } = report.datasetDrift;
  console.log(`\nDataset drift: ${drift ? 'YES' : 'no'} — ${(share * 100).toFixed(1)}% of the columns drift (drift when ≥ 50%)`);
}
