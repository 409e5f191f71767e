import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { pdfStreams, zipEntry } from '../../../../tests/support/document-files.js';
import { loadFrameworkPacks } from '../../frameworks/catalog.js';
import type { SoaSnapshot } from '../schema.js';
import { annexControls } from '../statement.js';
import { soaDocument, type DocumentSource } from './document.js';
import { soaDocx } from './docx.js';
import { soaPdf } from './pdf.js';
import { soaXlsx } from './xlsx.js';

const pack = loadFrameworkPacks().find((p) => p.id === 'iso-iec-42001-2023');
if (!pack) throw new Error('ISO/IEC 42001 pack missing');

const entries: SoaSnapshot['entries'] = annexControls(pack).map((c, i) => ({
  controlRef: c.ref,
  objective: c.objective,
  title: c.title,
  applicable: i === 1 ? false : i === 2 ? null : true,
  justification: i === 1 ? 'All systems are bought in' : null,
  implementationStatus: i === 0 ? 'implemented' : 'not_started',
  owner: i === 0 ? { id: 'u1', name: '陳大文' } : null,
  controls: i === 0 ? [{ id: 'c1', name: 'AI policy approved by the board', status: 'implemented' }] : [],
  evidence: i === 0 ? [{ id: 'e1', title: 'Board minutes', expiresOn: '2027-01-31' }] : [],
}));

const source = (lang: 'en' | 'zh-HK', approved = false): DocumentSource => ({
  orgName: 'Harbour Point',
  orgSlug: 'harbour-point',
  entries,
  lang,
  generatedAt: new Date('2026-11-27T10:00:00Z'),
  approval: approved
    ? { versionNo: 3, approvedAt: '2026-11-20T08:00:00.000Z', approvedBy: 'u1', approverName: '陳大文', note: null, snapshotHash: 'x' }
    : null,
});

describe('SoA document', () => {
  it('marks a draft and names approver and date of an approved version, in both languages', () => {
    expect(soaDocument(source('en')).headerLines).toContain('Draft — not approved');
    const zh = soaDocument(source('zh-HK', true));
    expect(zh.headerLines).toEqual([
      '機構: Harbour Point',
      'ISO/IEC 42001:2023 附錄 A',
      '版本 3',
      '批准人: 陳大文',
      '批准日期: 2026-11-20',
    ]);
    expect(zh.columns).toEqual(['控制措施', '控制目標', '標題', '適用性', '理據', '實施狀況', '負責人', '相關控制', '證據']);
    expect(zh.rows[1]?.[3]).toBe('不適用');
    expect(zh.baseName).toBe('harbour-point-soa-v3-zh-HK');
  });
});

describe('SoA exports', () => {
  it('XLSX: the header row and 38 data rows with the values', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await soaXlsx(soaDocument(source('en')))) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(39);
    expect(rows[0]!.slice(1)).toEqual([
      'Control',
      'Objective',
      'Title',
      'Applicable',
      'Justification',
      'Implementation status',
      'Owner',
      'Linked controls',
      'Evidence',
    ]);
    expect(rows[1]!.slice(1)).toEqual([
      'A.2.2',
      'A.2 Policies related to AI',
      'AI policy',
      'Applicable',
      '',
      'Implemented',
      '陳大文',
      'AI policy approved by the board (implemented)',
      'Board minutes (expires 2027-01-31)',
    ]);
    expect(rows[2]!.slice(1, 6)).toEqual([
      'A.2.3',
      'A.2 Policies related to AI',
      'Alignment with other organizational policies',
      'Not applicable',
      'All systems are bought in',
    ]);
    expect(rows[3]![4]).toBe('Undecided');
    expect(rows.map((r) => r[1])).toContain('A.10.4');
    const about = wb.worksheets[1]!.getColumn(1).values;
    expect(about).toContain('Draft — not approved');
  });

  it('DOCX: a zip whose word/document.xml holds the control titles', async () => {
    const docx = await soaDocx(soaDocument(source('zh-HK', true)));
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const xml = await zipEntry(docx, 'word/document.xml');
    for (const title of ['人工智能政策', '供應商', '適用性聲明', '批准人: 陳大文', '不適用']) expect(xml).toContain(title);
  });

  it('PDF in zh-HK: embeds a subset of the CJK font and maps the Chinese title glyphs to Unicode', async () => {
    const started = performance.now();
    const pdf = await soaPdf(soaDocument(source('zh-HK')));
    const ms = performance.now() - started;
    console.info(`SoA PDF (38 controls, zh-HK) rendered in ${ms.toFixed(0)} ms, ${pdf.length} bytes`);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHK/);
    // subset: far smaller than the 7 MB font file
    expect(pdf.length).toBeLessThan(1_500_000);
    const toUnicode = pdfStreams(pdf).find((s) => s.includes('begincmap'));
    expect(toUnicode).toBeDefined();
    // 人工智能政策 (A.2.2) and 適用 (header), as the CMap writes them: 4-digit hex code points
    for (const ch of '人工智能政策適用性聲明') {
      expect(toUnicode!.toLowerCase()).toContain(`<${ch.codePointAt(0)!.toString(16).padStart(4, '0')}>`);
    }
  });
});
