import { AppError } from '../../server/errors.js';
import type { EvidenceFileExtension } from './schema.js';

/** Bytes read from the start of an upload to recognise it; a PDF may have up to 1,024 bytes before its header. */
export const CONTENT_HEAD_BYTES = 1024;

const bytes = (...b: number[]) => Buffer.from(b);
const ascii = (s: string) => Buffer.from(s, 'latin1');
const startsWith = (head: Buffer, prefix: Buffer, at = 0) => head.subarray(at, at + prefix.length).equals(prefix);

const ZIP = [ascii('PK\x03\x04'), ascii('PK\x05\x06'), ascii('PK\x07\x08')];
const OLE = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);

/** What a file of each binary kind starts with (published signatures of each format). */
const binary: Record<string, { kind: string; matches: (head: Buffer) => boolean }> = {
  pdf: { kind: 'PDF', matches: (h) => h.includes(ascii('%PDF-')) },
  png: { kind: 'PNG image', matches: (h) => startsWith(h, bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) },
  jpg: { kind: 'JPEG image', matches: (h) => startsWith(h, bytes(0xff, 0xd8, 0xff)) },
  gif: { kind: 'GIF image', matches: (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')) },
  webp: { kind: 'WebP image', matches: (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8) },
  zip: { kind: 'zip archive', matches: (h) => ZIP.some((z) => startsWith(h, z)) },
  // Office documents are zip archives
  xlsx: { kind: 'Excel workbook (a zip archive)', matches: (h) => ZIP.some((z) => startsWith(h, z)) },
  docx: { kind: 'Word document (a zip archive)', matches: (h) => ZIP.some((z) => startsWith(h, z)) },
  pptx: { kind: 'PowerPoint presentation (a zip archive)', matches: (h) => ZIP.some((z) => startsWith(h, z)) },
  // Outlook messages are OLE compound files
  msg: { kind: 'Outlook message', matches: (h) => startsWith(h, OLE) },
};
binary.jpeg = binary.jpg!;

const UTF16_BOMS = [bytes(0xff, 0xfe), bytes(0xfe, 0xff)];

/** Text is anything without NUL bytes, or UTF-16 with its byte-order mark (as spreadsheet programs save "Unicode text"). */
const looksLikeText = (head: Buffer): boolean => UTF16_BOMS.some((bom) => startsWith(head, bom)) || !head.includes(0);

/**
 * Checks that an upload's first bytes are what its extension says: a PDF starts like a PDF, a .docx is a zip, a .csv
 * is text. The extension decides how a file is served and opened, so a file that is something else is refused.
 */
export function checkEvidenceContent(ext: EvidenceFileExtension, head: Buffer): void {
  const expected = binary[ext];
  if (expected) {
    if (expected.matches(head)) return;
    throw new AppError(
      'unsupported_media_type',
      head.length === 0
        ? `The file is empty; a .${ext} file should be a ${expected.kind}`
        : `The file's content is not a ${expected.kind}, as its .${ext} extension says; check that the right file was chosen`,
      { extension: ext },
    );
  }
  if (!looksLikeText(head)) {
    throw new AppError(
      'unsupported_media_type',
      `The file's content is not text, as its .${ext} extension says; check that the right file was chosen`,
      {
        extension: ext,
      },
    );
  }
}
