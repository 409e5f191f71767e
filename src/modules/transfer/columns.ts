import {
  affectedPersonLabels,
  dataCategoryLabels,
  decisionRoleLabels,
  hostingLabels,
  lifecycleStageLabels,
  oversightLabels,
  regionLabels,
  registrationStatusLabels,
  systemTypeLabels,
  type Locale,
} from '../systems/labels.js';

/**
 * The spreadsheet columns of each register: the field they fill, their headers in English and Chinese, and how
 * a cell becomes a value. Import accepts either header and, for coded values, the code or either label.
 */
type LabelTable = Record<string, Record<Locale, string>>;

export type ColumnKind =
  | { type: 'text' }
  | { type: 'list' }
  | { type: 'enum'; labels: LabelTable }
  | { type: 'enumList'; labels: LabelTable }
  | { type: 'person' }
  | { type: 'vendor' }
  | { type: 'date' };

export interface Column {
  field: string;
  headers: Record<Locale, string>;
  kind: ColumnKind;
  /** a header the importer cannot do without */
  required?: boolean;
}

const text = { type: 'text' } as const;
const list = { type: 'list' } as const;
const enumOf = (labels: LabelTable) => ({ type: 'enum', labels }) as const;
const enumListOf = (labels: LabelTable) => ({ type: 'enumList', labels }) as const;

export const systemColumns: Column[] = [
  { field: 'name', headers: { en: 'Name', 'zh-HK': '名稱' }, kind: text, required: true },
  { field: 'purpose', headers: { en: 'Purpose and intended use', 'zh-HK': '目的及預期用途' }, kind: text, required: true },
  { field: 'intendedUsers', headers: { en: 'Intended users', 'zh-HK': '預期使用者' }, kind: text },
  { field: 'businessUnit', headers: { en: 'Business unit', 'zh-HK': '業務單位' }, kind: text },
  { field: 'accountableOwnerId', headers: { en: 'Accountable owner', 'zh-HK': '問責負責人' }, kind: { type: 'person' } },
  { field: 'technicalOwnerId', headers: { en: 'Technical owner', 'zh-HK': '技術負責人' }, kind: { type: 'person' } },
  { field: 'type', headers: { en: 'Type', 'zh-HK': '類型' }, kind: enumOf(systemTypeLabels), required: true },
  { field: 'lifecycleStage', headers: { en: 'Lifecycle stage', 'zh-HK': '生命週期階段' }, kind: enumOf(lifecycleStageLabels) },
  { field: 'hosting', headers: { en: 'Hosting', 'zh-HK': '託管方式' }, kind: enumOf(hostingLabels), required: true },
  { field: 'regionsUsed', headers: { en: 'Regions where used', 'zh-HK': '使用地區' }, kind: enumListOf(regionLabels) },
  { field: 'outputRegions', headers: { en: 'Regions where output is used', 'zh-HK': '輸出使用地區' }, kind: enumListOf(regionLabels) },
  { field: 'models', headers: { en: 'Models', 'zh-HK': '模型' }, kind: list },
  { field: 'modelProviders', headers: { en: 'Model providers', 'zh-HK': '模型供應商' }, kind: list },
  { field: 'vendorId', headers: { en: 'Vendor', 'zh-HK': '供應商' }, kind: { type: 'vendor' } },
  { field: 'dataCategories', headers: { en: 'Data categories', 'zh-HK': '資料類別' }, kind: enumListOf(dataCategoryLabels) },
  { field: 'affectedPersons', headers: { en: 'Affected persons', 'zh-HK': '受影響人士' }, kind: enumListOf(affectedPersonLabels) },
  { field: 'decisionRole', headers: { en: 'Decision role', 'zh-HK': '決策角色' }, kind: enumOf(decisionRoleLabels), required: true },
  { field: 'humanOversight', headers: { en: 'Human oversight', 'zh-HK': '人為監督程度' }, kind: enumOf(oversightLabels), required: true },
  { field: 'tags', headers: { en: 'Tags', 'zh-HK': '標籤' }, kind: list },
  { field: 'nextReviewDate', headers: { en: 'Next review date', 'zh-HK': '下次檢討日期' }, kind: { type: 'date' } },
  { field: 'registrationStatus', headers: { en: 'Registration status', 'zh-HK': '登記狀態' }, kind: enumOf(registrationStatusLabels) },
];

export const vendorColumns: Column[] = [
  { field: 'name', headers: { en: 'Name', 'zh-HK': '名稱' }, kind: text, required: true },
  { field: 'website', headers: { en: 'Website', 'zh-HK': '網站' }, kind: text },
  { field: 'products', headers: { en: 'Products', 'zh-HK': '產品' }, kind: list },
  { field: 'aiFeatures', headers: { en: 'AI features', 'zh-HK': '人工智能功能' }, kind: list },
  { field: 'headquartersCountry', headers: { en: 'Headquarters country', 'zh-HK': '總部所在國家或地區' }, kind: text },
  { field: 'dataProcessingRegions', headers: { en: 'Data-processing regions', 'zh-HK': '資料處理地區' }, kind: list },
  { field: 'contactName', headers: { en: 'Contact name', 'zh-HK': '聯絡人' }, kind: text },
  { field: 'contactEmail', headers: { en: 'Contact e-mail', 'zh-HK': '聯絡電郵' }, kind: text },
  { field: 'notes', headers: { en: 'Notes', 'zh-HK': '備註' }, kind: text },
];

/** Header matching ignores case, spaces, hyphens and underscores, so "next_review_date" finds its column too. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-–—]+/g, '');
}

export function columnIndex(columns: Column[]): Map<string, Column> {
  const map = new Map<string, Column>();
  for (const c of columns) {
    for (const h of [c.field, c.headers.en, c.headers['zh-HK']]) map.set(normaliseHeader(h), c);
  }
  return map;
}

/** Code for a cell holding a code or a label in either language; undefined when nothing matches. */
export function codeFor(labels: LabelTable, cell: string): string | undefined {
  const wanted = normaliseHeader(cell);
  for (const [code, l] of Object.entries(labels)) {
    if (normaliseHeader(code) === wanted || normaliseHeader(l.en) === wanted || normaliseHeader(l['zh-HK']) === wanted) return code;
  }
  return undefined;
}

/** Lists in a cell are separated by semicolons, commas, new lines or the Chinese enumeration comma. */
export function splitList(cell: string): string[] {
  return cell
    .split(/[;,\n、，；]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
