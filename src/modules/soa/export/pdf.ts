import PDFDocument from 'pdfkit';
import type { SoaDocument } from './document.js';
import { cjkFont, cjkFontName } from './font.js';

/** Relative column widths in the column order of document.ts. */
const weights = [6, 12, 13, 8, 22, 9, 9, 11, 10];
const margin = 36;
const fontSize = 7.5;
const pad = 3;

/** A landscape A4 table, the header row repeated on every page, text set in the embedded CJK font. */
export async function soaPdf(doc: SoaDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin,
    info: { Title: doc.title, Creator: 'OpenAIMS' },
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.registerFont(cjkFontName, cjkFont());
  pdf.font(cjkFontName);
  const width = pdf.page.width - 2 * margin;
  const total = weights.reduce((a, b) => a + b, 0);
  const colWidths = weights.map((w) => (w / total) * width);

  pdf.fontSize(16).text(doc.title);
  pdf.fontSize(9);
  for (const line of doc.headerLines) pdf.text(line);
  pdf.moveDown();

  const rowHeight = (cells: string[]) =>
    Math.max(...cells.map((text, i) => pdf.heightOfString(text || ' ', { width: (colWidths[i] ?? 0) - 2 * pad }))) + 2 * pad;

  const drawRow = (cells: string[], header: boolean) => {
    pdf.fontSize(fontSize);
    const h = rowHeight(cells);
    if (pdf.y + h > pdf.page.height - margin) {
      pdf.addPage();
      if (!header) drawRow(doc.columns, true);
      pdf.fontSize(fontSize);
    }
    const top = pdf.y;
    let x = margin;
    cells.forEach((text, i) => {
      const w = colWidths[i] ?? 0;
      if (header) pdf.rect(x, top, w, h).fill('#e8e8e8').fillColor('black');
      pdf.rect(x, top, w, h).lineWidth(0.5).stroke('#999999');
      pdf.text(text, x + pad, top + pad, { width: w - 2 * pad });
      x += w;
    });
    pdf.x = margin;
    pdf.y = top + h;
  };

  drawRow(doc.columns, true);
  for (const row of doc.rows) drawRow(row, false);

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // the footer sits in the bottom margin; without this pdfkit would start a new page for it
    pdf.page.margins.bottom = 0;
    pdf
      .fontSize(7)
      .text(`${doc.draft ? `${doc.headerLines[2] ?? ''} · ` : ''}${i + 1} / ${range.count}`, margin, pdf.page.height - margin + 10, {
        width,
        align: 'right',
        lineBreak: false,
      });
  }
  pdf.end();
  return done;
}
