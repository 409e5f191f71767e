import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDriftReport } from '../../src/lib/stats/drift-report.js';
import { describeRun, removeDir, runCli } from './cli.js';

/**
 * `aims drift` runs as an operator would, on generated CSV files, and prints exactly what the library computes
 * on the same values.
 */

let dir: string;
const file = (name: string) => path.join(dir, name);

/** Deterministic pseudo-random numbers (LCG), so the expected report is stable. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

interface Sample {
  age: number[];
  colour: string[];
  score: (number | string)[];
  zip: string[];
}

function sample(n: number, shift: number, seed: number): Sample {
  const r = lcg(seed);
  const colours = ['red', 'green', 'blue'];
  const s: Sample = { age: [], colour: [], score: [], zip: [] };
  for (let i = 0; i < n; i++) {
    s.age.push(Math.round((20 + 40 * r() + shift) * 10) / 10);
    s.colour.push(colours[Math.floor(r() * (shift ? 2 : 3))]!);
    // every 17th score empty, every 23rd unparsable
    s.score.push(i % 17 === 0 ? '' : i % 23 === 0 ? 'n/a' : Math.round(r() * 1000) / 100);
    s.zip.push(String(1000 + Math.floor(r() * 4)));
  }
  return s;
}

/** Header repeats "age": the first occurrence wins, the second holds garbage. */
function writeCsv(name: string, s: Sample): void {
  const lines = ['age,colour,score,zip,age'];
  s.age.forEach((a, i) => lines.push(`${a}, ${s.colour[i]} ,${s.score[i]},${s.zip[i]},junk`));
  fs.writeFileSync(file(name), lines.join('\n') + '\n');
}

const ref = sample(300, 0, 1);
const cur = sample(200, 4, 2);
const numbers = (xs: (number | string)[]) => Float64Array.from(xs.filter((x): x is number => typeof x === 'number'));
const counts = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-drift-'));
  writeCsv('ref.csv', ref);
  writeCsv('cur.csv', cur);
  fs.writeFileSync(file('other.csv'), 'x,y\n1,2\n');
});
afterAll(() => removeDir(dir));

describe('aims drift', () => {
  it('--json prints the library report, with the excluded cells counted', async () => {
    const r = await runCli(null, ['drift', '--reference', file('ref.csv'), '--current', file('cur.csv'), '--categorical', 'zip', '--json']);
    expect(r.code, describeRun(r)).toBe(0);
    const expected = computeDriftReport([
      { name: 'age', type: 'numeric', reference: Float64Array.from(ref.age), current: Float64Array.from(cur.age) },
      { name: 'colour', type: 'categorical', reference: counts(ref.colour), current: counts(cur.colour) },
      { name: 'score', type: 'numeric', reference: numbers(ref.score), current: numbers(cur.score) },
      { name: 'zip', type: 'categorical', reference: counts(ref.zip), current: counts(cur.zip) },
    ]);
    const excluded = (s: Sample) => s.score.filter((x) => typeof x === 'string').length;
    const out = JSON.parse(r.stdout) as { columns: Record<string, { excluded: unknown }> };
    expect(Object.keys(out.columns)).toEqual(['age', 'colour', 'score', 'zip']);
    expect(out.columns.score!.excluded).toEqual({ reference: excluded(ref), current: excluded(cur) });
    expect(out.columns.age!.excluded).toEqual({ reference: 0, current: 0 });
    const withoutExcluded = Object.fromEntries(Object.entries(out.columns).map(([k, { excluded: _, ...rest }]) => [k, rest]));
    expect({ ...out, columns: withoutExcluded }).toEqual(JSON.parse(JSON.stringify(expected)));
    // the shift of 4 years on a 40-year range with 300 reference rows: KS (exact) sees it; colour lost "blue"
    expect(out.columns.age).toMatchObject({ type: 'numeric', ks: { method: 'exact' }, defaultTest: { name: 'ks', drift: true } });
    expect(out.columns.colour).toMatchObject({
      type: 'categorical',
      ks: null,
      wasserstein: null,
      defaultTest: { name: 'chisquare', drift: true },
    });
    expect(out.columns.zip).toMatchObject({ type: 'categorical', defaultTest: { name: 'chisquare' } });
  }, 60_000);

  it('--column selects columns; --evidently switches the binning; the human table explains the choice', async () => {
    const json = await runCli(null, [
      'drift',
      '--reference',
      file('ref.csv'),
      '--current',
      file('cur.csv'),
      '--column',
      'age',
      '--evidently',
      '--json',
    ]);
    expect(json.code, describeRun(json)).toBe(0);
    const out = JSON.parse(json.stdout) as { columns: Record<string, unknown>; datasetDrift: unknown };
    const expected = computeDriftReport(
      [{ name: 'age', type: 'numeric', reference: Float64Array.from(ref.age), current: Float64Array.from(cur.age) }],
      {
        mode: 'evidently',
      },
    );
    const age = JSON.parse(JSON.stringify(expected.columns.age)) as Record<string, unknown>;
    expect(out.columns).toEqual({ age: { ...age, excluded: { reference: 0, current: 0 } } });
    expect(out.datasetDrift).toEqual({ share: 1, drift: true });

    const human = await runCli(null, ['drift', '--reference', file('ref.csv'), '--current', file('cur.csv'), '--column', 'age,colour']);
    expect(human.code, describeRun(human)).toBe(0);
    expect(human.stdout).toMatch(/^column\s+type\s+n ref\/cur/m);
    expect(human.stdout).toMatch(/^age\s+numeric\s+300\/200/m);
    expect(human.stdout).toMatch(/age: the reference has 300 rows \(≤ 1000\)/);
    expect(human.stdout).toMatch(/Dataset drift: YES — 100\.0% of the columns drift/);
  }, 60_000);

  it('a column mostly of text is categorical; its numeric cells count by value', async () => {
    fs.writeFileSync(file('mixed-ref.csv'), 'grade,n\n' + ['A', 'B', 'A', '1', '1.0', 'C', 'A', ''].map((g, i) => `${g},${i}`).join('\n'));
    fs.writeFileSync(file('mixed-cur.csv'), 'grade,n\n' + ['B', 'B', '1', 'C', 'x'].map((g, i) => `${g},${i}`).join('\n'));
    const r = await runCli(null, [
      'drift',
      '--reference',
      file('mixed-ref.csv'),
      '--current',
      file('mixed-cur.csv'),
      '--column',
      'grade',
      '--json',
    ]);
    expect(r.code, describeRun(r)).toBe(0);
    const expected = computeDriftReport([
      {
        name: 'grade',
        type: 'categorical',
        reference: new Map([
          ['A', 3],
          ['B', 1],
          ['C', 1],
          ['1', 2],
        ]),
        current: new Map([
          ['B', 2],
          ['C', 1],
          ['x', 1],
          ['1', 1],
        ]),
      },
    ]);
    const grade = JSON.parse(JSON.stringify(expected.columns.grade)) as Record<string, unknown>;
    expect((JSON.parse(r.stdout) as { columns: unknown }).columns).toEqual({ grade: { ...grade, excluded: { reference: 1, current: 0 } } });
    expect(grade).toMatchObject({ type: 'categorical', n: { reference: 7, current: 5 } });
  }, 60_000);

  it.each([
    [['--column', 'nope'], /has no column "nope"/],
    [['--categorical', 'nope'], /--categorical "nope" is not among the columns compared/],
    [['--js-base', '10'], /--js-base must be 2 or e/],
  ])(
    'bad input %j exits non-zero with a clear message',
    async (extra, message) => {
      const r = await runCli(null, ['drift', '--reference', file('ref.csv'), '--current', file('cur.csv'), ...extra]);
      expect(r.code, describeRun(r)).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    },
    60_000,
  );

  it('a missing file, files without a common column, or a missing option fail clearly', async () => {
    const missing = await runCli(null, ['drift', '--reference', file('absent.csv'), '--current', file('cur.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read .*absent\.csv/);
    const disjoint = await runCli(null, ['drift', '--reference', file('ref.csv'), '--current', file('other.csv')]);
    expect(disjoint.code).toBe(1);
    expect(disjoint.stderr).toMatch(/no column in common/);
    const noCurrent = await runCli(null, ['drift', '--reference', file('ref.csv')]);
    expect(noCurrent.code).not.toBe(0);
    expect(noCurrent.stderr).toMatch(/--current/);
  }, 60_000);
});
