import { z } from 'zod';
import '../../lib/zod-messages.js';
import { calendarDate } from '../../lib/calendar.js';
import { optionalText } from '../../lib/text-fields.js';
import { orgIdParams } from '../orgs/schema.js';

/** Contracts of the AI risk register (ISO/IEC 42001 6.1.2, 6.1.3, 8.2, 8.3), shared with the web app. */
export const riskStatuses = ['identified', 'assessed', 'treated', 'accepted', 'closed'] as const;
export type RiskStatus = (typeof riskStatuses)[number];
/** Statuses a person may set directly; `accepted` is reached only through the acceptance route. */
export const settableStatuses = ['identified', 'assessed', 'treated', 'closed'] as const;
export const treatments = ['mitigate', 'accept', 'transfer', 'avoid'] as const;
export type Treatment = (typeof treatments)[number];
/** Treatments that need a written justification (mitigation is justified by its linked controls). */
export const justifiedTreatments: readonly Treatment[] = ['accept', 'transfer', 'avoid'];
export const bandKeys = ['low', 'medium', 'high', 'critical'] as const;
export type BandKey = (typeof bandKeys)[number];
/** EU AI Act tiers, as the classifier names them. */
export const riskTiers = ['prohibited', 'high', 'limited', 'minimal', 'out_of_scope'] as const;
export const matrixSize = { min: 3, max: 6 } as const;
export const riskLimits = { title: 300, text: 4000, label: 100 } as const;

export const bilingual = z.object({
  en: z.string().trim().min(1, 'Required').max(riskLimits.label),
  'zh-HK': z.string().trim().min(1, 'Required').max(riskLimits.label),
});
export type Bilingual = z.infer<typeof bilingual>;

const level = z.object({ label: bilingual });
const levels = z
  .array(level)
  .min(matrixSize.min, `At least ${matrixSize.min} levels`)
  .max(matrixSize.max, `At most ${matrixSize.max} levels`);

export const riskBand = z.object({
  key: z.enum(bandKeys),
  name: bilingual,
  /** the lowest score in the band; the band runs up to the next band's minimum */
  minScore: z
    .number()
    .int()
    .min(1)
    .max(matrixSize.max * matrixSize.max),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #d9480f'),
});
export type RiskBand = z.infer<typeof riskBand>;

/** Likelihood × impact; level n is the n-th entry (1-based). The four bands, in order, with rising minimums. */
export const riskMatrix = z.object({
  likelihood: levels,
  impact: levels,
  bands: z.array(riskBand).length(bandKeys.length, `Give the ${bandKeys.length} bands: ${bandKeys.join(', ')}`),
});
export type RiskMatrix = z.infer<typeof riskMatrix>;

/** The organisation's risk criteria (clause 6.1.1): what may be accepted, and by whom above that. */
export const riskCriteria = z.object({
  acceptableMaxScore: z
    .number()
    .int()
    .min(1)
    .max(matrixSize.max * matrixSize.max),
  /** above the maximum: nobody may accept, or a holder of risk.accept with a written note */
  aboveMaximum: z.enum(['nobody', 'with_note']),
  statement: z.string().trim().max(riskLimits.text),
});
export type RiskCriteria = z.infer<typeof riskCriteria>;

const months = z.number().int().min(1, 'At least 1 month').max(60, 'At most 60 months');
/** Months between reviews by EU AI Act tier (read by the review cadence). */
export const reviewCadence = z.object(
  Object.fromEntries(riskTiers.map((t) => [t, months])) as Record<(typeof riskTiers)[number], typeof months>,
);
export type ReviewCadence = z.infer<typeof reviewCadence>;

export type RiskSettingsData = {
  matrix: RiskMatrix;
  criteria: RiskCriteria;
  reviewCadence: ReviewCadence;
};

/** Rules across the settings' fields: bands start at 1 and rise in order, everything fits the matrix. */
export function settingsIssues(s: RiskSettingsData): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const maxScore = s.matrix.likelihood.length * s.matrix.impact.length;
  s.matrix.bands.forEach((b, i) => {
    if (b.key !== bandKeys[i]) issues.push({ path: `matrix.bands.${i}.key`, message: `Band ${i + 1} must be "${bandKeys[i]}"` });
    if (i === 0 && b.minScore !== 1) issues.push({ path: `matrix.bands.0.minScore`, message: 'The lowest band starts at score 1' });
    const prev = s.matrix.bands[i - 1];
    if (prev && b.minScore <= prev.minScore) {
      issues.push({ path: `matrix.bands.${i}.minScore`, message: `Must be above the previous band's minimum (${prev.minScore})` });
    }
    if (b.minScore > maxScore) issues.push({ path: `matrix.bands.${i}.minScore`, message: `The highest score is ${maxScore}` });
  });
  if (s.criteria.acceptableMaxScore > maxScore) {
    issues.push({ path: 'criteria.acceptableMaxScore', message: `The highest score on this matrix is ${maxScore}` });
  }
  return issues;
}

export const riskSettingsInput = z
  .object({
    matrix: riskMatrix,
    criteria: riskCriteria,
    reviewCadence,
    /** the version the editor started from (0: the defaults); a stale one answers 409 */
    version: z.number().int().min(0).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const i of settingsIssues(v)) ctx.addIssue({ code: 'custom', path: i.path.split('.'), message: i.message });
  });
export type RiskSettingsInput = z.input<typeof riskSettingsInput>;

export const riskSettingsView = z.object({
  matrix: riskMatrix,
  criteria: riskCriteria,
  reviewCadence,
  maxScore: z.number(),
  /** 0 while the organisation uses the defaults */
  version: z.number(),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  can: z.object({ configure: z.boolean() }),
});
export type RiskSettingsView = z.infer<typeof riskSettingsView>;

/* ---------- risks ---------- */

const score = z.number().int().min(1).max(matrixSize.max);
const nullableScore = score.nullish().transform((v) => v ?? null);
const annexCId = z
  .string()
  .trim()
  .max(20)
  .nullish()
  .transform((v) => (v ? v : null));

const fields = {
  /** null: an organisation-wide risk */
  systemId: z
    .uuid('Choose a system')
    .nullish()
    .transform((v) => v ?? null),
  title: z.string().trim().min(1, 'Title is required').max(riskLimits.title),
  description: optionalText(riskLimits.text),
  /** ISO/IEC 42001 Annex C risk source, e.g. C.3.3 */
  riskSource: annexCId,
  /** ISO/IEC 42001 Annex C organisational objective, e.g. C.2.7 */
  objective: annexCId,
  likelihood: score,
  impact: score,
  treatment: z
    .enum(treatments)
    .nullish()
    .transform((v) => v ?? null),
  treatmentJustification: optionalText(riskLimits.text),
  residualLikelihood: nullableScore,
  residualImpact: nullableScore,
  ownerId: z
    .uuid('Choose a person')
    .nullish()
    .transform((v) => v ?? null),
  reviewDate: calendarDate()
    .nullish()
    .transform((v) => v ?? null),
  status: z.enum(settableStatuses),
};

export const createRiskInput = z
  .object({
    ...fields,
    systemId: fields.systemId.default(null),
    description: fields.description.default(null),
    riskSource: fields.riskSource.default(null),
    objective: fields.objective.default(null),
    treatment: fields.treatment.default(null),
    treatmentJustification: fields.treatmentJustification.default(null),
    residualLikelihood: fields.residualLikelihood.default(null),
    residualImpact: fields.residualImpact.default(null),
    ownerId: fields.ownerId.default(null),
    reviewDate: fields.reviewDate.default(null),
    status: fields.status.default('identified'),
  })
  .strict();
export type CreateRiskInput = z.input<typeof createRiskInput>;
export type RiskData = z.output<typeof createRiskInput>;

export const updateRiskInput = z.object(fields).partial().extend({ version: z.number().int().positive().optional() }).strict();
export type UpdateRiskInput = z.input<typeof updateRiskInput>;

export const acceptRiskInput = z.object({ note: optionalText(riskLimits.text).default(null) }).strict();
export type AcceptRiskInput = z.input<typeof acceptRiskInput>;

export const linkControlsInput = z
  .object({ controlIds: z.array(z.uuid('Not a valid id')).max(100, 'At most 100 controls at a time') })
  .strict()
  .transform((v) => ({ controlIds: [...new Set(v.controlIds)] }));
export type LinkControlsInput = z.input<typeof linkControlsInput>;

export const riskControlParams = orgIdParams.extend({ controlId: z.uuid('Not a valid id') });

export const riskSortKeys = ['inherentScore', 'residualScore', 'updatedAt', 'reviewDate', 'title'] as const;
export type RiskSortKey = (typeof riskSortKeys)[number];

/** `system`: a system id, or "organisation" for organisation-wide risks. */
export const systemFilter = z.union([z.uuid(), z.literal('organisation')], { error: 'Use a system id or "organisation"' });

export const riskListQuery = z.object({
  system: systemFilter.optional(),
  status: z.enum(riskStatuses).optional(),
  owner: z.uuid().optional(),
  /** inherent band */
  band: z.enum(bandKeys).optional(),
  /** residual band (risks without residual values never match) */
  residualBand: z.enum(bandKeys).optional(),
  treatment: z.enum([...treatments, 'none']).optional(),
  /** one heatmap cell: inherent likelihood and impact */
  likelihood: z.coerce.number().int().min(1).max(6).optional(),
  impact: z.coerce.number().int().min(1).max(6).optional(),
  /** one cell of the residual heatmap */
  residualLikelihood: z.coerce.number().int().min(1).max(6).optional(),
  residualImpact: z.coerce.number().int().min(1).max(6).optional(),
  q: z.string().trim().max(200).optional(),
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
  sort: z.enum(riskSortKeys).default('inherentScore'),
  /** default: descending for scores and updatedAt, ascending for title and reviewDate */
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type RiskListQuery = z.infer<typeof riskListQuery>;

const ref = z.object({ id: z.string(), name: z.string() }).nullable();

export const riskListItem = z.object({
  id: z.string(),
  title: z.string(),
  system: ref,
  riskSource: z.string().nullable(),
  objective: z.string().nullable(),
  likelihood: z.number(),
  impact: z.number(),
  inherentScore: z.number(),
  inherentBand: z.enum(bandKeys),
  treatment: z.enum(treatments).nullable(),
  residualLikelihood: z.number().nullable(),
  residualImpact: z.number().nullable(),
  residualScore: z.number().nullable(),
  residualBand: z.enum(bandKeys).nullable(),
  owner: ref,
  reviewDate: z.string().nullable(),
  status: z.enum(riskStatuses),
  controlCount: z.number(),
  suggestionKey: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
});
export type RiskListItem = z.infer<typeof riskListItem>;

export const riskPage = z.object({ items: z.array(riskListItem), total: z.number(), limit: z.number(), offset: z.number() });
export type RiskPage = z.infer<typeof riskPage>;

export const riskView = riskListItem.extend({
  description: z.string().nullable(),
  treatmentJustification: z.string().nullable(),
  controls: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })),
  acceptance: z.object({ byId: z.string().nullable(), byName: z.string(), at: z.string(), note: z.string().nullable() }).nullable(),
  /** statuses this risk may move to with PATCH */
  nextStatuses: z.array(z.enum(settableStatuses)),
  createdAt: z.string(),
  can: z.object({ manage: z.boolean(), accept: z.boolean() }),
});
export type RiskView = z.infer<typeof riskView>;

/* ---------- heatmap and summary ---------- */

export const riskScopeQuery = z.object({ system: systemFilter.optional() });
export type RiskScopeQuery = z.infer<typeof riskScopeQuery>;

const byBand = z.object(Object.fromEntries(bandKeys.map((k) => [k, z.number()])) as Record<BandKey, z.ZodNumber>);
const cell = z.object({ likelihood: z.number(), impact: z.number(), score: z.number(), band: z.enum(bandKeys), count: z.number() });

export const riskHeatmap = z.object({
  matrix: riskMatrix,
  /** every open risk (not closed, not archived) at its likelihood × impact */
  inherent: z.object({ cells: z.array(cell), byBand, total: z.number() }),
  /** open risks with residual values at their residual likelihood × impact; the others are counted in withoutResidual */
  residual: z.object({ cells: z.array(cell), byBand, total: z.number(), withoutResidual: z.number() }),
  /** closed risks, in neither map */
  closed: z.number(),
});
export type RiskHeatmap = z.infer<typeof riskHeatmap>;

export const riskSummary = z.object({
  /** live risks (not archived), closed ones included */
  total: z.number(),
  byStatus: z.object(Object.fromEntries(riskStatuses.map((k) => [k, z.number()])) as Record<RiskStatus, z.ZodNumber>),
  /** open risks by inherent band */
  byInherentBand: byBand,
  /** open risks by current band: residual when recorded, else inherent */
  byCurrentBand: byBand,
  /** open risks whose current score is above the acceptable maximum and that are not accepted */
  aboveAcceptable: z.number(),
  /** open risks whose review date has passed */
  overdueReviews: z.number(),
  withoutOwner: z.number(),
});
export type RiskSummary = z.infer<typeof riskSummary>;

/* ---------- suggestions ---------- */

export const suggestionKeys = [
  'privacy-automated-decisions',
  'fairness-automated-decisions',
  'special-category-data',
  'supplier-model-change',
  'generative-misinformation',
  'cross-border-transfer',
  'oversight-out-of-loop',
  'transparency-affected-persons',
] as const;
export type SuggestionKey = (typeof suggestionKeys)[number];

export const riskSuggestion = z.object({
  key: z.enum(suggestionKeys),
  title: bilingual,
  description: z.object({ en: z.string(), 'zh-HK': z.string() }),
  riskSource: z.string(),
  objective: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  /** the register attributes that triggered it */
  facts: z.array(z.object({ field: z.string(), value: z.string() })),
});
export type RiskSuggestion = z.infer<typeof riskSuggestion>;

export const riskSuggestionList = z.object({ items: z.array(riskSuggestion), alreadyAdded: z.array(z.enum(suggestionKeys)) });
export type RiskSuggestionList = z.infer<typeof riskSuggestionList>;

export const acceptSuggestionsInput = z
  .object({
    keys: z.array(z.enum(suggestionKeys)).min(1, 'Choose at least one suggestion').max(suggestionKeys.length),
    /** the language of the new risks' titles and descriptions */
    lang: z.enum(['en', 'zh-HK']).default('en'),
  })
  .strict();
export type AcceptSuggestionsInput = z.input<typeof acceptSuggestionsInput>;

export const acceptSuggestionsResult = z.object({
  created: z.array(riskListItem),
  /** keys that were already in the register for this system */
  skipped: z.array(z.enum(suggestionKeys)),
});
export type AcceptSuggestionsResult = z.infer<typeof acceptSuggestionsResult>;
