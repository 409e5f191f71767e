import { z } from 'zod';
import '../../lib/zod-messages.js';
import { bilingual } from '../frameworks/schema.js';
import { orgIdParams } from '../orgs/schema.js';
import { assessmentLanguages, questionTypes } from './questionnaire.js';

/** Contracts of vendor due-diligence questionnaires: internal API and the vendor's tokenised link. */
export const assessmentStatuses = ['draft', 'sent', 'submitted', 'reviewed', 'expired'] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];

export const LINK_DEFAULT_DAYS = 14;
export const LINK_MAX_DAYS = 60;
export const answerLimits = { comment: 2000, values: 50, value: 60 } as const;

const answerValue = z.string().trim().min(1).max(answerLimits.value);
export const answerInput = z
  .object({
    value: z.union([answerValue, z.array(answerValue).max(answerLimits.values)]),
    comment: z.string().trim().max(answerLimits.comment).nullish(),
  })
  .strict();
/** Answers by question id; checked against the questionnaire by the service (options, single vs multi, regions). */
export const answersInput = z.record(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Not a question id'), answerInput);

export const createAssessmentInput = z
  .object({
    templateId: z.string().trim().min(1).max(40).default('ai-vendor-due-diligence'),
    language: z.enum(assessmentLanguages).default('en'),
    answers: answersInput.default({}),
  })
  .strict();
export type CreateAssessmentInput = z.input<typeof createAssessmentInput>;

export const updateAssessmentInput = z
  .object({ answers: answersInput, language: z.enum(assessmentLanguages).optional(), version: z.number().int().positive().optional() })
  .strict();
export type UpdateAssessmentInput = z.input<typeof updateAssessmentInput>;

export const sendAssessmentInput = z
  .object({
    expiresInDays: z.number().int().min(1).max(LINK_MAX_DAYS).default(LINK_DEFAULT_DAYS),
    recipientEmail: z
      .email('Enter a valid e-mail address')
      .max(254)
      .nullish()
      .transform((v) => v ?? null),
  })
  .strict();
export type SendAssessmentInput = z.input<typeof sendAssessmentInput>;

export const reviewAssessmentInput = z.object({ version: z.number().int().positive().optional() }).strict();
export type ReviewAssessmentInput = z.input<typeof reviewAssessmentInput>;

export const dueQuery = z.object({ withinDays: z.coerce.number().int().min(0).max(3650).default(30) });
export type DueQuery = z.infer<typeof dueQuery>;

export const answerView = z.object({ value: z.union([z.string(), z.array(z.string())]), comment: z.string().nullable() });

export const assessmentView = z.object({
  id: z.string(),
  vendor: z.object({ id: z.string(), name: z.string() }),
  templateId: z.string(),
  templateVersion: z.string(),
  language: z.enum(assessmentLanguages),
  status: z.enum(assessmentStatuses),
  answers: z.record(z.string(), answerView),
  /** files the vendor attached through the link, as evidence items */
  attachments: z.array(z.string()),
  score: z.number().nullable(),
  tier: z.string().nullable(),
  /** the score and tier the current answers give (before review fixes them) */
  preview: z.object({
    score: z.number(),
    tier: z.string(),
    knockouts: z.array(z.object({ questionId: z.string(), minimumTier: z.string() })),
    unanswered: z.array(z.string()),
  }),
  link: z.object({
    expiresAt: z.string().nullable(),
    usedAt: z.string().nullable(),
    recipientEmail: z.string().nullable(),
    sentBy: z.string().nullable(),
  }),
  submittedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  nextAssessmentDate: z.string().nullable(),
  evidenceId: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ update: z.boolean() }),
});
export type AssessmentView = z.infer<typeof assessmentView>;

export const assessmentList = z.object({ items: z.array(assessmentView) });
export type AssessmentList = z.infer<typeof assessmentList>;

/** The link is shown once: only its SHA-256 is stored. */
export const sentAssessmentView = z.object({
  assessment: assessmentView,
  /** the path of the web page the vendor opens, with the token */
  link: z.string(),
  token: z.string(),
  expiresAt: z.string(),
});
export type SentAssessmentView = z.infer<typeof sentAssessmentView>;

export const dueVendor = z.object({
  vendor: z.object({ id: z.string(), name: z.string() }),
  /** the latest reviewed assessment, if any */
  lastAssessmentId: z.string().nullable(),
  lastReviewedAt: z.string().nullable(),
  tier: z.string().nullable(),
  nextAssessmentDate: z.string().nullable(),
  reason: z.enum(['never_assessed', 'overdue', 'due_soon']),
});
export const dueList = z.object({ items: z.array(dueVendor) });
export type DueList = z.infer<typeof dueList>;

export const localizedQuestion = z.object({
  id: z.string(),
  topic: z.string(),
  type: z.enum(questionTypes),
  weight: z.number(),
  text: z.string(),
  help: z.string().nullable(),
  evidenceRequested: z.string().nullable(),
  options: z.array(z.object({ id: z.string(), label: z.string() })),
});

export const questionnaireSummary = z.object({
  id: z.string(),
  version: z.string(),
  title: bilingual,
  intro: bilingual,
  topics: z.array(z.object({ id: z.string(), title: bilingual })),
  scoring: z.object({
    unansweredRisk: z.number(),
    tiers: z.array(z.object({ tier: z.string(), minScore: z.number(), reassessMonths: z.number() })),
  }),
  questions: z.array(
    z.object({
      id: z.string(),
      topic: z.string(),
      type: z.enum(questionTypes),
      weight: z.number(),
      text: bilingual,
      help: bilingual.nullable(),
      evidenceRequested: bilingual.nullable(),
      options: z.array(z.object({ id: z.string(), label: bilingual, risk: z.number() })),
      knockout: z.object({ options: z.array(z.string()), minimumTier: z.string() }).nullable(),
    }),
  ),
});
export const questionnaireList = z.object({ items: z.array(questionnaireSummary) });
export type QuestionnaireList = z.infer<typeof questionnaireList>;

/** What the vendor sees through the link: its own questionnaire in the chosen language, nothing else. */
export const vendorLinkView = z.object({
  vendorName: z.string(),
  orgName: z.string(),
  language: z.enum(assessmentLanguages),
  title: z.string(),
  intro: z.string(),
  topics: z.array(z.object({ id: z.string(), title: z.string() })),
  questions: z.array(localizedQuestion),
  regions: z.array(z.object({ code: z.string(), label: z.string() })),
  answers: z.record(z.string(), answerView),
  attachments: z.number(),
  expiresAt: z.string(),
});
export type VendorLinkView = z.infer<typeof vendorLinkView>;

export const vendorLinkSubmit = z.object({ answers: answersInput }).strict();
export type VendorLinkSubmit = z.input<typeof vendorLinkSubmit>;
export const vendorLinkParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'Not a questionnaire link') });
export const vendorLinkResult = z.object({ submittedAt: z.string().nullable(), attachments: z.number() });
export type VendorLinkResult = z.infer<typeof vendorLinkResult>;

export const vendorAssessmentParams = orgIdParams;
