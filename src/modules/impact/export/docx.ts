import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ImpactBlock, ImpactDocument } from './document.js';

const font = { ascii: 'Calibri', eastAsia: 'Microsoft JhengHei', hAnsi: 'Calibri' };

const lines = (text: string, opts: { bold?: boolean; size?: number } = {}) =>
  text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, font, ...opts })] }));

const cell = (text: string, bold: boolean, width: number) =>
  new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: lines(text, { bold, size: 18 }) });

function block(b: ImpactBlock): (Paragraph | Table)[] {
  if (b.kind === 'field') {
    const [first = '', ...rest] = b.text.split('\n');
    return [
      new Paragraph({ children: [new TextRun({ text: `${b.label}: `, bold: true, font }), new TextRun({ text: first, font })] }),
      ...rest.map((line) => new Paragraph({ children: [new TextRun({ text: line, font })] })),
    ];
  }
  if (!b.rows.length) return [new Paragraph({ children: [new TextRun({ text: '—', font })] })];
  const width = 100 / b.columns.length;
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: b.columns.map((c) => cell(c, true, width)) }),
        ...b.rows.map((row) => new TableRow({ children: row.map((v) => cell(v, false, width)) })),
      ],
    }),
  ];
}

/** A portrait Word document: title, status lines, then each section with its heading, the ids it serves and its answers. */
export async function impactDocx(doc: ImpactDocument): Promise<Buffer> {
  const document = new Document({
    creator: 'OpenAIMS',
    title: doc.title,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: doc.title, font })] }),
          ...doc.headerLines.map((line) => new Paragraph({ children: [new TextRun({ text: line, font })] })),
          ...doc.sections.flatMap((s, i) => [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: `${i + 1}. ${s.heading}`, font })] }),
            new Paragraph({ children: [new TextRun({ text: s.serves, italics: true, size: 16, font })] }),
            ...s.blocks.flatMap(block),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
