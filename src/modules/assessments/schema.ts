import { z } from 'zod';
import '../../lib/zod-messages.js';
import { optionalText } from '../../lib/text-fields.js';
import { calendarDate } from '../../lib/calendar.js';
import { controlStatuses, personRef } from '../controls/schema.js';
import { aimsComponents, bilingual } from '../frameworks/schema.js';
import { orgIdParams } from '../orgs/schema.js';

/** Contracts of assessments: a framework assessed for the organisation or for one AI system, requirement by requirement. */
export const itemStatuses = ['not_assessed', 'not_applicable', 'gap', 'partially_met', 'met'] as const;
export type ItemStatus = (typeof itemStatuses)[number];
export const assessmentStatuses = ['in_progress', 'completed'] as const;

export const limits = { title: 200, text: 4000 } as const;

export const createAssessmentInput = z.object({
  framework: z.string().trim().min(1).max(64),
  title: z.string().trim().min(1).max(limits.title).optional(),
  /** assess one AI system (e.g. the EU AI Act obligations of a high-risk system); omitted: the whole organisation */
  systemId: z.uuid().nullable().optional(),
});
export type CreateAssessmentInput = z.input<typeof createAssessmentInput>;

export const updateAssessmentInput = z
  .object({ title: z.string().trim().min(1).max(limits.title), status: z.enum(assessmentStatuses), version: z.number().int().positive() })
  .partial();
export type UpdateAssessmentInput = z.input<typeof updateAssessmentInput>;

/** The editable fields of one requirement's assessment. */
const itemChanges = z.object({
  /** setting a status by hand overrides the status derived from linked controls (recorded in the audit trail) */
  status: z.enum(itemStatuses),
  /** "derived" hands the status back to the linked controls */
  statusSource: z.enum(['derived', 'manual']),
  overrideReason: optionalText(limits.text),
  justification: optionalText(limits.text),
  maturity: z.number().int().min(0).max(5).nullable(),
  notes: optionalText(limits.text),
  gapDescription: optionalText(limits.text),
  ownerId: z.uuid().nullable(),
  dueDate: calendarDate().nullable(),
});

export const updateItemInput = itemChanges.partial().extend({ version: z.number().int().positive().optional() });
export type UpdateItemInput = z.input<typeof updateItemInput>;

export const bulkUpdateItemsInput = z.object({
  requirementIds: z.array(z.string().trim().min(1).max(64)).min(1).max(1000),
  changes: itemChanges
    .pick({ status: true, statusSource: true, justification: true, maturity: true, ownerId: true, dueDate: true })
    .partial(),
});
export type BulkUpdateItemsInput = z.input<typeof bulkUpdateItemsInput>;

export const itemParams = orgIdParams.extend({ requirement: z.string().min(1).max(64) });

export const itemListQuery = z.object({
  status: z.enum(itemStatuses).optional(),
  owner: z.uuid().optional(),
  component: z.enum(aimsComponents).optional(),
  q: z.string().trim().max(200).optional(),
});
export type ItemListQuery = z.infer<typeof itemListQuery>;

export const statusCounts = z.object(Object.fromEntries(itemStatuses.map((s) => [s, z.number()])) as Record<ItemStatus, z.ZodNumber>);
export type StatusCounts = z.infer<typeof statusCounts>;

/**
 * completion: share of requirements assessed (any status but not_assessed); compliance: (met + ½ partially met) over
 * the applicable requirements (all but not_applicable), or null when none is applicable.
 */
export const progressFigures = z.object({
  total: z.number(),
  counts: statusCounts,
  completion: z.number(),
  compliance: z.number().nullable(),
});
export type ProgressFigures = z.infer<typeof progressFigures>;

export const progressView = z.object({
  overall: progressFigures,
  byClause: z.array(progressFigures.extend({ id: z.string(), title: bilingual })),
  byComponent: z.array(progressFigures.extend({ component: z.enum(aimsComponents) })),
});
export type ProgressView = z.infer<typeof progressView>;

export const assessmentSummary = z.object({
  id: z.string(),
  framework: z.string(),
  frameworkVersion: z.string(),
  frameworkTitle: bilingual,
  title: z.string(),
  system: z.object({ id: z.string(), name: z.string() }).nullable(),
  status: z.enum(assessmentStatuses),
  progress: progressFigures,
  version: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ update: z.boolean() }),
});
export type AssessmentSummary = z.infer<typeof assessmentSummary>;

export const assessmentItemView = z.object({
  id: z.string(),
  requirementId: z.string(),
  parent: z.string().nullable(),
  title: bilingual,
  components: z.array(z.enum(aimsComponents)),
  weight: z.number(),
  status: z.enum(itemStatuses),
  statusSource: z.enum(['derived', 'manual']),
  /** what the linked controls alone would say */
  derivedStatus: z.enum(itemStatuses),
  overrideReason: z.string().nullable(),
  justification: z.string().nullable(),
  maturity: z.number().nullable(),
  notes: z.string().nullable(),
  gapDescription: z.string().nullable(),
  owner: personRef.nullable(),
  dueDate: z.string().nullable(),
  controls: z.array(z.object({ id: z.string(), name: z.string(), status: z.enum(controlStatuses) })),
  evidenceCount: z.number(),
  actionCount: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});
export type AssessmentItemView = z.infer<typeof assessmentItemView>;

export const assessmentDetail = assessmentSummary.extend({ items: z.array(assessmentItemView), breakdown: progressView });
export type AssessmentDetail = z.infer<typeof assessmentDetail>;

export const assessmentPage = z.object({ items: z.array(assessmentSummary) });

/** The organisation's progress on every framework it assesses (the dashboard and the benchmark's subject). */
export const orgProgressView = z.object({
  frameworks: z.array(
    z.object({
      framework: z.string(),
      title: bilingual,
      assessments: z.array(z.object({ id: z.string(), title: z.string(), system: z.string().nullable(), progress: progressFigures })),
      progress: progressView,
    }),
  ),
});
export type OrgProgressView = z.infer<typeof orgProgressView>;

export const orgCoverageQuery = z.object({
  /** the framework to cover */
  framework: z.string().min(1).max(64),
  /** the framework whose assessed work counts */
  from: z.string().min(1).max(64),
});
