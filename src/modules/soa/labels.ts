import type { ImplementationStatus } from './schema.js';

/**
 * Labels of the Statement of Applicability in English and Traditional Chinese (Hong Kong usage), used by the
 * exports and the web app.
 */
export type SoaLocale = 'en' | 'zh-HK';
type Bilingual = Record<SoaLocale, string>;

export const soaColumnLabels = {
  control: { en: 'Control', 'zh-HK': '控制措施' },
  objective: { en: 'Objective', 'zh-HK': '控制目標' },
  title: { en: 'Title', 'zh-HK': '標題' },
  applicable: { en: 'Applicable', 'zh-HK': '適用性' },
  justification: { en: 'Justification', 'zh-HK': '理據' },
  implementationStatus: { en: 'Implementation status', 'zh-HK': '實施狀況' },
  owner: { en: 'Owner', 'zh-HK': '負責人' },
  controls: { en: 'Linked controls', 'zh-HK': '相關控制' },
  evidence: { en: 'Evidence', 'zh-HK': '證據' },
} as const satisfies Record<string, Bilingual>;
export type SoaColumn = keyof typeof soaColumnLabels;

export const applicabilityLabels = {
  yes: { en: 'Applicable', 'zh-HK': '適用' },
  no: { en: 'Not applicable', 'zh-HK': '不適用' },
  undecided: { en: 'Undecided', 'zh-HK': '未決定' },
} as const satisfies Record<string, Bilingual>;

export const implementationStatusLabels: Record<ImplementationStatus, Bilingual> = {
  not_started: { en: 'Not started', 'zh-HK': '未開始' },
  planned: { en: 'Planned', 'zh-HK': '已計劃' },
  in_progress: { en: 'In progress', 'zh-HK': '進行中' },
  implemented: { en: 'Implemented', 'zh-HK': '已實施' },
};

/** Statuses of applied controls as they appear next to a control in the statement. */
export const appliedControlStatusLabels: Record<string, Bilingual> = {
  planned: { en: 'planned', 'zh-HK': '已計劃' },
  in_progress: { en: 'in progress', 'zh-HK': '進行中' },
  implemented: { en: 'implemented', 'zh-HK': '已實施' },
  not_implemented: { en: 'not implemented', 'zh-HK': '未實施' },
};

export const soaDocumentLabels = {
  title: { en: 'Statement of Applicability', 'zh-HK': '適用性聲明' },
  framework: { en: 'ISO/IEC 42001:2023 Annex A', 'zh-HK': 'ISO/IEC 42001:2023 附錄 A' },
  draft: { en: 'Draft — not approved', 'zh-HK': '草稿 — 未經批准' },
  version: { en: 'Version', 'zh-HK': '版本' },
  approvedBy: { en: 'Approved by', 'zh-HK': '批准人' },
  approvedAt: { en: 'Approved on', 'zh-HK': '批准日期' },
  note: { en: 'Note', 'zh-HK': '備註' },
  generatedAt: { en: 'Generated', 'zh-HK': '產生時間' },
  organisation: { en: 'Organisation', 'zh-HK': '機構' },
  expires: { en: 'expires', 'zh-HK': '到期' },
  none: { en: '—', 'zh-HK': '—' },
} as const satisfies Record<string, Bilingual>;

export function applicabilityLabel(applicable: boolean | null, lang: SoaLocale): string {
  const key = applicable === null ? 'undecided' : applicable ? 'yes' : 'no';
  return applicabilityLabels[key][lang];
}
