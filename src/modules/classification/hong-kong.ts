import type { BilingualReason, HongKongInput, HongKongResult } from './schema.js';

/**
 * The Hong Kong view of one AI system (reference §4): the PCPD Model Framework risk level and the human oversight
 * it recommends, the SFC high-risk use flag and the HKMA customer-facing generative-AI flag. Pure. Hong Kong has no
 * AI statute: these are supervisory expectations and voluntary guidance, and the grading rule below is our reading
 * of the Framework's risk factors, not an official formula.
 */
export const HK_RULES_VERSION = 'hong-kong@2026-11-27';

const PCPD = 'PCPD, Artificial Intelligence: Model Personal Data Protection Framework (11 June 2024), Part II §2.1–2.2';
const PCPD_OVERSIGHT_NOTE =
  'The tier names human-in-the-loop / human-in-command / human-out-of-the-loop are our reading of §2.2, not yet checked against the PDF.';
const SFC = 'SFC circular to licensed corporations on the use of generative AI language models (ref. 24EC55, 12 November 2024)';
const HKMA_2019 = 'HKMA High-level Principles on Artificial Intelligence and BDAI consumer-protection Guiding Principles (November 2019)';
const HKMA_2024 = 'HKMA circular Consumer Protection in respect of Use of Generative AI (19 August 2024)';

const reason = (en: string, zh: string, source: string): BilingualReason => ({ en, 'zh-HK': zh, source });

type PcpdFactor =
  | 'sensitivePersonalData'
  | 'largeVolumeOfPersonalData'
  | 'decisionsAboutIndividuals'
  | 'significantImpactOnRights'
  | 'irreversibleEffects'
  | 'vulnerableGroups';

const pcpdFactors: Record<PcpdFactor, { en: string; zh: string }> = {
  sensitivePersonalData: {
    en: 'sensitive personal data (e.g. biometric, health, financial)',
    zh: '敏感個人資料（例如生物辨識、健康、財務資料）',
  },
  largeVolumeOfPersonalData: { en: 'a large volume of personal data', zh: '大量個人資料' },
  decisionsAboutIndividuals: { en: 'decisions about individuals', zh: '對個人作出決定' },
  significantImpactOnRights: { en: "significant impact on individuals' rights or interests", zh: '對個人權利或利益有重大影響' },
  irreversibleEffects: { en: 'effects that are hard to reverse', zh: '影響難以逆轉' },
  vulnerableGroups: { en: 'vulnerable groups affected (e.g. children, the elderly)', zh: '涉及弱勢群體（例如兒童、長者）' },
};

const oversightFor = { high: 'human-in-the-loop', medium: 'human-in-command', low: 'human-out-of-the-loop' } as const;
const oversightText = {
  'human-in-the-loop': { en: 'a human keeps control of each decision', zh: '人類保留每項決定的控制權' },
  'human-in-command': { en: 'a human oversees the operation and intervenes when needed', zh: '人類監督運作並在有需要時介入' },
  'human-out-of-the-loop': { en: 'the system may decide without human intervention', zh: '系統可在無人類介入下作出決定' },
} as const;

export function classifyHongKong(input: HongKongInput = {}): HongKongResult {
  return {
    rulesVersion: HK_RULES_VERSION,
    pcpd: pcpdView(input.pcpd ?? {}),
    sfc: sfcView(input.sfc ?? {}),
    hkma: hkmaView(input.hkma ?? {}),
  };
}

function pcpdView(p: NonNullable<HongKongInput['pcpd']>): HongKongResult['pcpd'] {
  const reasons: BilingualReason[] = [];
  const present = (Object.keys(pcpdFactors) as PcpdFactor[]).filter((k) => p[k] === true);
  let riskLevel: HongKongResult['pcpd']['riskLevel'];
  if (p.processesPersonalData !== true) {
    riskLevel = 'low';
    reasons.push(
      reason(
        'No personal data is processed: the Model Framework, which concerns personal data, adds no privacy risk.',
        '不涉及處理個人資料：以個人資料為本的《模範框架》並無額外私隱風險。',
        PCPD,
      ),
    );
  } else {
    // Our grading: a decision with significant or irreversible effect on people, or three or more factors → high.
    const decisive = p.significantImpactOnRights === true && (p.decisionsAboutIndividuals === true || p.irreversibleEffects === true);
    riskLevel = decisive || present.length >= 3 ? 'high' : present.length >= 1 ? 'medium' : 'low';
    const list = present.map((k) => pcpdFactors[k]);
    reasons.push(
      list.length
        ? reason(
            `Risk factors present: ${list.map((f) => f.en).join('; ')}.`,
            `存在的風險因素：${list.map((f) => f.zh).join('；')}。`,
            PCPD,
          )
        : reason(
            'Personal data is processed, but none of the listed risk factors applies.',
            '涉及個人資料，但不存在所列的風險因素。',
            PCPD,
          ),
    );
    if (decisive) {
      reasons.push(
        reason(
          'Decisions or irreversible effects with significant impact on individuals make the risk high.',
          '對個人有重大影響的決定或不可逆轉的後果，令風險屬高。',
          PCPD,
        ),
      );
    }
  }
  const oversight = oversightFor[riskLevel];
  reasons.push(
    reason(
      `Risk ${riskLevel}: recommended oversight ${oversight} (${oversightText[oversight].en}). ${PCPD_OVERSIGHT_NOTE}`,
      `風險${{ high: '高', medium: '中', low: '低' }[riskLevel]}：建議的人為監督方式為 ${oversight}（${oversightText[oversight].zh}）。有關層級名稱屬我們的解讀，尚待與框架原文核對。`,
      PCPD,
    ),
  );
  return { riskLevel, oversight, reasons };
}

function sfcView(s: NonNullable<HongKongInput['sfc']>): HongKongResult['sfc'] {
  const uses = [
    s.investmentRecommendations === true && { en: 'investment recommendations', zh: '投資建議' },
    s.investmentAdvice === true && { en: 'investment advice', zh: '投資意見' },
    s.investmentResearch === true && { en: 'investment research', zh: '投資研究' },
  ].filter((u): u is { en: string; zh: string } => u !== false);
  if (s.licensedCorporation !== true) {
    return {
      applicable: false,
      highRisk: false,
      reasons: [reason('Not an SFC-licensed corporation: the circular does not apply.', '並非證監會持牌法團：該通函不適用。', SFC)],
    };
  }
  if (s.usesAiLanguageModel !== true) {
    return {
      applicable: false,
      highRisk: false,
      reasons: [
        reason(
          'A licensed corporation, but the system is not an AI language model: circular 24EC55 concerns AI language models (general SFC conduct requirements still apply).',
          '屬持牌法團，但系統並非人工智能語言模型：第24EC55號通函針對人工智能語言模型（證監會一般操守要求仍然適用）。',
          SFC,
        ),
      ],
    };
  }
  const reasons = [
    reason(
      'A licensed corporation using an AI language model: senior-management responsibility, model risk management, cybersecurity and data risk, third-party provider risk.',
      '持牌法團使用人工智能語言模型：高級管理層責任、模型風險管理、網絡安全及數據風險、第三方供應商風險。',
      SFC,
    ),
  ];
  if (uses.length) {
    reasons.push(
      reason(
        `High-risk use (${uses.map((u) => u.en).join(', ')}): human review of outputs, disclosure to clients, and notice to the SFC of significant changes.`,
        `高風險用途（${uses.map((u) => u.zh).join('、')}）：須由人員審核輸出、向客戶披露，並就重大變更通知證監會。`,
        SFC,
      ),
    );
  }
  return { applicable: true, highRisk: uses.length > 0, reasons };
}

function hkmaView(h: NonNullable<HongKongInput['hkma']>): HongKongResult['hkma'] {
  if (h.authorisedInstitution !== true) {
    return {
      applicable: false,
      customerFacingGenAi: false,
      reasons: [
        reason('Not an HKMA authorised institution: HKMA guidance does not apply.', '並非金管局認可機構：金管局指引不適用。', HKMA_2024),
      ],
    };
  }
  const reasons = [
    reason(
      'An authorised institution: board and senior management are accountable for AI outcomes; explainability, data quality, validation, fairness and disclosure are expected.',
      '屬認可機構：董事會及高級管理層須對人工智能的結果負責；須具備可解釋性、數據質素、模型驗證、公平及披露。',
      `${HKMA_2019} (the 2019 circulars' addresses are still to be confirmed)`,
    ),
  ];
  const customerFacingGenAi = h.customerFacing === true && h.generativeAi === true;
  if (customerFacingGenAi) {
    reasons.push(
      reason(
        'Customer-facing generative AI: human-in-the-loop in early stages, let customers opt out and ask for a human, tell them they are dealing with generative AI and its limits.',
        '面向客戶的生成式人工智能：初期須有人類參與決策（human-in-the-loop），讓客戶可選擇退出及要求人工處理，並告知客戶正與生成式人工智能互動及其局限。',
        HKMA_2024,
      ),
    );
  } else if (h.generativeAi === true) {
    reasons.push(
      reason(
        'Generative AI used internally, not with customers: the 2024 consumer-protection circular does not apply.',
        '生成式人工智能只作內部用途，不面向客戶：2024年消費者保障通函不適用。',
        HKMA_2024,
      ),
    );
  }
  return { applicable: true, customerFacingGenAi, reasons };
}
