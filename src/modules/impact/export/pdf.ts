import PDFDocument from 'pdfkit';
import { cjkFont, cjkFontName } from '../../soa/export/font.js';
import type { ImpactBlock, ImpactDocument } from './document.js';

const margin = 48;
const pad = 3;
const bodySize = 9;
const tableSize = 8;

/** An A4 report set in the embedded CJK font (the SoA's loader), so one file prints both languages. */
export async function impactPdf(doc: ImpactDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin, info: { Title: doc.title, Creator: 'OpenAIMS' }, bufferPages: true });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont(cjkFontName, cjkFont());
  pdf.font(cjkFontName);
  const width = pdf.page.width - 2 * margin;
  const bottom = () => pdf.page.height - margin;

  const table = (b: Extract<ImpactBlock, { kind: 'table' }>) => {
    if (!b.rows.length) {
      pdf.fontSize(bodySize).fillColor('black').text('—');
      return;
    }
    const colWidth = width / b.columns.length;
    const heightOf = (cells: string[]) =>
      Math.max(...cells.map((t) => pdf.heightOfString(t || ' ', { width: colWidth - 2 * pad }))) + 2 * pad;
    const drawRow = (cells: string[], header: boolean) => {
      pdf.fontSize(tableSize);
      const h = heightOf(cells);
      if (pdf.y + h > bottom()) {
        pdf.addPage();
        if (!header) drawRow(b.columns, true);
        pdf.fontSize(tableSize);
      }
      const top = pdf.y;
      cells.forEach((text, i) => {
        const x = margin + i * colWidth;
        if (header) pdf.rect(x, top, colWidth, h).fill('#e8e8e8').fillColor('black');
        pdf.rect(x, top, colWidth, h).lineWidth(0.5).stroke('#999999');
        pdf.fillColor('black').text(text, x + pad, top + pad, { width: colWidth - 2 * pad });
      });
      pdf.x = margin;
      pdf.y = top + h;
    };
    drawRow(b.columns, true);
    for (const row of b.rows) drawRow(row, false);
    pdf.moveDown(0.5);
  };

  pdf.fontSize(18).text(doc.title);
  pdf.fontSize(bodySize);
  for (const line of doc.headerLines) pdf.text(line);
  doc.sections.forEach((s, i) => {
    if (pdf.y > bottom() - 80) pdf.addPage();
    pdf.moveDown();
    pdf
      .fontSize(13)
      .fillColor('black')
      .text(`${i + 1}. ${s.heading}`, margin, pdf.y, { width });
    pdf.fontSize(7.5).fillColor('#555555').text(s.serves, { width });
    pdf.moveDown(0.3);
    for (const b of s.blocks) {
      if (b.kind === 'table') table(b);
      else {
        pdf.fontSize(8).fillColor('#555555').text(b.label, margin, pdf.y, { width });
        pdf.fontSize(bodySize).fillColor('black').text(b.text, { width });
        pdf.moveDown(0.3);
      }
    }
  });

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // the footer sits in the bottom margin; without this pdfkit would start a new page for it
    pdf.page.margins.bottom = 0;
    pdf
      .fontSize(7)
      .fillColor('#555555')
      .text(`${doc.draft ? `${doc.headerLines[3] ?? ''} · ` : ''}${i + 1} / ${range.count}`, margin, pdf.page.height - margin + 16, {
        width,
        align: 'right',
        lineBreak: false,
      });
  }
  pdf.end();
  return done;
}
