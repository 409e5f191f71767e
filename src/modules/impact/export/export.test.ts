import { describe, expect, it } from 'vitest';
import { pdfMapsCjk, zipEntry } from '../../../../tests/support/document-files.js';
import { completeImpactContent } from '../../../../tests/support/impact-fixtures.js';
import type { ImpactView } from '../schema.js';
import { impactTemplate } from '../template.js';
import { impactDocument, type ImpactDocumentSource } from './document.js';
import { impactDocx } from './docx.js';
import { impactPdf } from './pdf.js';

const view = (approved: boolean): ImpactView => ({
  id: 'a1',
  system: { id: 's1', name: 'Knowledge assistant 知識助理' },
  versionNo: 2,
  status: approved ? 'approved' : 'draft',
  needsReassessment: false,
  reassessmentReason: null,
  createdBy: 'owner@harbour.test',
  version: 4,
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  submittedAt: approved ? '2026-11-19T08:00:00.000Z' : null,
  approvedAt: approved ? '2026-11-20T08:00:00.000Z' : null,
  content: completeImpactContent(),
  missingSections: [],
  systemChanged: false,
  steps: [],
  signoffs: approved
    ? [
        {
          id: 'x',
          step: 'system_owner',
          userId: 'u1',
          signerName: '陳大文',
          decision: 'approve',
          note: null,
          signedAt: '2026-11-19T09:00:00.000Z',
        },
      ]
    : [],
  rejection: null,
  can: { update: false, submit: false, signoff: { system_owner: false, governance_lead: false }, newVersion: false },
});

const source = (lang: 'en' | 'zh-HK', approved = false): ImpactDocumentSource => ({
  view: view(approved),
  controlNames: new Map(),
  orgName: 'Harbour Point',
  orgSlug: 'harbour-point',
  lang,
  generatedAt: new Date('2026-11-27T10:00:00Z'),
});

describe('impact assessment document', () => {
  it('prints every template section with the ids it serves, and the status lines', () => {
    const doc = impactDocument(source('en'));
    expect(doc.sections.map((s) => s.heading)).toEqual([...impactTemplate.map((s) => s.heading.en), 'Sign-off']);
    expect(doc.sections[0]?.serves).toBe('Serves: ISO/IEC 42001 6.1.4, 8.4, A.5.2 · PDPO DPP1, DPP3');
    expect(doc.headerLines).toEqual([
      'Organisation: Harbour Point',
      'AI system: Knowledge assistant 知識助理',
      'Version 2 · Status: Draft',
      'Not approved — for review only',
      'Generated: 2026-11-27 10:00 UTC',
    ]);
    const harms = doc.sections[4]!.blocks[0]!;
    expect(harms.kind === 'table' && harms.rows[3]).toEqual(['Privacy', 'Customer data in prompts', '4', '2']);
    expect(doc.baseName).toBe('harbour-point-impact-knowledge-assistant-v2-en');
  });

  it('speaks Traditional Chinese, and names the approval date of an approved version', () => {
    const doc = impactDocument(source('zh-HK', true));
    expect(doc.title).toBe('人工智能系統影響評估');
    expect(doc.headerLines.slice(2)).toEqual(['版本 2 · 狀況: 已批准', '批准日期: 2026-11-20']);
    const dp = doc.sections[8]!.blocks[0]!;
    expect(dp.kind === 'table' && dp.rows[0]?.[0]).toBe('第 1 原則 收集資料的目的及方式');
    expect(doc.sections.at(-1)?.blocks[0]).toMatchObject({ rows: [['系統負責人', '批准', '陳大文', '2026-11-19', '']] });
  });
});

describe('impact assessment exports', () => {
  it('DOCX: a zip whose document holds every section heading', async () => {
    for (const lang of ['en', 'zh-HK'] as const) {
      const xml = await zipEntry(await impactDocx(impactDocument(source(lang))), 'word/document.xml');
      for (const s of impactTemplate) expect(xml, `${lang} ${s.id}`).toContain(s.heading[lang]);
    }
  });

  it('PDF in zh-HK: embeds a subset of the CJK font mapping the Chinese headings', async () => {
    const pdf = await impactPdf(impactDocument(source('zh-HK', true)));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(1_500_000);
    const { embedded, missing } = pdfMapsCjk(pdf, '人工智能系統影響評估潛在損害私隱');
    expect(embedded).toBe(true);
    expect(missing).toEqual([]);
  });
});
