import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { attachmentDisposition, cleanFileName, resolveEvidenceMediaType, safeArchiveName } from './file-types.js';
import { escapeHtml, packFilePath } from './pack-content.js';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
  return 'accepted';
};

describe('evidence file types', () => {
  it.each([
    ['report.PDF', 'application/pdf', 'application/pdf'],
    ['photo.jpeg', 'image/jpg', 'image/jpeg'],
    ['sheet.xlsx', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['mail.eml', undefined, 'message/rfc822'],
    ['data.csv', 'text/csv; charset=utf-8', 'text/csv'],
  ])('accepts %s sent as %s, stored as %s', (name, declared, stored) => {
    expect(resolveEvidenceMediaType(name, declared)).toBe(stored);
  });

  it('refuses unknown extensions and types that contradict the extension', () => {
    expect(code(() => resolveEvidenceMediaType('setup.exe', 'application/octet-stream'))).toBe('unsupported_media_type');
    expect(code(() => resolveEvidenceMediaType('page.html', 'text/html'))).toBe('unsupported_media_type');
    expect(code(() => resolveEvidenceMediaType('report.pdf', 'text/html'))).toBe('unsupported_media_type');
    expect(code(() => resolveEvidenceMediaType('constructor', undefined))).toBe('unsupported_media_type');
    expect(code(() => resolveEvidenceMediaType('x.toString', undefined))).toBe('unsupported_media_type');
  });

  it('keeps file names to their base name, without control characters, within 255 characters', () => {
    expect(cleanFileName('C:\\Users\\me\\..\\report\u0000.pdf')).toBe('report.pdf');
    expect(cleanFileName(`${'a'.repeat(300)}.pdf`)).toBe(`${'a'.repeat(251)}.pdf`);
  });

  it('names zip entries safely and says the exact name in RFC 5987 form', () => {
    expect(safeArchiveName('../Risk register (2026) 風險.xlsx')).toBe('Risk_register_2026_.xlsx');
    expect(packFilePath('id-1', 3, '.hidden')).toBe('files/id-1/3-hidden');
    expect(attachmentDisposition('風險 "final".pdf')).toBe(
      `attachment; filename="__ _final_.pdf"; filename*=UTF-8''%E9%A2%A8%E9%9A%AA%20%22final%22.pdf`,
    );
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
