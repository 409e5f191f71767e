// A deterministic, realistic AI-system register for the benchmarks: a mid-market Hong Kong financial group with
// a dozen business units, 16 people who own systems, 40 vendors, and N systems of every type and stage.
// The same data feeds the in-process loader (list benchmark), the XLSX/CSV files (import benchmark) and the
// queries the list benchmark sends (owner and vendor filters use people and vendors that exist).
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Role } from '../src/modules/auth/permissions.js';
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
} from '../src/modules/systems/labels.js';
import type {
  affectedPersons,
  dataCategories,
  decisionRoles,
  hostingOptions,
  lifecycleStages,
  oversightLevels,
  regions,
  registrationStatuses,
  systemTypes,
} from '../src/modules/systems/schema.js';
import { systemColumns } from '../src/modules/transfer/columns.js';

type SystemType = (typeof systemTypes)[number];
type Stage = (typeof lifecycleStages)[number];
type Hosting = (typeof hostingOptions)[number];
type Region = (typeof regions)[number];
type DataCategory = (typeof dataCategories)[number];
type Affected = (typeof affectedPersons)[number];
type DecisionRole = (typeof decisionRoles)[number];
type Oversight = (typeof oversightLevels)[number];
type Status = (typeof registrationStatuses)[number];

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)] as T;
}

function weighted<T extends string>(r: () => number, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [k, w] of entries) {
    x -= w;
    if (x < 0) return k;
  }
  return entries[entries.length - 1]![0];
}

function some<T>(r: () => number, items: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(r() * (max - min + 1));
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0] as T);
  return out;
}

export interface MemberSpec {
  email: string;
  displayName: string;
  role: Role;
}

export interface VendorSpec {
  name: string;
  website: string;
  products: string[];
  aiFeatures: string[];
  headquartersCountry: string;
}

/** One system as a person would describe it: owners by e-mail, the vendor by name. */
export interface SystemSpec {
  name: string;
  purpose: string;
  intendedUsers: string | null;
  businessUnit: string;
  accountableOwner: string | null;
  technicalOwner: string | null;
  type: SystemType;
  lifecycleStage: Stage;
  hosting: Hosting;
  regionsUsed: Region[];
  outputRegions: Region[];
  models: string[];
  modelProviders: string[];
  vendor: string | null;
  dataCategories: DataCategory[];
  affectedPersons: Affected[];
  decisionRole: DecisionRole;
  humanOversight: Oversight;
  tags: string[];
  nextReviewDate: string | null;
  registrationStatus: Status;
  createdAt: Date;
  updatedAt: Date;
}

export const ORG_DOMAIN = 'acme-fin.example';

const people: [string, Role][] = [
  ['Chan Tai Man', 'owner'],
  ['Wong Siu Ling', 'admin'],
  ['Lee Ka Wai', 'admin'],
  ['Cheung Mei Yee', 'governance_lead'],
  ['Lau Chi Keung', 'governance_lead'],
  ['Ho Wing Sze', 'system_owner'],
  ['Ng Kwok Leung', 'system_owner'],
  ['Tam Hoi Yan', 'system_owner'],
  ['Leung Pak Hei', 'system_owner'],
  ['Yeung Sum Yi', 'system_owner'],
  ['Fung Chun Kit', 'system_owner'],
  ['Kwan Lok Man', 'system_owner'],
  ['Chow Wai Lam', 'system_owner'],
  ['Mak Ying Tung', 'contributor'],
  ['Poon Hiu Fung', 'auditor'],
  ['Tsang Ka Yan', 'viewer'],
];

export const members: MemberSpec[] = people.map(([displayName, role]) => ({
  displayName,
  role,
  email: `${displayName.toLowerCase().replace(/ /g, '.')}@${ORG_DOMAIN}`,
}));

const vendorNames: [string, string][] = [
  ['Microsoft', 'United States'],
  ['Salesforce', 'United States'],
  ['ServiceNow', 'United States'],
  ['Workday', 'United States'],
  ['Zendesk', 'United States'],
  ['SAP', 'Germany'],
  ['Oracle', 'United States'],
  ['Google Cloud', 'United States'],
  ['Amazon Web Services', 'United States'],
  ['OpenAI', 'United States'],
  ['Anthropic', 'United States'],
  ['Alibaba Cloud', 'China'],
  ['Baidu AI Cloud', 'China'],
  ['Tencent Cloud', 'China'],
  ['SenseTime', 'Hong Kong'],
  ['iFlytek', 'China'],
  ['DeepSeek', 'China'],
  ['Zhipu AI', 'China'],
  ['HubSpot', 'United States'],
  ['Adobe', 'United States'],
  ['Atlassian', 'Australia'],
  ['Notion Labs', 'United States'],
  ['Grammarly', 'United States'],
  ['DeepL', 'Germany'],
  ['Otter.ai', 'United States'],
  ['Fireflies.ai', 'United States'],
  ['UiPath', 'United States'],
  ['Automation Anywhere', 'United States'],
  ['Darktrace', 'United Kingdom'],
  ['CrowdStrike', 'United States'],
  ['Palantir', 'United States'],
  ['Databricks', 'United States'],
  ['Snowflake', 'United States'],
  ['DataRobot', 'United States'],
  ['H2O.ai', 'United States'],
  ['Cohere', 'Canada'],
  ['Mistral AI', 'France'],
  ['IBM', 'United States'],
  ['Nuance', 'United States'],
  ['Verint', 'United States'],
];

export const vendors: VendorSpec[] = vendorNames.map(([name, country], i) => ({
  name,
  website: `https://www.${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`,
  products: [`${name} Platform`, ...(i % 3 === 0 ? [`${name} Assist`] : [])],
  aiFeatures: ['text generation', ...(i % 2 === 0 ? ['classification'] : []), ...(i % 5 === 0 ? ['speech recognition'] : [])],
  headquartersCountry: country,
}));

const businessUnits = [
  'Retail Banking',
  'Wealth Management',
  'Insurance Claims',
  'Human Resources',
  'Finance',
  'Legal and Compliance',
  'Customer Service',
  'Marketing',
  'IT Operations',
  'Procurement',
  'Risk Management',
  'Data and Analytics',
];

/** [function, what it works on, who it serves] */
const functions: [string, string, string][] = [
  ['claims triage', 'incoming insurance claims', 'claims handlers'],
  ['credit scoring', 'personal loan applications', 'credit officers'],
  ['fraud detection', 'card and FPS transactions', 'the fraud operations team'],
  ['CV screening', 'job applications', 'recruiters'],
  ['customer chatbot', 'customer enquiries on the website and WhatsApp', 'customers'],
  ['document summarisation', 'long reports and board papers', 'managers'],
  ['contract review', 'supplier and client contracts', 'the legal team'],
  ['AML alert scoring', 'anti-money-laundering alerts', 'compliance analysts'],
  ['call transcription', 'recorded customer calls', 'quality assurance staff'],
  ['sentiment analysis', 'customer feedback and complaints', 'service managers'],
  ['churn prediction', 'customer account activity', 'relationship managers'],
  ['invoice matching', 'supplier invoices and purchase orders', 'accounts payable clerks'],
  ['coding assistant', 'source code in the internal repositories', 'software engineers'],
  ['knowledge search', 'policies, procedures and product manuals', 'front-line staff'],
  ['translation', 'English and Chinese customer letters', 'customer service officers'],
  ['meeting notes', 'Teams and Zoom meetings', 'all staff'],
  ['marketing copy', 'campaign briefs', 'the marketing team'],
  ['demand forecasting', 'branch and call-centre volumes', 'operations planners'],
  ['KYC document check', 'identity documents and proof of address', 'onboarding officers'],
  ['complaint classification', 'written complaints', 'the complaints unit'],
  ['pricing recommendation', 'insurance quotes', 'underwriters'],
  ['IT ticket routing', 'service-desk tickets', 'IT support'],
  ['email drafting', 'customer and internal e-mail', 'all staff'],
  ['voice biometrics', 'callers to the phone banking line', 'customers'],
  ['next-best-offer', 'customer profiles and product holdings', 'relationship managers'],
];

/** Words people type into the register's search box: parts of names, purposes, business units and tags. */
export const searchTerms = [
  ...new Set([
    ...functions.map(([fn]) => fn.split(' ')[0]!.toLowerCase()),
    ...businessUnits.map((b) => b.split(' ')[0]!.toLowerCase()),
    'pilot',
    'hong kong',
    'singapore',
    'dashboard',
    'rag',
    'pdpo',
    'chatbot',
    'needs-dpia',
  ]),
];

const kinds = ['assistant', 'model', 'engine', 'copilot', 'bot', 'service', 'pipeline'];
const verbs = [
  'Ranks',
  'Classifies',
  'Summarises',
  'Scores',
  'Drafts replies to',
  'Extracts key facts from',
  'Flags anomalies in',
  'Answers questions about',
];
const extras = [
  'Outputs are reviewed by a person before any customer is contacted.',
  'Used in Hong Kong only; data stays in the Hong Kong region.',
  'A pilot with a limited group of users; expansion depends on the evaluation.',
  'Replaces a rules-based process that produced too many false positives.',
  'The vendor processes data in Singapore under a data-processing agreement.',
  'Results feed a dashboard reviewed weekly by the business owner.',
  '',
];
const modelCatalogue: [string, string][] = [
  ['GPT-4o', 'OpenAI'],
  ['GPT-4.1 mini', 'OpenAI'],
  ['Claude 3.5 Sonnet', 'Anthropic'],
  ['Gemini 1.5 Pro', 'Google'],
  ['Llama 3.1 70B', 'Meta'],
  ['Qwen2.5-72B', 'Alibaba Cloud'],
  ['ERNIE 4.0', 'Baidu'],
  ['DeepSeek-V3', 'DeepSeek'],
  ['XGBoost classifier', 'in-house'],
  ['BERT-base fine-tuned', 'in-house'],
  ['Whisper large-v3', 'OpenAI'],
];
const tagPool = [
  'customer-facing',
  'high-volume',
  'pilot',
  'gen-ai',
  'llm',
  'rag',
  'pdpo',
  'hkma',
  'sfc',
  'eu-ai-act',
  'cross-border',
  'shadow-ai',
  'copilot',
  'chatbot',
  'ocr',
  'speech',
  'vision',
  'scoring',
  'forecasting',
  'automation',
  'internal-only',
  'board-priority',
  'q3-review',
  'legacy',
  'open-source',
  'mainland-vendor',
  'needs-dpia',
  'fairness-tested',
  'drift-monitored',
  'contract-renewal',
];
const intendedUsersPool = ['All staff', 'Front-line staff', 'Customers', 'Analysts', 'Managers', 'Engineers', null];

const year = 365 * 86_400_000;

/** `count` systems; with the same seed the output is identical. `now` anchors the timestamps. */
export function generateSystems(count: number, seed = 42, now = new Date('2026-06-30T00:00:00Z')): SystemSpec[] {
  const r = rng(seed);
  const owners = members.filter((m) => m.role !== 'viewer' && m.role !== 'auditor');
  const systemOwners = members.filter((m) => m.role === 'system_owner');
  const out: SystemSpec[] = [];
  for (let i = 0; i < count; i++) {
    const [fn, object, serves] = pick(r, functions);
    const bu = pick(r, businessUnits);
    const type = weighted<SystemType>(r, {
      vendor_saas_ai: 30,
      embedded_vendor_feature: 25,
      general_purpose_assistant: 10,
      in_house_app_third_party_model: 20,
      in_house_model: 10,
      agent: 5,
    });
    const vendorish = type === 'vendor_saas_ai' || type === 'embedded_vendor_feature';
    const vendor = r() < (vendorish ? 0.9 : type === 'general_purpose_assistant' ? 0.7 : 0.2) ? pick(r, vendors).name : null;
    const hosting: Hosting = vendorish
      ? 'vendor'
      : type === 'in_house_model' && r() < 0.4
        ? 'on_premises'
        : r() < 0.15
          ? 'vendor'
          : 'cloud';
    const registrationStatus: Status = r() < 0.7 ? 'registered' : 'draft';
    const accountableOwner = registrationStatus === 'registered' || r() < 0.6 ? pick(r, r() < 0.7 ? systemOwners : owners).email : null;
    const technicalOwner = r() < 0.5 ? pick(r, owners).email : null;
    const dataCats: DataCategory[] =
      r() < 0.1 ? ['none'] : some(r, ['personal', 'personal', 'sensitive_personal', 'financial', 'biometric', 'childrens'] as const, 1, 3);
    const models = some(r, modelCatalogue, type === 'in_house_model' ? 1 : 0, 2);
    const createdAt = new Date(now.getTime() - Math.floor(r() * 3 * year));
    const updatedAt = new Date(createdAt.getTime() + Math.floor(r() * (now.getTime() - createdAt.getTime())));
    const extra = pick(r, extras);
    out.push({
      name: `${bu} ${fn} ${pick(r, kinds)} ${String(i + 1).padStart(5, '0')}`,
      purpose: `${pick(r, verbs)} ${object} for ${serves} in ${bu}.${extra ? ` ${extra}` : ''}`,
      intendedUsers: pick(r, intendedUsersPool),
      businessUnit: bu,
      accountableOwner,
      technicalOwner,
      type,
      lifecycleStage: weighted<Stage>(r, { production: 45, development: 15, validation: 10, proposed: 20, retired: 10 }),
      hosting,
      regionsUsed:
        r() < 0.9
          ? ['hong_kong', ...some(r, ['mainland_china', 'eu', 'other'] as const, 0, 1)]
          : some(r, ['mainland_china', 'eu', 'other'] as const, 1, 2),
      outputRegions: r() < 0.6 ? ['hong_kong'] : [],
      models: models.map(([m]) => m),
      modelProviders: [...new Set(models.map(([, p]) => p))],
      vendor,
      dataCategories: [...new Set(dataCats)],
      affectedPersons: some(r, ['customers', 'employees', 'public'] as const, 1, 2),
      decisionRole: weighted<DecisionRole>(r, { informs: 50, recommends: 35, decides_automatically: 15 }),
      humanOversight: weighted<Oversight>(r, { human_in_the_loop: 50, human_on_the_loop: 35, human_out_of_the_loop: 15 }),
      tags: some(r, tagPool, 0, 4),
      nextReviewDate: r() < 0.75 ? new Date(Date.UTC(2025, 5, 1) + Math.floor(r() * 2.5 * year)).toISOString().slice(0, 10) : null,
      registrationStatus,
      createdAt,
      updatedAt,
    });
  }
  return out;
}

/** The cells of one system as a person fills in the spreadsheet: English labels, e-mails, vendor names. */
function cellsOf(s: SystemSpec): Record<string, string> {
  const list = (v: string[]) => v.join('; ');
  const labels = <T extends string>(table: Record<T, { en: string }>, v: T[]) => v.map((c) => table[c].en).join('; ');
  return {
    name: s.name,
    purpose: s.purpose,
    intendedUsers: s.intendedUsers ?? '',
    businessUnit: s.businessUnit,
    accountableOwnerId: s.accountableOwner ?? '',
    technicalOwnerId: s.technicalOwner ?? '',
    type: systemTypeLabels[s.type].en,
    lifecycleStage: lifecycleStageLabels[s.lifecycleStage].en,
    hosting: hostingLabels[s.hosting].en,
    regionsUsed: labels(regionLabels, s.regionsUsed),
    outputRegions: labels(regionLabels, s.outputRegions),
    models: list(s.models),
    modelProviders: list(s.modelProviders),
    vendorId: s.vendor ?? '',
    dataCategories: labels(dataCategoryLabels, s.dataCategories),
    affectedPersons: labels(affectedPersonLabels, s.affectedPersons),
    decisionRole: decisionRoleLabels[s.decisionRole].en,
    humanOversight: oversightLabels[s.humanOversight].en,
    tags: list(s.tags),
    nextReviewDate: s.nextReviewDate ?? '',
    registrationStatus: registrationStatusLabels[s.registrationStatus].en,
  };
}

/** An XLSX workbook with the register's English headers, as a user would prepare it from the template. */
export async function systemsXlsx(systems: SystemSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('AI systems');
  ws.addRow(systemColumns.map((c) => c.headers.en));
  for (const s of systems) {
    const cells = cellsOf(s);
    ws.addRow(systemColumns.map((c) => cells[c.field] ?? ''));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function systemsCsv(systems: SystemSpec[]): Buffer {
  const rows = [
    systemColumns.map((c) => c.headers.en),
    ...systems.map((s) => {
      const cells = cellsOf(s);
      return systemColumns.map((c) => cells[c.field] ?? '');
    }),
  ];
  return Buffer.from(stringify(rows), 'utf8');
}
