import type { ConclusionDecision, DppId, HarmDimension, ImpactLocale } from './template.js';

/**
 * Labels of AI system impact assessments in English and Traditional Chinese (Hong Kong usage), used by the exports
 * and the web app. Section headings and guidance live in template.ts.
 */
type Bilingual = Record<ImpactLocale, string>;

export const impactStatusLabels = {
  none: { en: 'None', 'zh-HK': '未有' },
  draft: { en: 'Draft', 'zh-HK': '草稿' },
  in_review: { en: 'In review', 'zh-HK': '審閱中' },
  approved: { en: 'Approved', 'zh-HK': '已批准' },
  needs_reassessment: { en: 'Needs re-assessment', 'zh-HK': '需要重新評估' },
} as const satisfies Record<string, Bilingual>;

export const signoffStepLabels = {
  system_owner: { en: 'System owner', 'zh-HK': '系統負責人' },
  governance_lead: { en: 'Governance lead', 'zh-HK': '管治主管' },
} as const satisfies Record<string, Bilingual>;

export const signoffDecisionLabels = {
  approve: { en: 'Approved', 'zh-HK': '批准' },
  reject: { en: 'Returned for changes', 'zh-HK': '退回修改' },
} as const satisfies Record<string, Bilingual>;

export const requiredReasonLabels = {
  high_risk: { en: 'High-risk under the EU AI Act (latest classification)', 'zh-HK': '按最新分類屬歐盟《人工智能法》高風險系統' },
  decides_about_individuals: {
    en: 'Recommends or makes decisions about individuals using personal data',
    'zh-HK': '使用個人資料就個人作出建議或決定',
  },
} as const satisfies Record<string, Bilingual>;

export const harmDimensionLabels: Record<HarmDimension, Bilingual> = {
  rights: { en: 'Rights', 'zh-HK': '權利' },
  fairness: { en: 'Fairness', 'zh-HK': '公平' },
  safety: { en: 'Safety', 'zh-HK': '安全' },
  privacy: { en: 'Privacy', 'zh-HK': '私隱' },
  wellbeing: { en: 'Wellbeing', 'zh-HK': '福祉' },
  society: { en: 'Society', 'zh-HK': '社會' },
  environment: { en: 'Environment', 'zh-HK': '環境' },
};

/** PDPO Schedule 1 principles by their official short names. */
export const dppLabels: Record<DppId, Bilingual> = {
  DPP1: { en: 'DPP1 Purpose and manner of collection', 'zh-HK': '第 1 原則 收集資料的目的及方式' },
  DPP2: { en: 'DPP2 Accuracy and duration of retention', 'zh-HK': '第 2 原則 資料的準確性及保留期間' },
  DPP3: { en: 'DPP3 Use of personal data', 'zh-HK': '第 3 原則 個人資料的使用' },
  DPP4: { en: 'DPP4 Security of personal data', 'zh-HK': '第 4 原則 個人資料的保安' },
  DPP5: { en: 'DPP5 Information to be generally available', 'zh-HK': '第 5 原則 資訊須在一般情況下可提供' },
  DPP6: { en: 'DPP6 Access to personal data', 'zh-HK': '第 6 原則 查閱個人資料' },
};

export const conclusionLabels: Record<ConclusionDecision, Bilingual> = {
  proceed: { en: 'Proceed', 'zh-HK': '繼續' },
  proceed_with_conditions: { en: 'Proceed with conditions', 'zh-HK': '有條件繼續' },
  do_not_proceed: { en: 'Do not proceed', 'zh-HK': '不繼續' },
};

/** Labels of the fields inside the sections, and of the document around them. */
export const impactFieldLabels = {
  title: { en: 'AI System Impact Assessment', 'zh-HK': '人工智能系統影響評估' },
  organisation: { en: 'Organisation', 'zh-HK': '機構' },
  system: { en: 'AI system', 'zh-HK': '人工智能系統' },
  version: { en: 'Version', 'zh-HK': '版本' },
  status: { en: 'Status', 'zh-HK': '狀況' },
  approvedAt: { en: 'Approved on', 'zh-HK': '批准日期' },
  generatedAt: { en: 'Generated', 'zh-HK': '產生時間' },
  draftNotice: { en: 'Not approved — for review only', 'zh-HK': '未經批准 — 僅供審閱' },
  serves: { en: 'Serves', 'zh-HK': '對應' },
  description: { en: 'Description', 'zh-HK': '描述' },
  intendedUse: { en: 'Intended use', 'zh-HK': '預期用途' },
  deploymentContext: { en: 'Deployment context', 'zh-HK': '部署環境' },
  group: { en: 'Group', 'zh-HK': '群體' },
  vulnerable: { en: 'Vulnerable', 'zh-HK': '弱勢' },
  vulnerableGroupsNote: { en: 'Vulnerable groups', 'zh-HK': '弱勢群體' },
  yes: { en: 'Yes', 'zh-HK': '是' },
  no: { en: 'No', 'zh-HK': '否' },
  area: { en: 'Area', 'zh-HK': '範疇' },
  severity: { en: 'Severity', 'zh-HK': '嚴重程度' },
  likelihood: { en: 'Likelihood', 'zh-HK': '可能性' },
  mitigation: { en: 'Mitigation', 'zh-HK': '緩解措施' },
  addresses: { en: 'Addresses', 'zh-HK': '針對' },
  controls: { en: 'Applied controls', 'zh-HK': '已實施控制' },
  principle: { en: 'Principle', 'zh-HK': '原則' },
  how: { en: 'How the system meets it', 'zh-HK': '系統如何符合' },
  gaps: { en: 'Gaps', 'zh-HK': '不足之處' },
  who: { en: 'Consulted', 'zh-HK': '諮詢對象' },
  when: { en: 'When', 'zh-HK': '日期' },
  outcome: { en: 'Outcome', 'zh-HK': '結果' },
  decision: { en: 'Decision', 'zh-HK': '決定' },
  conditions: { en: 'Conditions', 'zh-HK': '條件' },
  rationale: { en: 'Reasons', 'zh-HK': '理由' },
  signoffs: { en: 'Sign-off', 'zh-HK': '簽署' },
  step: { en: 'Step', 'zh-HK': '步驟' },
  signer: { en: 'Signed by', 'zh-HK': '簽署人' },
  date: { en: 'Date', 'zh-HK': '日期' },
  note: { en: 'Note', 'zh-HK': '備註' },
  notAnswered: { en: 'Not answered yet', 'zh-HK': '尚未填寫' },
} as const satisfies Record<string, Bilingual>;
