import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fairnessFromFile } from './fairness-file.js';
import { profileFile } from './profile.js';
import { parquetCellText } from './records.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-tabular-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

describe('tabular files', () => {
  it('profiles columns: kind by majority, distinct values, empty cells, first samples; a repeated header keeps the first', async () => {
    const p = file('a.csv', 'id,grade,score,grade\n1,A,1.5,x\n2,B,,y\n3,A,n/a,z\n4,,2,w\n');
    expect(await profileFile({ path: p })).toEqual({
      rowCount: 4,
      columns: [
        { name: 'id', kind: 'numeric', distinct: 4, distinctCapped: false, empty: 0, sample: ['1', '2', '3', '4'] },
        { name: 'grade', kind: 'categorical', distinct: 2, distinctCapped: false, empty: 1, sample: ['A', 'B'] },
        { name: 'score', kind: 'numeric', distinct: 3, distinctCapped: false, empty: 1, sample: ['1.5', 'n/a', '2'] },
      ],
    });
  });

  it('refuses what cannot be a data set, naming it by its label', async () => {
    await expect(profileFile({ path: file('e.csv', ''), label: 'data set "E"' })).rejects.toThrow(/data set "E" is empty/);
    await expect(profileFile({ path: file('h.csv', 'a,b\n') })).rejects.toThrow(/no data rows/);
    await expect(profileFile({ path: file('n.csv', '1,2\n3,4\n') })).rejects.toThrow(/only numbers/);
  });

  it("names the API's fields in its messages when asked to", async () => {
    const p = file('f.csv', 'y,p,g\n1,1,a\n0,1,b\n');
    const params = { label: 'y', labelPositive: ['1'], prediction: 'p', predictionPositive: ['1'], groups: ['g'], minGroupSize: 0 };
    await expect(fairnessFromFile(p, { ...params, referenceGroup: 'z' })).rejects.toThrow(/^--reference-group "z" has no rows/);
    await expect(
      fairnessFromFile(p, { ...params, referenceGroup: 'z' }, { groupsFilter: 'groupsFilter', referenceGroup: 'referenceGroup' }),
    ).rejects.toThrow(/^referenceGroup "z" has no rows; groups: a, b/);
  });

  it('spells Parquet cells as a CSV export would', () => {
    expect([null, undefined, 'x', 3, 2.5, 10n, true, new Date('2026-01-02T03:04:05Z')].map(parquetCellText)).toEqual([
      '',
      '',
      'x',
      '3',
      '2.5',
      '10',
      'true',
      '2026-01-02T03:04:05.000Z',
    ]);
  });
});
