import fs from 'node:fs';
import type { Command } from 'commander';
import type { FairnessReport, GroupFigures } from '../../lib/stats/fairness-report.js';
import type { FairnessResult } from '../../lib/stats/fairness.js';
import { fairnessFromFile } from '../../lib/tabular/fairness-file.js';
import { AppError } from '../../server/errors.js';
import { printTable } from '../output.js';

interface FairnessOptions {
  input: string;
  label: string;
  labelPositive: string;
  prediction: string;
  predictionPositive: string;
  group: string;
  groups?: string;
  referenceGroup?: string;
  minGroupSize?: string;
  json?: boolean;
}

/**
 * `aims fairness`: group fairness of a classifier's predictions in a CSV file, offline, no database. The file is
 * streamed (only a confusion matrix per group is kept), so it may have millions of rows.
 */
export function registerFairnessCommand(program: Command): void {
  program
    .command('fairness')
    .description('Group fairness of binary predictions in a CSV file: Fairlearn aggregates and AIF360 comparisons (offline, no database)')
    .requiredOption('--input <file>', 'CSV file with a header row')
    .requiredOption('--label <col>', 'column of the true outcome')
    .requiredOption('--label-positive <values>', 'comma-separated values of --label that mean positive (matched as trimmed text)')
    .requiredOption('--prediction <col>', "column of the model's prediction")
    .requiredOption('--prediction-positive <values>', 'comma-separated values of --prediction that mean positive')
    .requiredOption('--group <cols>', 'sensitive column(s), comma-separated; several form intersectional groups named "v1 & v2"')
    .option('--groups <values>', 'keep only the rows of these groups (comma-separated); every figure is computed on them')
    .option('--reference-group <value>', 'compare every other group with this one (AIF360: signed difference and ratio)')
    .option('--min-group-size <n>', 'flag groups with fewer rows (human output)', '30')
    .option('--json', 'print JSON for machines')
    .action(async (opts: FairnessOptions) => {
      const { report, result } = await runFairness(opts);
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else printHuman(report, result);
    });
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

function nonEmptyList(value: string, option: string): string[] {
  const values = list(value);
  if (values.length === 0) throw new AppError('bad_request', `${option} needs at least one value`);
  return values;
}

export async function runFairness(opts: FairnessOptions): Promise<{ report: FairnessReport; result: FairnessResult }> {
  const labelPositive = nonEmptyList(opts.labelPositive, '--label-positive');
  const predictionPositive = nonEmptyList(opts.predictionPositive, '--prediction-positive');
  const groupColumns = nonEmptyList(opts.group, '--group');
  const groupsFilter = opts.groups === undefined ? undefined : nonEmptyList(opts.groups, '--groups');
  const minGroupSize = Number(opts.minGroupSize ?? '30');
  if (!Number.isInteger(minGroupSize) || minGroupSize < 0) throw new AppError('bad_request', '--min-group-size must be a whole number ≥ 0');
  try {
    await fs.promises.access(opts.input, fs.constants.R_OK);
  } catch (err) {
    throw new AppError('bad_request', `Cannot read ${opts.input}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const { report, result } = await fairnessFromFile(opts.input, {
    label: opts.label,
    labelPositive,
    prediction: opts.prediction,
    predictionPositive,
    groups: groupColumns,
    ...(groupsFilter ? { groupsFilter } : {}),
    ...(opts.referenceGroup !== undefined ? { referenceGroup: opts.referenceGroup } : {}),
    minGroupSize,
  });
  return { report, result };
}

const fmt = (v: number | null): string => (v === null ? 'undefined' : Number.isInteger(v) ? String(v) : v.toFixed(4));

function printHuman(report: FairnessReport, result: FairnessResult): void {
  console.log(`${report.rows} rows analysed, ${report.excludedRows} excluded (empty value in a used column)\n`);
  const row = (name: string, g: GroupFigures, small: boolean) => ({
    group: name,
    count: g.count,
    selection: fmt(g.selectionRate),
    TPR: fmt(g.tpr),
    FPR: fmt(g.fpr),
    FNR: fmt(g.fnr),
    TNR: fmt(g.tnr),
    PPV: fmt(g.ppv),
    NPV: fmt(g.npv),
    accuracy: fmt(g.accuracy),
    note: small ? `small (< ${result.minGroupSize})` : '',
  });
  printTable(
    [
      ...result.groupNames.map((name) => row(name, report.groups[name]!, result.groups[name]!.small)),
      row('(overall)', report.overall, false),
    ],
    ['group', 'count', 'selection', 'TPR', 'FPR', 'FNR', 'TNR', 'PPV', 'NPV', 'accuracy', 'note'],
  );
  const reasons = result.groupNames.flatMap((name) =>
    Object.entries(result.groups[name]!.undefinedReasons).map(([rate, why]) => `  ${name}: ${rate} undefined, ${why}`),
  );
  if (reasons.length) console.log(`\n${reasons.join('\n')}`);

  console.log('\nFairlearn aggregates (between groups; difference 0 and ratio 1 are parity)');
  const agg = (name: string, d: { difference: number | null; ratio: number | null; reasons: { difference?: string; ratio?: string } }) => ({
    metric: name,
    difference: fmt(d.difference),
    ratio: fmt(d.ratio),
    note: [d.reasons.difference, d.reasons.ratio].filter(Boolean).join('; '),
  });
  printTable(
    [
      agg('demographic parity', result.demographicParity),
      agg('equalized odds (worst case)', result.equalizedOdds),
      agg('equal opportunity', result.equalOpportunity),
    ],
    ['metric', 'difference', 'ratio', 'note'],
  );
  if (result.vsReference) {
    console.log(`\nAgainst reference group "${result.referenceGroup}" (AIF360, signed: group − reference; group / reference)`);
    printTable(
      Object.entries(result.vsReference).map(([name, c]) => ({
        group: name,
        SPD: fmt(c.statisticalParityDifference),
        DI: fmt(c.disparateImpact),
        EOD: fmt(c.equalOpportunityDifference),
        AOD: fmt(c.averageOddsDifference),
        note: Object.values(c.reasons).join('; '),
      })),
      ['group', 'SPD', 'DI', 'EOD', 'AOD', 'note'],
    );
  }
}
