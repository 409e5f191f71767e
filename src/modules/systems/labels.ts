import type {
  affectedPersons,
  dataCategories,
  decisionRoles,
  hostingOptions,
  lifecycleStages,
  oversightLevels,
  regions,
  registrationStatuses,
  systemSources,
  systemTypes,
} from './schema.js';

/**
 * Display labels of the register's coded values, in English and Traditional Chinese (Hong Kong usage). Shared by
 * the web app, the spreadsheet importer (which accepts a code or either label) and the exporter.
 */
export type Locale = 'en' | 'zh-HK';
type Labels<T extends readonly string[]> = Record<T[number], Record<Locale, string>>;

export const systemTypeLabels: Labels<typeof systemTypes> = {
  in_house_model: { en: 'In-house model', 'zh-HK': '內部開發模型' },
  in_house_app_third_party_model: { en: 'In-house application on a third-party model', 'zh-HK': '基於第三方模型的內部應用' },
  vendor_saas_ai: { en: 'Vendor SaaS with AI features', 'zh-HK': '具人工智能功能的供應商 SaaS' },
  embedded_vendor_feature: { en: 'AI feature embedded in a vendor product', 'zh-HK': '供應商產品內置的人工智能功能' },
  general_purpose_assistant: { en: 'General-purpose assistant', 'zh-HK': '通用人工智能助理' },
  agent: { en: 'Agent', 'zh-HK': '人工智能代理' },
};

export const lifecycleStageLabels: Labels<typeof lifecycleStages> = {
  proposed: { en: 'Proposed', 'zh-HK': '建議中' },
  development: { en: 'Development', 'zh-HK': '開發中' },
  validation: { en: 'Validation', 'zh-HK': '驗證中' },
  production: { en: 'Production', 'zh-HK': '已投產' },
  retired: { en: 'Retired', 'zh-HK': '已退役' },
};

export const hostingLabels: Labels<typeof hostingOptions> = {
  on_premises: { en: 'On-premises', 'zh-HK': '本地部署' },
  cloud: { en: 'Cloud', 'zh-HK': '雲端' },
  vendor: { en: 'Vendor-hosted', 'zh-HK': '供應商託管' },
};

export const regionLabels: Labels<typeof regions> = {
  hong_kong: { en: 'Hong Kong', 'zh-HK': '香港' },
  mainland_china: { en: 'Mainland China', 'zh-HK': '中國內地' },
  eu: { en: 'European Union', 'zh-HK': '歐盟' },
  other: { en: 'Other', 'zh-HK': '其他' },
};

export const dataCategoryLabels: Labels<typeof dataCategories> = {
  personal: { en: 'Personal data', 'zh-HK': '個人資料' },
  sensitive_personal: { en: 'Sensitive personal data', 'zh-HK': '敏感個人資料' },
  childrens: { en: "Children's data", 'zh-HK': '兒童資料' },
  biometric: { en: 'Biometric data', 'zh-HK': '生物特徵資料' },
  financial: { en: 'Financial data', 'zh-HK': '財務資料' },
  none: { en: 'None', 'zh-HK': '無' },
};

export const affectedPersonLabels: Labels<typeof affectedPersons> = {
  customers: { en: 'Customers', 'zh-HK': '客戶' },
  employees: { en: 'Employees', 'zh-HK': '僱員' },
  public: { en: 'Members of the public', 'zh-HK': '公眾人士' },
};

export const decisionRoleLabels: Labels<typeof decisionRoles> = {
  informs: { en: 'Informs a human decision', 'zh-HK': '為人類決策提供資訊' },
  recommends: { en: 'Recommends a decision', 'zh-HK': '建議決策' },
  decides_automatically: { en: 'Decides automatically', 'zh-HK': '自動作出決策' },
};

export const oversightLabels: Labels<typeof oversightLevels> = {
  human_in_the_loop: { en: 'Human-in-the-loop', 'zh-HK': '人在環內' },
  human_on_the_loop: { en: 'Human-on-the-loop', 'zh-HK': '人在環上' },
  human_out_of_the_loop: { en: 'Human-out-of-the-loop', 'zh-HK': '人在環外' },
};

export const registrationStatusLabels: Labels<typeof registrationStatuses> = {
  draft: { en: 'Draft', 'zh-HK': '草稿' },
  registered: { en: 'Registered', 'zh-HK': '已登記' },
};

export const sourceLabels: Labels<typeof systemSources> = {
  manual: { en: 'Manual entry', 'zh-HK': '人手輸入' },
  import: { en: 'Spreadsheet import', 'zh-HK': '試算表匯入' },
  discovery: { en: 'Discovery', 'zh-HK': '自動發現' },
  telemetry: { en: 'Telemetry', 'zh-HK': '遙測' },
};
