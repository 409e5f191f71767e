import { z } from 'zod';
import '../../lib/zod-messages.js';
import { orgIdParams } from '../orgs/schema.js';
import { impactContent, type ImpactSectionId } from './template.js';

/** Contracts of AI system impact assessments (ISO/IEC 42001 6.1.4, 8.4, A.5). The template is in template.ts. */
export {
  conclusionDecisions,
  dppIds,
  harmDimensions,
  impactContent,
  impactLimits,
  impactTemplate,
  type ImpactContent,
  type ImpactSection,
  type ImpactSectionId,
} from './template.js';

export const impactStatuses = ['draft', 'in_review', 'approved'] as const;
export type ImpactStatus = (typeof impactStatuses)[number];
/** the status of a system's assessment as the register shows it */
export const impactCurrentStatuses = ['none', 'draft', 'in_review', 'approved', 'needs_reassessment'] as const;
export type ImpactCurrentStatus = (typeof impactCurrentStatuses)[number];
export const signoffSteps = ['system_owner', 'governance_lead'] as const;
export type SignoffStep = (typeof signoffSteps)[number];
export const signoffDecisions = ['approve', 'reject'] as const;
export const impactExportFormats = ['docx', 'pdf'] as const;
export const impactLocales = ['en', 'zh-HK'] as const;
export const requiredReasonCodes = ['high_risk', 'decides_about_individuals'] as const;

export const impactParams = orgIdParams;

export const createImpactInput = z.strictObject({ systemId: z.uuid('Not a valid id') });
export type CreateImpactInput = z.input<typeof createImpactInput>;

/** Sections given replace the stored ones; `null` clears a section; sections not given stay as they are. */
const contentPatch = z.strictObject(
  Object.fromEntries(Object.entries(impactContent.shape).map(([k, v]) => [k, v.unwrap().nullable().optional()])) as {
    [K in ImpactSectionId]: z.ZodOptional<z.ZodNullable<ReturnType<(typeof impactContent.shape)[K]['unwrap']>>>;
  },
);

export const updateImpactInput = z.strictObject({
  content: contentPatch,
  /** the version the editor started from; a stale one answers 409 */
  version: z.number().int().positive().optional(),
});
export type UpdateImpactInput = z.input<typeof updateImpactInput>;

export const signoffInput = z.strictObject({
  step: z.enum(signoffSteps),
  decision: z.enum(signoffDecisions),
  note: z.string().trim().max(2000, 'At most 2000 characters').optional(),
});
export type SignoffInput = z.input<typeof signoffInput>;

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const impactListQuery = z.object({
  status: z.enum(impactStatuses).optional(),
  systemId: z.uuid('Not a valid id').optional(),
  needsReassessment: flag,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ImpactListQuery = z.infer<typeof impactListQuery>;

export const impactExportQuery = z.object({
  format: z.enum(impactExportFormats).default('docx'),
  lang: z.enum(impactLocales).default('en'),
});
export type ImpactExportQuery = z.infer<typeof impactExportQuery>;

const systemRef = z.object({ id: z.string(), name: z.string() });
const person = z.object({ id: z.string(), name: z.string() });

export const impactSummary = z.object({
  id: z.string(),
  system: systemRef,
  versionNo: z.number(),
  status: z.enum(impactStatuses),
  needsReassessment: z.boolean(),
  reassessmentReason: z.string().nullable(),
  createdBy: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export type ImpactSummary = z.infer<typeof impactSummary>;

export const impactPage = z.object({ items: z.array(impactSummary), total: z.number(), limit: z.number(), offset: z.number() });
export type ImpactPage = z.infer<typeof impactPage>;

export const impactVersionList = z.object({ system: systemRef, items: z.array(impactSummary) });
export type ImpactVersionList = z.infer<typeof impactVersionList>;

export const signoffView = z.object({
  id: z.string(),
  step: z.enum(signoffSteps),
  userId: z.string().nullable(),
  signerName: z.string(),
  decision: z.enum(signoffDecisions),
  note: z.string().nullable(),
  signedAt: z.string(),
});
export type SignoffView = z.infer<typeof signoffView>;

export const signoffStepView = z.object({
  step: z.enum(signoffSteps),
  /** in the current review round: pending until someone decides */
  state: z.enum(['pending', 'approved', 'rejected']),
  signoff: signoffView.nullable(),
  /** the members who may sign this step */
  signers: z.array(person),
});
export type SignoffStepView = z.infer<typeof signoffStepView>;

export const impactView = impactSummary.extend({
  content: impactContent,
  /** required sections not complete yet (submitting needs none) */
  missingSections: z.array(z.string()),
  /** the system's purpose, models or data categories differ from when this version was started or submitted */
  systemChanged: z.boolean(),
  steps: z.array(signoffStepView),
  /** every sign-off of this version, oldest first, across review rounds */
  signoffs: z.array(signoffView),
  /** the latest rejection when the assessment went back to draft */
  rejection: signoffView.nullable(),
  can: z.object({
    update: z.boolean(),
    submit: z.boolean(),
    signoff: z.object({ system_owner: z.boolean(), governance_lead: z.boolean() }),
    newVersion: z.boolean(),
  }),
});
export type ImpactView = z.infer<typeof impactView>;

export const requiredItem = z.object({
  system: systemRef,
  required: z.boolean(),
  reasons: z.array(z.enum(requiredReasonCodes)),
  /** the newest EU AI Act classification tier, or null when never classified */
  tier: z.string().nullable(),
  status: z.enum(impactCurrentStatuses),
  /** the newest version of the system's assessment */
  assessmentId: z.string().nullable(),
  versionNo: z.number().nullable(),
});
export type RequiredItem = z.infer<typeof requiredItem>;

export const requiredList = z.object({ items: z.array(requiredItem) });
export type RequiredList = z.infer<typeof requiredList>;
