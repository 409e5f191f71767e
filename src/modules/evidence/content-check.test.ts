import { describe, expect, it } from 'vitest';
import { checkEvidenceContent } from './content-check.js';

const b = (...x: number[]) => Buffer.from(x);
const text = (s: string) => Buffer.from(s, 'utf8');

describe('checkEvidenceContent', () => {
  it('accepts each binary kind by its signature, a PDF even after leading bytes', () => {
    const good: [Parameters<typeof checkEvidenceContent>[0], Buffer][] = [
      ['pdf', text('%PDF-1.7\n%âãÏÓ')],
      ['pdf', Buffer.concat([Buffer.alloc(200, 0x20), text('%PDF-1.4')])],
      ['png', b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)],
      ['jpg', b(0xff, 0xd8, 0xff, 0xe0)],
      ['jpeg', b(0xff, 0xd8, 0xff, 0xdb)],
      ['gif', text('GIF89a\x01\x00')],
      ['webp', Buffer.concat([text('RIFF'), b(1, 2, 3, 4), text('WEBPVP8 ')])],
      ['zip', text('PK\x03\x04\x14\x00')],
      ['zip', text('PK\x05\x06')],
      ['docx', text('PK\x03\x04\x14\x00\x06\x00')],
      ['xlsx', text('PK\x03\x04')],
      ['pptx', text('PK\x03\x04')],
      ['msg', b(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0)],
    ];
    for (const [ext, head] of good) expect(() => checkEvidenceContent(ext, head), ext).not.toThrow();
  });

  it('refuses a file whose content is another kind than its extension says, or empty', () => {
    expect(() => checkEvidenceContent('pdf', text('<html><script>alert(1)</script>'))).toThrow(
      "The file's content is not a PDF, as its .pdf extension says",
    );
    expect(() => checkEvidenceContent('docx', text('%PDF-1.7'))).toThrow('is not a Word document (a zip archive)');
    expect(() => checkEvidenceContent('png', b(0xff, 0xd8, 0xff))).toThrow('is not a PNG image');
    expect(() => checkEvidenceContent('webp', text('RIFF\x00\x00\x00\x00WAVEfmt '))).toThrow('is not a WebP image');
    expect(() => checkEvidenceContent('pdf', Buffer.alloc(0))).toThrow('The file is empty; a .pdf file should be a PDF');
    try {
      checkEvidenceContent('msg', text('From: someone'));
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'unsupported_media_type', status: 415, details: { extension: 'msg' } });
    }
  });

  it('takes text (UTF-8, or UTF-16 with its byte-order mark) for text kinds, and refuses binary content', () => {
    expect(() => checkEvidenceContent('csv', text('name,score\nA,1\n'))).not.toThrow();
    expect(() => checkEvidenceContent('md', text('# 政策\n中文內容'))).not.toThrow();
    expect(() => checkEvidenceContent('txt', Buffer.alloc(0))).not.toThrow();
    expect(() => checkEvidenceContent('csv', Buffer.concat([b(0xff, 0xfe), Buffer.from('a,b', 'utf16le')]))).not.toThrow();
    expect(() => checkEvidenceContent('json', b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toThrow(
      "The file's content is not text, as its .json extension says",
    );
  });
});
