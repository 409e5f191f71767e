import { z } from 'zod';
import '../../lib/zod-messages.js';

/**
 * The AI system impact assessment template: what each section asks, in both languages, and which ISO/IEC 42001
 * clauses / Annex A controls and PDPO data protection principles it serves (ids only; the wording is ours).
 * Pure data and zod, no I/O: shared with the web app through schema.ts.
 */
export type ImpactLocale = 'en' | 'zh-HK';
type Bilingual = Record<ImpactLocale, string>;

export const impactLimits = { text: 4000, short: 200, items: 50, controlsPerMitigation: 20 } as const;

export const harmDimensions = ['rights', 'fairness', 'safety', 'privacy', 'wellbeing', 'society', 'environment'] as const;
export type HarmDimension = (typeof harmDimensions)[number];
export const dppIds = ['DPP1', 'DPP2', 'DPP3', 'DPP4', 'DPP5', 'DPP6'] as const;
export type DppId = (typeof dppIds)[number];
export const conclusionDecisions = ['proceed', 'proceed_with_conditions', 'do_not_proceed'] as const;
export type ConclusionDecision = (typeof conclusionDecisions)[number];

/* ---------- content: every field optional while in draft; completeness is checked on submit ---------- */

const text = z.string().trim().max(impactLimits.text, `At most ${impactLimits.text} characters`);
const short = z.string().trim().max(impactLimits.short, `At most ${impactLimits.short} characters`);
const score = z.number().int('Use a whole number from 1 to 5').min(1, 'From 1 to 5').max(5, 'From 1 to 5');
const list = <T extends z.ZodType>(item: T) => z.array(item).max(impactLimits.items, `At most ${impactLimits.items} entries`);

const harm = z.strictObject({ description: text.optional(), severity: score.optional(), likelihood: score.optional() });
const dpp = z.strictObject({ how: text.optional(), gaps: text.optional() });

export const impactContent = z.strictObject({
  system: z.strictObject({ description: text.optional(), intendedUse: text.optional(), deploymentContext: text.optional() }).optional(),
  misuse: z.strictObject({ description: text.optional() }).optional(),
  affected: z
    .strictObject({
      groups: list(
        z.strictObject({ name: short.min(1, 'Name the group'), description: text.optional(), vulnerable: z.boolean().default(false) }),
      ),
      vulnerableGroupsNote: text.optional(),
    })
    .optional(),
  benefits: z.strictObject({ description: text.optional() }).optional(),
  harms: z
    .strictObject(Object.fromEntries(harmDimensions.map((d) => [d, harm.optional()])) as Record<HarmDimension, z.ZodOptional<typeof harm>>)
    .optional(),
  mitigations: z
    .strictObject({
      items: list(
        z.strictObject({
          description: text.min(1, 'Describe the mitigation'),
          dimensions: z.array(z.enum(harmDimensions)).max(harmDimensions.length).default([]),
          /** applied controls of the organisation that carry this mitigation */
          controlIds: z.array(z.uuid('Not a valid id')).max(impactLimits.controlsPerMitigation).default([]),
        }),
      ),
    })
    .optional(),
  oversight: z.strictObject({ description: text.optional() }).optional(),
  transparency: z.strictObject({ description: text.optional() }).optional(),
  dataProtection: z
    .strictObject(Object.fromEntries(dppIds.map((d) => [d, dpp.optional()])) as Record<DppId, z.ZodOptional<typeof dpp>>)
    .optional(),
  consultation: z
    .strictObject({
      items: list(
        z.strictObject({
          who: short.min(1, 'Say who was consulted'),
          when: z.iso.date('Use a date like 2026-11-30').optional(),
          outcome: text.optional(),
        }),
      ),
    })
    .optional(),
  residual: z.strictObject({ description: text.optional(), severity: score.optional(), likelihood: score.optional() }).optional(),
  conclusion: z
    .strictObject({ decision: z.enum(conclusionDecisions).optional(), conditions: text.optional(), rationale: text.optional() })
    .optional(),
});
export type ImpactContent = z.output<typeof impactContent>;
export type ImpactSectionId = keyof ImpactContent;

/* ---------- the sections as the template presents them ---------- */

export interface ImpactSection {
  id: ImpactSectionId;
  heading: Bilingual;
  guidance: Bilingual;
  /** submitting for review needs this section complete */
  required: boolean;
  /** ISO/IEC 42001:2023 clause and Annex A control ids this section serves */
  iso: string[];
  /** PDPO (Cap. 486) data protection principles it serves */
  pdpo: DppId[];
}

export const impactTemplate: readonly ImpactSection[] = [
  {
    id: 'system',
    heading: { en: 'The system and its intended use', 'zh-HK': '系統及其預期用途' },
    guidance: {
      en: 'Describe what the system does, the decision or task it supports, who uses it and where it is deployed.',
      'zh-HK': '說明系統的功能、所支援的決定或工作、使用者及部署環境。',
    },
    required: true,
    iso: ['6.1.4', '8.4', 'A.5.2'],
    pdpo: ['DPP1', 'DPP3'],
  },
  {
    id: 'misuse',
    heading: { en: 'Reasonably foreseeable misuse', 'zh-HK': '可合理預見的誤用' },
    guidance: {
      en: 'How could the system be used outside its intended purpose, by mistake or on purpose, and what would follow?',
      'zh-HK': '系統可能如何被有意或無意地用於預期用途以外，並會帶來甚麼後果？',
    },
    required: true,
    iso: ['6.1.4', 'A.5.4', 'A.5.5'],
    pdpo: ['DPP3'],
  },
  {
    id: 'affected',
    heading: { en: 'Affected individuals and groups', 'zh-HK': '受影響的個人及群體' },
    guidance: {
      en: 'List the people and groups the outputs reach, directly or indirectly. Mark vulnerable groups (children, older people, people with disabilities, people in financial difficulty) and say why.',
      'zh-HK': '列出直接或間接受系統輸出影響的人士及群體。標示弱勢群體（兒童、長者、殘疾人士、經濟困難人士等）並說明原因。',
    },
    required: true,
    iso: ['6.1.4', 'A.5.4'],
    pdpo: ['DPP1'],
  },
  {
    id: 'benefits',
    heading: { en: 'Benefits', 'zh-HK': '效益' },
    guidance: {
      en: 'What good does the system do, and for whom? Benefits are weighed against the harms below.',
      'zh-HK': '系統帶來甚麼好處，受益者是誰？效益須與下列損害一併衡量。',
    },
    required: true,
    iso: ['6.1.4', 'A.5.4', 'A.5.5'],
    pdpo: [],
  },
  {
    id: 'harms',
    heading: { en: 'Potential harms', 'zh-HK': '潛在損害' },
    guidance: {
      en: 'For each area — rights, fairness, safety, privacy, wellbeing, society and environment — describe the possible harm and rate its severity and likelihood from 1 (lowest) to 5 (highest). Where an area is not relevant, say so and rate it 1.',
      'zh-HK':
        '就權利、公平、安全、私隱、福祉、社會及環境各範疇，描述可能的損害，並以 1（最低）至 5（最高）評定其嚴重程度及可能性。如某範疇不相關，請註明並評為 1。',
    },
    required: true,
    iso: ['6.1.4', '8.4', 'A.5.4', 'A.5.5'],
    pdpo: ['DPP2', 'DPP4'],
  },
  {
    id: 'mitigations',
    heading: { en: 'Mitigations', 'zh-HK': '緩解措施' },
    guidance: {
      en: 'What reduces each harm? Link the applied controls that carry the mitigation, so that their status and evidence follow.',
      'zh-HK': '有甚麼措施減低各項損害？請連結執行該措施的已實施控制，以便追蹤其狀況及證據。',
    },
    required: true,
    iso: ['6.1.4', '8.4', 'A.5.4', 'A.5.5'],
    pdpo: ['DPP4'],
  },
  {
    id: 'oversight',
    heading: { en: 'Human oversight', 'zh-HK': '人為監督' },
    guidance: {
      en: 'Who can review, override or stop the system, when, and with what information and authority?',
      'zh-HK': '誰可在何時、憑藉甚麼資料及權限覆核、推翻或停止系統的運作？',
    },
    required: true,
    iso: ['6.1.4', 'A.5.4'],
    pdpo: ['DPP2'],
  },
  {
    id: 'transparency',
    heading: { en: 'Transparency to affected persons', 'zh-HK': '對受影響人士的透明度' },
    guidance: {
      en: 'How are people told that AI is involved, what it does with their data, and how they can ask questions, object or seek a human review?',
      'zh-HK': '如何告知相關人士系統涉及人工智能、如何處理其資料，以及他們如何查詢、提出反對或要求人手覆核？',
    },
    required: true,
    iso: ['6.1.4', 'A.5.4'],
    pdpo: ['DPP1', 'DPP5'],
  },
  {
    id: 'dataProtection',
    heading: { en: 'Data protection (privacy impact assessment)', 'zh-HK': '資料保障（私隱影響評估）' },
    guidance: {
      en: 'For each PDPO data protection principle, say how the system meets it and note any gaps. If the system handles no personal data, say so under DPP1.',
      'zh-HK': '就《個人資料（私隱）條例》每項保障資料原則，說明系統如何符合並記下不足之處。如系統不處理個人資料，請在第 1 原則下註明。',
    },
    required: true,
    iso: ['6.1.4', 'A.5.4'],
    pdpo: ['DPP1', 'DPP2', 'DPP3', 'DPP4', 'DPP5', 'DPP6'],
  },
  {
    id: 'consultation',
    heading: { en: 'Consultation', 'zh-HK': '諮詢' },
    guidance: {
      en: 'Who was consulted (users, affected people or their representatives, privacy, legal, risk), when, and what changed as a result?',
      'zh-HK': '曾諮詢哪些人士（使用者、受影響人士或其代表、私隱、法律、風險部門）、於何時諮詢，以及因此作出了甚麼改動？',
    },
    required: false,
    iso: ['6.1.4', 'A.5.2'],
    pdpo: [],
  },
  {
    id: 'residual',
    heading: { en: 'Residual impact', 'zh-HK': '剩餘影響' },
    guidance: {
      en: 'After the mitigations, what impact remains, and how severe and likely is it?',
      'zh-HK': '實施緩解措施後，仍有甚麼影響？其嚴重程度及可能性如何？',
    },
    required: true,
    iso: ['6.1.4', '8.4', 'A.5.4', 'A.5.5'],
    pdpo: [],
  },
  {
    id: 'conclusion',
    heading: { en: 'Conclusion', 'zh-HK': '結論' },
    guidance: {
      en: 'Proceed, proceed with conditions (list them), or do not proceed, with the reasons. The approved version is kept as the record of this assessment.',
      'zh-HK': '繼續、有條件繼續（列出條件）或不繼續，並說明理由。獲批准的版本會保存為本評估的紀錄。',
    },
    required: true,
    iso: ['8.4', 'A.5.2', 'A.5.3'],
    pdpo: [],
  },
];

/* ---------- completeness ---------- */

export interface MissingField {
  section: ImpactSectionId;
  path: string;
  message: string;
}

const blank = (v: string | undefined | null) => !v || !v.trim();

/** What a complete section lacks; an empty list means the section is complete. */
export function sectionGaps(id: ImpactSectionId, content: ImpactContent): MissingField[] {
  const out: MissingField[] = [];
  const need = (cond: boolean, path: string, message: string) => {
    if (cond) out.push({ section: id, path: `content.${id}${path ? `.${path}` : ''}`, message });
  };
  switch (id) {
    case 'system':
      need(blank(content.system?.description), 'description', 'Describe the system');
      need(blank(content.system?.intendedUse), 'intendedUse', 'Describe the intended use');
      break;
    case 'misuse':
      need(blank(content.misuse?.description), 'description', 'Describe the foreseeable misuse (or why there is none)');
      break;
    case 'affected':
      need(!content.affected?.groups.length, 'groups', 'Name at least one affected individual or group');
      break;
    case 'benefits':
      need(blank(content.benefits?.description), 'description', 'Describe the benefits');
      break;
    case 'harms':
      for (const d of harmDimensions) {
        const h = content.harms?.[d];
        need(blank(h?.description), `${d}.description`, 'Describe the harm (or why it is not relevant)');
        need(h?.severity === undefined, `${d}.severity`, 'Rate the severity from 1 to 5');
        need(h?.likelihood === undefined, `${d}.likelihood`, 'Rate the likelihood from 1 to 5');
      }
      break;
    case 'mitigations':
      need(!content.mitigations?.items.length, 'items', 'Add at least one mitigation');
      break;
    case 'oversight':
      need(blank(content.oversight?.description), 'description', 'Describe the human oversight');
      break;
    case 'transparency':
      need(blank(content.transparency?.description), 'description', 'Describe how affected persons are informed');
      break;
    case 'dataProtection':
      for (const d of dppIds) need(blank(content.dataProtection?.[d]?.how), `${d}.how`, `Say how the system meets ${d}`);
      break;
    case 'consultation':
      need(!content.consultation?.items.length, 'items', 'Record who was consulted');
      break;
    case 'residual':
      need(blank(content.residual?.description), 'description', 'Describe the residual impact');
      need(content.residual?.severity === undefined, 'severity', 'Rate the residual severity from 1 to 5');
      need(content.residual?.likelihood === undefined, 'likelihood', 'Rate the residual likelihood from 1 to 5');
      break;
    case 'conclusion':
      need(!content.conclusion?.decision, 'decision', 'Choose proceed, proceed with conditions or do not proceed');
      need(
        content.conclusion?.decision === 'proceed_with_conditions' && blank(content.conclusion.conditions),
        'conditions',
        'List the conditions',
      );
      break;
    default: {
      const never: never = id;
      throw new Error(`unknown section ${String(never)}`);
    }
  }
  return out;
}

/** The required sections that are not complete yet, in template order, with what each lacks. */
export function missingSections(content: ImpactContent): { sections: ImpactSectionId[]; fields: MissingField[] } {
  const fields = impactTemplate.filter((s) => s.required).flatMap((s) => sectionGaps(s.id, content));
  return { sections: [...new Set(fields.map((f) => f.section))], fields };
}

/** Stored content (jsonb) read back; it was validated on the way in, so a mismatch is returned as stored, not dropped. */
export function readContent(stored: unknown): ImpactContent {
  const parsed = impactContent.safeParse(stored ?? {});
  return parsed.success ? parsed.data : (stored as ImpactContent);
}
