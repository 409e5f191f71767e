import { describe, expect, it } from 'vitest';
import { createSystemInput } from '../systems/schema.js';
import { createVendorInput } from '../vendors/schema.js';
import { systemColumns, vendorColumns } from './columns.js';
import type { Table } from './read-table.js';
import { convertRows, mapHeaders, type Lookups } from './rows.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const ACME = '33333333-3333-4333-8333-333333333333';

const lookups: Lookups = {
  personByKey: new Map([
    ['alice@acme.test', ALICE],
    ['alice chan', ALICE],
    ['bob@acme.test', BOB],
  ]),
  vendorByName: new Map([['acme ai', ACME]]),
};

const EN = ['Name', 'Purpose and intended use', 'Type', 'Hosting', 'Decision role', 'Human oversight'];
const good = ['Claims triage', 'Sorts claims', 'Agent', 'Cloud', 'Informs a human decision', 'Human-in-the-loop'];

function table(headers: string[], rows: string[][], firstRow = 2): Table {
  return { headers, rows: rows.map((cells, i) => ({ row: firstRow + i, cells })) };
}

async function convertSystems(t: Table) {
  const headerMap = mapHeaders(t.headers, systemColumns);
  expect(headerMap.errors).toEqual([]);
  const seen: number[] = [];
  const out = await convertRows(t, headerMap, createSystemInput, lookups, async (n) => void seen.push(n));
  return { ...out, progress: seen };
}

describe('mapHeaders', () => {
  it('maps English, Chinese and field-name headers to their columns by position', () => {
    const map = mapHeaders(['名稱', 'Purpose and intended use', 'type', 'HOSTING', 'decision_role', '人為監督程度'], systemColumns);
    expect(map.errors).toEqual([]);
    expect(map.ignored).toEqual([]);
    expect([...map.byPosition].map(([i, c]) => [i, c.field])).toEqual([
      [0, 'name'],
      [1, 'purpose'],
      [2, 'type'],
      [3, 'hosting'],
      [4, 'decisionRole'],
      [5, 'humanOversight'],
    ]);
  });

  it('reports a column given twice (in either language) on row 1, naming the header as written', () => {
    const map = mapHeaders([...EN, '名稱', 'TAGS', 'tags'], systemColumns);
    expect(map.errors).toEqual([
      { row: 1, column: '名稱', message: expect.stringContaining('"Name"') as string },
      { row: 1, column: 'tags', message: expect.stringContaining('"TAGS"') as string },
    ]);
    // the first of the two is the one used
    expect(map.byPosition.get(0)?.field).toBe('name');
    expect(map.byPosition.has(6)).toBe(false);
  });

  it('names every missing required column in both languages', () => {
    const map = mapHeaders(['Name', 'Tags'], systemColumns);
    expect(map.errors.map((e) => [e.row, e.column])).toEqual([
      [1, 'Purpose and intended use'],
      [1, 'Type'],
      [1, 'Hosting'],
      [1, 'Decision role'],
      [1, 'Human oversight'],
    ]);
    expect(map.errors[1]?.message).toContain('類型');
    expect(mapHeaders(['Website'], vendorColumns).errors).toEqual([
      { row: 1, column: 'Name', message: expect.stringContaining('名稱') as string },
    ]);
  });

  it('lists unknown headers as ignored and passes over empty ones', () => {
    const map = mapHeaders(['Name', '', 'Owner phone', 'Website', 'Remarks'], vendorColumns);
    expect(map.errors).toEqual([]);
    expect(map.ignored).toEqual(['Owner phone', 'Remarks']);
    expect([...map.byPosition.keys()]).toEqual([0, 3]);
  });
});

describe('convertRows', () => {
  it('turns codes, labels in either language, people, vendors, lists and dates into a record', async () => {
    const headers = [
      ...EN,
      'Accountable owner',
      '技術負責人',
      'Vendor',
      '資料類別',
      'Regions where used',
      'Models',
      'Next review date',
      'Registration status',
    ];
    const t = table(headers, [
      [
        'Claims triage',
        'Sorts claims',
        '具人工智能功能的供應商 SaaS',
        'vendor',
        'recommends',
        '人在環上',
        'Alice@Acme.test',
        'alice chan',
        'ACME AI',
        '個人資料、財務資料',
        'Hong Kong; 歐盟',
        'GPT-4o, Whisper',
        '2026/3/5',
        '已登記',
      ],
    ]);
    const { rows, errors } = await convertSystems(t);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.row).toBe(2);
    expect(rows[0]?.value).toMatchObject({
      name: 'Claims triage',
      type: 'vendor_saas_ai',
      hosting: 'vendor',
      decisionRole: 'recommends',
      humanOversight: 'human_on_the_loop',
      accountableOwnerId: ALICE,
      technicalOwnerId: ALICE,
      vendorId: ACME,
      dataCategories: ['personal', 'financial'],
      regionsUsed: ['hong_kong', 'eu'],
      models: ['GPT-4o', 'Whisper'],
      nextReviewDate: '2026-03-05',
      registrationStatus: 'registered',
      lifecycleStage: 'proposed',
    });
  });

  it('gives one error per bad cell with its row, the header as written and a reason, and keeps going', async () => {
    const headers = [...EN, '問責負責人', 'Vendor', 'Data categories', 'next_review_date'];
    const t = table(
      headers,
      [
        [...good, 'nobody@acme.test', '', '', ''],
        ['', 'Sorts claims', 'Robot', 'Cloud', 'Informs a human decision', 'Human-in-the-loop', '', 'Globex', '', ''],
        [...good, '', '', 'Personal data; Gossip', '31/12/2026'],
        [...good, '', '', '', '2026-02-30'],
        [...good, '', '', '', ''],
      ],
      2,
    );
    const { rows, errors } = await convertSystems(t);
    expect(rows.map((r) => r.row)).toEqual([6]);
    const brief = errors.map((e) => `${e.row} ${e.column}`).sort();
    expect(brief).toEqual(
      ['2 問責負責人', '3 Type', '3 Vendor', '3 Name', '4 Data categories', '4 next_review_date', '5 next_review_date'].sort(),
    );
    const message = (row: number, column: string) => errors.find((e) => e.row === row && e.column === column)?.message;
    expect(message(2, '問責負責人')).toContain('nobody@acme.test');
    expect(message(3, 'Type')).toContain('"Robot"');
    expect(message(3, 'Type')).toContain('Agent');
    expect(message(3, 'Vendor')).toContain('Globex');
    expect(message(3, 'Name')).toBe('This cell is required');
    expect(message(4, 'Data categories')).toContain('"Gossip"');
    expect(message(4, 'next_review_date')).toContain('2026-12-31');
    expect(message(5, 'next_review_date')).toMatch(/date/i);
  });

  it('reports the cross-field rules on the column they concern', async () => {
    const t = table(
      [...EN, 'Data categories', 'Accountable owner', 'Registration status'],
      [
        [...good, 'None; Personal data', 'bob@acme.test', ''],
        [...good, '', '', 'Registered'],
      ],
    );
    const { rows, errors } = await convertSystems(t);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { row: 2, column: 'Data categories', message: expect.stringContaining('None') as string },
      { row: 3, column: 'Accountable owner', message: expect.stringContaining('accountable owner') as string },
    ]);
  });

  it('names a rule’s column by its header even when the file does not have that column', async () => {
    const t = table([...EN, 'Registration status'], [[...good, 'Registered']]);
    const { errors } = await convertSystems(t);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.row).toBe(2);
    // The file has no "Accountable owner" column; the error should still name a column a person recognises.
    expect(errors[0]?.column).toBe('Accountable owner');
  });

  it('reports text that is too long with the limit', async () => {
    const t = table(EN, [['x'.repeat(201), ...good.slice(1)]]);
    const { errors } = await convertSystems(t);
    expect(errors).toEqual([{ row: 2, column: 'Name', message: 'At most 200 characters' }]);
  });

  it('leaves empty cells to their defaults and ignores cells of unknown columns', async () => {
    const t = table([...EN, 'Comments', 'Tags'], [[...good, 'whatever', '']]);
    const { rows, errors } = await convertSystems(t);
    expect(errors).toEqual([]);
    expect(rows[0]?.value).toMatchObject({
      tags: [],
      lifecycleStage: 'proposed',
      registrationStatus: 'draft',
      accountableOwnerId: null,
      vendorId: null,
    });
  });

  it('validates vendors: a bad web address and e-mail on their columns', async () => {
    const t = table(
      ['名稱', '網站', '聯絡電郵', '產品'],
      [
        ['Acme', 'ftp://acme.example', 'not-an-email', 'A、B'],
        ['Globex', 'https://globex.example', 'sales@globex.example', 'X; Y; X'],
      ],
    );
    const headerMap = mapHeaders(t.headers, vendorColumns);
    const { rows, errors } = await convertRows(t, headerMap, createVendorInput, lookups, async () => undefined);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, '網站'],
      [2, '聯絡電郵'],
    ]);
    expect(rows.map((r) => r.value)).toEqual([
      expect.objectContaining({ name: 'Globex', products: ['X', 'Y'], contactEmail: 'sales@globex.example' }),
    ]);
  });

  it('reports progress every 500 rows and once at the end', async () => {
    const t = table(
      EN,
      Array.from({ length: 1234 }, (_, i) => [`S${i}`, ...good.slice(1)]),
    );
    const { rows, progress } = await convertSystems(t);
    expect(rows).toHaveLength(1234);
    expect(progress).toEqual([500, 1000, 1234]);
  });
});
