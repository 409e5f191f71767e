import type { SoaDocument } from './document.js';
import { soaDocx } from './docx.js';
import { soaPdf } from './pdf.js';
import { soaXlsx } from './xlsx.js';

export interface SoaFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const renderers = {
  xlsx: { render: soaXlsx, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  docx: { render: soaDocx, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  pdf: { render: soaPdf, contentType: 'application/pdf' },
} as const;

export async function renderSoa(doc: SoaDocument, format: keyof typeof renderers): Promise<SoaFile> {
  const r = renderers[format];
  return { fileName: `${doc.baseName}.${format}`, contentType: r.contentType, body: await r.render(doc) };
}
