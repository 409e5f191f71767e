import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { fairnessReport } from '../../src/lib/stats/fairness-report.js';
import { computeFairness, encodeGroups } from '../../src/lib/stats/fairness.js';
import { describeRun, runCli } from './cli.js';

/** `aims fairness` runs offline (no database target) and prints exactly what the library computes for the same rows. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-fairness-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function fairnessJson(args: string[]): Promise<unknown> {
  const r = await runCli(null, ['fairness', ...args, '--json']);
  if (r.code !== 0) throw new Error(describeRun(r));
  return JSON.parse(r.stdout) as unknown;
}

/** What the CLI must print for rows already reduced to (label, prediction, group…) text. */
function expected(
  rows: { label: string; pred: string; groups: string[] }[],
  pos: { label: string[]; pred: string[] },
  excluded: number,
  reference?: string,
) {
  const { group, groupNames } = encodeGroups(rows[0]!.groups.map((_, k) => rows.map((r) => r.groups[k]!)));
  const result = computeFairness(
    {
      yTrue: Uint8Array.from(rows.map((r) => (pos.label.includes(r.label) ? 1 : 0))),
      yPred: Uint8Array.from(rows.map((r) => (pos.pred.includes(r.pred) ? 1 : 0))),
      group,
      groupNames,
    },
    { referenceGroup: reference },
  );
  return JSON.parse(JSON.stringify(fairnessReport(result, excluded))) as unknown;
}

describe('aims fairness on a generated CSV', () => {
  // Deterministic rows; the header repeats "label" (the second one is garbage: the first must win) and has extra columns.
  const sexes = ['F', 'M'];
  const races = ['x', 'y', 'z'];
  const rows: { label: string; pred: string; sex: string; race: string }[] = [];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 600; i++) {
    const race = races[(i >> 1) % 3]!;
    const label = next() < 0.4 ? 'yes' : 'no';
    // Predictions lean on race, so the groups differ.
    const approve = next() < (label === 'yes' ? 0.7 : 0.2) + (race === 'x' ? 0.15 : race === 'z' ? -0.1 : 0);
    rows.push({ label, pred: approve ? 'approve' : 'deny', sex: sexes[i % 2]!, race });
  }
  const lines = ['id,label,sex,race,prediction,label,notes'];
  rows.forEach((r, i) => lines.push(`${i},  ${r.label} ,${r.sex},"${r.race}",${r.pred},GARBAGE,"a, quoted note"`));
  // Rows with an empty value in a used column (or a missing cell) are excluded and counted.
  lines.push('600,,F,x,approve,yes,', '601,yes,  ,x,approve,yes,', '602,yes,F,x', '603,no,M,y,   ,no,');
  const file = path.join(dir, 'scores.csv');
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
  const base = [
    '--input',
    file,
    '--label',
    'label',
    '--label-positive',
    'yes',
    '--prediction',
    'prediction',
    '--prediction-positive',
    'approve',
  ];
  const pos = { label: ['yes'], pred: ['approve'] };

  it('one sensitive column, with a reference group', async () => {
    const got = await fairnessJson([...base, '--group', 'race', '--reference-group', 'y']);
    // Row 601 has no sex, which this run does not use: it counts.
    const used = [...rows, { label: 'yes', pred: 'approve', sex: '', race: 'x' }];
    const want = expected(
      used.map((r) => ({ label: r.label, pred: r.pred, groups: [r.race] })),
      pos,
      3,
      'y',
    );
    expect(got).toEqual(want);
    expect(got).toMatchObject({ rows: 601, excludedRows: 3 });
    expect((got as { demographicParity: { difference: number } }).demographicParity.difference).toBeGreaterThan(0.1);
    expect(Object.keys((got as { vsReference: object }).vsReference)).toEqual(['x', 'z']);
  });

  it('intersectional groups, and --groups keeps only the listed ones (overall included)', async () => {
    const all = await fairnessJson([...base, '--group', 'sex,race']);
    expect(Object.keys((all as { groups: object }).groups)).toEqual(['F & x', 'F & y', 'F & z', 'M & x', 'M & y', 'M & z']);
    expect(all).toEqual(
      expected(
        rows.map((r) => ({ label: r.label, pred: r.pred, groups: [r.sex, r.race] })),
        pos,
        4,
      ),
    );

    const some = await fairnessJson([...base, '--group', 'sex,race', '--groups', 'F & x, M & z', '--reference-group', 'F & x']);
    const kept = rows.filter((r) => `${r.sex} & ${r.race}` === 'F & x' || `${r.sex} & ${r.race}` === 'M & z');
    expect(some).toEqual(
      expected(
        kept.map((r) => ({ label: r.label, pred: r.pred, groups: [r.sex, r.race] })),
        pos,
        4,
        'F & x',
      ),
    );
    expect((some as { rows: number }).rows).toBe(kept.length);
  });

  it('several positive values; the human table is the default', async () => {
    const got = await fairnessJson([...base.slice(0, -1), 'approve,deny', '--group', 'sex']);
    expect((got as { overall: { selectionRate: number } }).overall.selectionRate).toBe(1);
    const r = await runCli(null, ['fairness', ...base, '--group', 'sex', '--reference-group', 'F']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toMatch(/600 rows analysed, 4 excluded/);
    expect(r.stdout).toMatch(/demographic parity/);
    expect(r.stdout).toMatch(/Against reference group "F"/);
  });

  it('bad input exits non-zero with a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [[...base, '--group', 'ethnicity'], /Column not found: ethnicity/],
      [[...base, '--group', 'race', '--reference-group', 'w'], /--reference-group "w" has no rows; groups: x, y, z/],
      [[...base, '--group', 'race', '--groups', 'x,w'], /--groups: no rows for "w"/],
      [[...base.slice(0, 1), path.join(dir, 'nope.csv'), ...base.slice(2), '--group', 'race'], /Cannot read .*nope\.csv: ENOENT/],
      [[...base, '--group', 'race', '--label-positive', ' , '], /--label-positive needs at least one value/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(null, ['fairness', ...args, '--json']);
      expect(r.code, describeRun(r)).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, 'label,prediction,race\n,approve,x\n');
    const r = await runCli(null, ['fairness', ...base.slice(0, 1), empty, ...base.slice(2), '--group', 'race']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no rows to analyse \(1 excluded/);
  });
});

const compas = '/work/shared/data/compas/compas-scores-two-years.csv';
describe.skipIf(!fs.existsSync(compas))('aims fairness on COMPAS (skipped: /work/shared/data/compas is absent)', () => {
  it('race, and sex × race, against Caucasian: the CLI equals the library on the same rows', async () => {
    const records = parse(fs.readFileSync(compas), { bom: true, relax_column_count: true }) as string[][];
    const header = records[0]!;
    const col = (name: string) => header.indexOf(name);
    const used = [col('two_year_recid'), col('score_text'), col('sex'), col('race')];
    const complete = records.slice(1).filter((r) => used.every((c) => (r[c]?.trim() ?? '') !== ''));
    const rows = complete.map((r) => ({
      label: r[used[0]!]!.trim(),
      pred: r[used[1]!]!.trim(),
      sex: r[used[2]!]!.trim(),
      race: r[used[3]!]!.trim(),
    }));
    const excluded = records.length - 1 - complete.length;
    const pos = { label: ['1'], pred: ['Medium', 'High'] };
    const args = [
      '--input',
      compas,
      '--label',
      'two_year_recid',
      '--label-positive',
      '1',
      '--prediction',
      'score_text',
      '--prediction-positive',
      'Medium,High',
    ];

    const byRace = await fairnessJson([...args, '--group', 'race', '--reference-group', 'Caucasian']);
    expect(byRace).toEqual(
      expected(
        rows.map((r) => ({ label: r.label, pred: r.pred, groups: [r.race] })),
        pos,
        excluded,
        'Caucasian',
      ),
    );
    // ProPublica's finding, to 4 digits: false positive rate 0.4485 for African-American defendants, 0.2345 for Caucasian.
    const groups = (byRace as { groups: Record<string, { fpr: number }> }).groups;
    expect(groups['African-American']!.fpr.toFixed(4)).toBe('0.4485');
    expect(groups.Caucasian!.fpr.toFixed(4)).toBe('0.2345');

    const bySexRace = await fairnessJson([...args, '--group', 'sex,race', '--reference-group', 'Male & Caucasian']);
    expect(bySexRace).toEqual(
      expected(
        rows.map((r) => ({ label: r.label, pred: r.pred, groups: [r.sex, r.race] })),
        pos,
        excluded,
        'Male & Caucasian',
      ),
    );
  });
});
