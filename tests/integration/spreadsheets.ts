import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** Builders and readers of the spreadsheets the import and export tests exchange with the server. */

export type Grid = string[][];

/** A CSV file as Excel writes it with "CSV UTF-8": a BOM, then CRLF lines. */
export function csvFile(rows: Grid, options: { bom?: boolean } = {}): Buffer {
  return Buffer.from(stringify(rows, { bom: options.bom ?? true, record_delimiter: '\r\n' }));
}

/** An XLSX workbook whose first sheet holds `rows`; a cell may be any exceljs value (date, rich text, formula …). */
export async function xlsxFile(rows: ExcelJS.CellValue[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((cells, r) => {
    // Rows are written by number so that an empty row in `rows` stays an empty row in the sheet.
    cells.forEach((value, c) => {
      if (value !== null && value !== undefined && value !== '') sheet.getCell(r + 1, c + 1).value = value;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The cells of an exported CSV (BOM included) as text. */
export function readCsvGrid(body: Buffer): Grid {
  return parse(body.toString('utf8'), { bom: true, relax_column_count: true }) as Grid;
}

/** The cells of the first sheet of an exported XLSX, as the strings stored in it. */
export async function readXlsxGrid(body: Buffer): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  const grid: Grid = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
    grid[n - 1] = cells;
  });
  return grid;
}

export const BOUNDARY = 'aimsTestBoundary7MA4YWxkTrZu0gW';

/** A multipart/form-data request with one file in the field "file", built by hand. */
export function multipart(fileName: string, body: Buffer, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return { payload: Buffer.concat([head, body, tail]), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}
