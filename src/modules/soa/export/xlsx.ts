import ExcelJS from 'exceljs';
import type { SoaDocument } from './document.js';

const widths = [10, 30, 40, 16, 60, 18, 22, 40, 40];

/** Sheet 1: the header row and one row per control, in the column order of document.ts; sheet 2: status and approval. */
export async function soaXlsx(doc: SoaDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OpenAIMS';
  const sheet = workbook.addWorksheet(doc.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(doc.columns).font = { bold: true };
  for (const row of doc.rows) sheet.addRow(row).alignment = { vertical: 'top', wrapText: true };
  sheet.columns.forEach((col, i) => {
    col.width = widths[i] ?? 20;
  });
  const about = workbook.addWorksheet(doc.lang === 'en' ? 'About' : '說明');
  for (const line of [doc.title, ...doc.headerLines]) about.addRow([line]);
  about.getColumn(1).width = 80;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
