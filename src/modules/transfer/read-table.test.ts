import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { cellText, escapeFormula, isXlsx, MAX_IMPORT_ROWS, readTable, unescapeFormula } from './read-table.js';

const BOM = '\uFEFF';

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('Register'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('readTable on CSV', () => {
  it('drops the UTF-8 BOM from the first header and trims headers', async () => {
    const t = await readTable(Buffer.from(`${BOM}名稱, Website \r\nAcme,https://acme.example\r\n`), 'vendors.csv');
    expect(t.headers).toEqual(['名稱', 'Website']);
    expect(t.rows).toEqual([{ row: 2, cells: ['Acme', 'https://acme.example'] }]);
  });

  it('reads a file without a BOM the same way', async () => {
    const t = await readTable(Buffer.from('Name\nAcme\n'), 'v.csv');
    expect(t).toEqual({ headers: ['Name'], rows: [{ row: 2, cells: ['Acme'] }] });
  });

  it('skips empty rows but keeps the row numbers a spreadsheet shows', async () => {
    const t = await readTable(Buffer.from('Name,Notes\r\nA,1\r\n\r\n,\r\nB,"two\r\nlines"\r\nC,3\r\n'), 'v.csv');
    // row 2: A; row 3: empty; row 4: only commas; row 5: B (one row in Excel, even with a line break inside); row 6: C
    expect(t.rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [2, 'A'],
      [5, 'B'],
      [6, 'C'],
    ]);
    expect(t.rows[1]?.cells[1]).toBe('two\r\nlines');
  });

  it('keeps rows shorter or longer than the header', async () => {
    const t = await readTable(Buffer.from('Name,Notes\nA\nB,x,extra\n'), 'v.csv');
    expect(t.rows.map((r) => r.cells)).toEqual([['A'], ['B', 'x', 'extra']]);
  });

  it('takes the apostrophe off a cell the exporter escaped', async () => {
    const t = await readTable(Buffer.from(`Name,Notes\n'=HYPERLINK(1),'+852 1234\n`), 'v.csv');
    expect(t.rows[0]?.cells).toEqual(['=HYPERLINK(1)', '+852 1234']);
  });

  it.each([
    ['Big5', Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0xa4, 0xa4, 0xa4, 0xe5, 0x0a])],
    ['Windows-1252', Buffer.from('Name\nCaf\xe9 Ltd\n', 'latin1')],
  ])('refuses %s text with a clear message', async (_name, body) => {
    const err = await failure(readTable(body, 'vendors.csv'));
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/UTF-8/);
  });

  it('refuses an empty file, a file without headers, and a broken CSV', async () => {
    expect((await failure(readTable(Buffer.alloc(0), 'v.csv'))).message).toMatch(/empty/i);
    expect((await failure(readTable(Buffer.from(',,\nA,B,C\n'), 'v.csv'))).message).toMatch(/header/i);
    const broken = await failure(readTable(Buffer.from('Name,Notes\n"unclosed,x\n'), 'v.csv'));
    expect(broken.status).toBe(422);
    expect(broken.message).toMatch(/cannot be read/);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows with 413`, async () => {
    const body = Buffer.from(`Name\n${'x\n'.repeat(MAX_IMPORT_ROWS + 1)}`);
    const err = await failure(readTable(body, 'big.csv'));
    expect(err.status).toBe(413);
    expect(err.message).toContain(String(MAX_IMPORT_ROWS + 1));
  });
});

describe('readTable on XLSX', () => {
  it('reads the text a person sees: rich text, hyperlinks, formula results, dates, numbers', async () => {
    const body = await workbook((sheet) => {
      sheet.addRow([
        { richText: [{ text: 'Na', font: { bold: true } }, { text: 'me' }] },
        'Website',
        'Next review date',
        'Score',
        'Total',
        'Flag',
      ]);
      sheet.addRow([
        { richText: [{ text: 'Acme ' }, { text: 'AI', font: { italic: true } }] },
        { text: 'acme.example', hyperlink: 'https://acme.example' },
        new Date(Date.UTC(2026, 11, 31)),
        42,
        { formula: 'D2*2', result: 84 },
        true,
      ]);
      sheet.addRow([
        'Globex',
        { text: { richText: [{ text: 'globex' }, { text: '.example' }] }, hyperlink: 'https://globex.example' },
        { formula: 'DATE(2027,1,5)', result: new Date(Date.UTC(2027, 0, 5)) },
      ]);
    });
    const t = await readTable(body, 'vendors.xlsx');
    expect(t.headers).toEqual(['Name', 'Website', 'Next review date', 'Score', 'Total', 'Flag']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['Acme AI', 'acme.example', '2026-12-31', '42', '84', 'true'] },
      { row: 3, cells: ['Globex', 'globex.example', '2027-01-05', '', '', ''] },
    ]);
  });

  it('skips empty rows and keeps the sheet’s row numbers', async () => {
    const body = await workbook((sheet) => {
      sheet.getCell('A1').value = 'Name';
      sheet.getCell('A2').value = 'One';
      sheet.getCell('A5').value = 'Four';
      sheet.getCell('B6').value = ' ';
      sheet.getCell('A7').value = 'Six';
    });
    const t = await readTable(body, 'v.xlsx');
    expect(t.rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [2, 'One'],
      [5, 'Four'],
      [7, 'Six'],
    ]);
  });

  it('reads the first worksheet only', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Vendors').addRows([['Name'], ['First sheet']]);
    wb.addWorksheet('Other').addRows([['Name'], ['Second sheet']]);
    const t = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 'v.xlsx');
    expect(t.rows.map((r) => r.cells)).toEqual([['First sheet']]);
  });

  it('takes the apostrophe off escaped cells', async () => {
    const body = await workbook((sheet) =>
      sheet.addRows([
        ['Name', 'Notes'],
        ["'=1+1", "'@SUM(A1)"],
      ]),
    );
    expect((await readTable(body, 'v.xlsx')).rows[0]?.cells).toEqual(['=1+1', '@SUM(A1)']);
  });

  it('recognises a workbook by its content whatever its name, and refuses a damaged one', async () => {
    const body = await workbook((sheet) => sheet.addRows([['Name'], ['Acme']]));
    expect(isXlsx(body, 'export.csv')).toBe(true);
    expect((await readTable(body, 'export.csv')).rows).toEqual([{ row: 2, cells: ['Acme'] }]);
    const damaged = await failure(readTable(Buffer.from('Name\nAcme\n'), 'register.xlsx'));
    expect(damaged.status).toBe(422);
    expect(damaged.message).toMatch(/XLSX/);
    const truncated = await failure(readTable(body.subarray(0, 200), 'register.xlsx'));
    expect(truncated.status).toBe(422);
  });
});

describe('cellText', () => {
  it('renders each kind of cell value', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined as unknown as ExcelJS.CellValue)).toBe('');
    expect(cellText('text')).toBe('text');
    expect(cellText(3.5)).toBe('3.5');
    expect(cellText(false)).toBe('false');
    expect(cellText(new Date('2026-07-01T00:00:00Z'))).toBe('2026-07-01');
    expect(cellText({ richText: [{ text: '個人' }, { text: '資料' }] })).toBe('個人資料');
    expect(cellText({ text: 'site', hyperlink: 'https://x.example' })).toBe('site');
    expect(cellText({ formula: 'A1', result: 'done' } as ExcelJS.CellValue)).toBe('done');
    expect(cellText({ formula: 'A1', result: { error: '#REF!' } } as ExcelJS.CellValue)).toBe('');
    expect(cellText({ error: '#N/A' } as ExcelJS.CellValue)).toBe('');
  });
});

describe('escapeFormula and unescapeFormula', () => {
  it('prefixes cells a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+852 2345 6789', '-5%', '@SUM(A1)', '\tx', '\rx']) expect(escapeFormula(v), JSON.stringify(v)).toBe(`'${v}`);
    for (const v of ['Plain', '', "'quoted", 'a=b', '1+1', ' =x']) expect(escapeFormula(v), JSON.stringify(v)).toBe(v);
  });

  it('takes the prefix off again, and leaves other apostrophes alone', () => {
    expect(unescapeFormula("'=1+1")).toBe('=1+1');
    expect(unescapeFormula("'-5%")).toBe('-5%');
    expect(unescapeFormula("'quoted")).toBe("'quoted");
    expect(unescapeFormula("O'Brien")).toBe("O'Brien");
  });

  it('round-trips any text: unescape(escape(v)) is v', () => {
    const samples = ['=1+1', '+852', '-', '@', 'plain', "O'Brien", "'=already quoted", "'+", '\tindented', '\rx'];
    expect(samples.filter((v) => unescapeFormula(escapeFormula(v)) !== v)).toEqual([]);
    fc.assert(fc.property(fc.string(), (v) => unescapeFormula(escapeFormula(v)) === v));
  });

  it('never leaves a cell starting with a formula character after escaping', () => {
    fc.assert(fc.property(fc.string(), (v) => !/^[=+\-@\t\r]/.test(escapeFormula(v))));
  });
});
