import { Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { SoaDocument } from './document.js';

/** Relative column widths (percent) in the column order of document.ts. */
const widths = [7, 12, 13, 8, 20, 9, 9, 11, 11];
const font = { ascii: 'Calibri', eastAsia: 'Microsoft JhengHei', hAnsi: 'Calibri' };

const cell = (text: string, bold = false, width = 10) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 16, font })] })),
  });

/** A landscape Word document: title, status lines, then one table row per control. */
export async function soaDocx(doc: SoaDocument): Promise<Buffer> {
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: doc.columns.map((c, i) => cell(c, true, widths[i])) }),
      ...doc.rows.map((row) => new TableRow({ children: row.map((v, i) => cell(v, false, widths[i])) })),
    ],
  });
  const document = new Document({
    creator: 'OpenAIMS',
    title: doc.title,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: doc.title, font })] }),
          ...doc.headerLines.map((line, i) => new Paragraph({ children: [new TextRun({ text: line, font, bold: doc.draft && i === 2 })] })),
          new Paragraph({ text: '' }),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
