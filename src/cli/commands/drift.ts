import type { Command } from 'commander';
import type { DriftMode } from '../../lib/stats/drift.js';
import { driftFromFiles, type DriftFileColumn, type DriftFileReport } from '../../lib/tabular/drift-file.js';
import { AppError } from '../../server/errors.js';
import { printTable } from '../output.js';

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

export type DriftCliColumn = DriftFileColumn;

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

async function runDrift(opts: DriftCliOptions): Promise<DriftFileReport> {
  if (opts.jsBase !== '2' && opts.jsBase !== 'e') throw new AppError('bad_request', `--js-base must be 2 or e, not "${opts.jsBase}"`);
  const mode: DriftMode = opts.evidently ? 'evidently' : 'default';
  return driftFromFiles(opts.reference, opts.current, {
    columns: list(opts.column),
    categorical: list(opts.categorical),
    mode,
    jensenShannonBase: opts.jsBase === 'e' ? 'e' : 2,
  });
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
