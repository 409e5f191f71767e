import { fairnessReport, type FairnessReport } from '../stats/fairness-report.js';
import { ConfusionTally, fairnessFromTallies, intersectionalName, type FairnessResult, type GroupTally } from '../stats/fairness.js';
import { AppError } from '../../server/errors.js';
import { asTabular } from './csv-columns.js';
import { openRecords, type TabularFile } from './records.js';

/**
 * "Read a file → per-group confusion matrices → the report" for `aims fairness` and the API's fairness runs, so that
 * both give the same figures for the same file. The file is streamed: only 4 numbers per group are kept.
 */

export interface FairnessFileParams {
  label: string;
  labelPositive: readonly string[];
  prediction: string;
  predictionPositive: readonly string[];
  /** sensitive columns; several form intersectional groups "v1 & v2" */
  groups: readonly string[];
  /** keep only the rows of these groups */
  groupsFilter?: readonly string[];
  referenceGroup?: string;
  minGroupSize: number;
}

/** How messages name the options: the CLI's flags by default, the API's body fields when it calls. */
export interface ParamNames {
  groupsFilter: string;
  referenceGroup: string;
}
const cliNames: ParamNames = { groupsFilter: '--groups', referenceGroup: '--reference-group' };

export interface FairnessFileResult {
  report: FairnessReport;
  result: FairnessResult;
  /** the tallies the result came from (for bootstrap intervals) */
  tallies: GroupTally[];
}

export async function fairnessFromFile(
  source: string | TabularFile,
  params: FairnessFileParams,
  names: ParamNames = cliNames,
): Promise<FairnessFileResult> {
  const f = asTabular(source);
  const file = f.label ?? f.path;
  const labelPositive = new Set(params.labelPositive.map((v) => v.trim()));
  const predictionPositive = new Set(params.predictionPositive.map((v) => v.trim()));
  const keep = params.groupsFilter === undefined ? null : new Set(params.groupsFilter.map((v) => v.trim()));
  const tally = new ConfusionTally();
  let columns: number[] | null = null; // label, prediction, group columns…
  let excludedRows = 0;
  for await (const record of openRecords(f)) {
    if (!columns) {
      columns = resolveColumns(record, [params.label, params.prediction, ...params.groups]);
      continue;
    }
    const values: string[] = [];
    for (const c of columns) {
      const v = record[c]?.trim() ?? '';
      if (v === '') break;
      values.push(v);
    }
    if (values.length < columns.length) {
      excludedRows++;
      continue;
    }
    const group = intersectionalName(values.slice(2));
    if (keep && !keep.has(group)) continue;
    tally.add(group, labelPositive.has(values[0]!), predictionPositive.has(values[1]!));
  }
  if (!columns) throw new AppError('bad_request', `${file} is empty: it needs a header row and data rows`);
  if (tally.rows === 0) {
    throw new AppError(
      'bad_request',
      `${file}: no rows to analyse (${excludedRows} excluded for an empty value${keep ? `, others not in ${names.groupsFilter}` : ''})`,
    );
  }
  const missing = keep ? [...keep].filter((g) => !tally.has(g)) : [];
  if (missing.length) throw new AppError('bad_request', `${names.groupsFilter}: no rows for ${missing.map((g) => `"${g}"`).join(', ')}`);
  if (params.referenceGroup !== undefined && !tally.has(params.referenceGroup.trim())) {
    const seen = tally
      .groups()
      .map((g) => g.name)
      .sort();
    throw new AppError('bad_request', `${names.referenceGroup} "${params.referenceGroup}" has no rows; groups: ${seen.join(', ')}`);
  }
  const tallies = tally.groups();
  const result = fairnessFromTallies(tallies, { referenceGroup: params.referenceGroup?.trim(), minGroupSize: params.minGroupSize });
  return { report: fairnessReport(result, excludedRows), result, tallies };
}

/** Index of each wanted column; a header may repeat a name, and the first occurrence wins. */
function resolveColumns(header: string[], wanted: string[]): number[] {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim();
    if (!index.has(key)) index.set(key, i);
  });
  const missing = wanted.filter((w) => !index.has(w.trim()));
  if (missing.length) {
    const shown = [...index.keys()].filter((k) => k !== '');
    const available = shown.length > 40 ? `${shown.slice(0, 40).join(', ')}, …` : shown.join(', ');
    throw new AppError('bad_request', `Column${missing.length > 1 ? 's' : ''} not found: ${missing.join(', ')} (columns: ${available})`);
  }
  return wanted.map((w) => index.get(w.trim())!);
}
