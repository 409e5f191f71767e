import type { ImpactDocument } from './document.js';
import { impactDocx } from './docx.js';
import { impactPdf } from './pdf.js';

export interface ImpactFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const renderers = {
  docx: { render: impactDocx, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  pdf: { render: impactPdf, contentType: 'application/pdf' },
} as const;

export async function renderImpact(doc: ImpactDocument, format: keyof typeof renderers): Promise<ImpactFile> {
  const r = renderers[format];
  return { fileName: `${doc.baseName}.${format}`, contentType: r.contentType, body: await r.render(doc) };
}
