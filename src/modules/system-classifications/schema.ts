import { z } from 'zod';
import '../../lib/zod-messages.js';
import { euAiActInput, euAiActResult, euTiers, hongKongInput, hongKongResult, pcpdRiskLevels } from '../classification/schema.js';

/** Contracts of a system's stored classification: the wizard's answers, the results and the rules versions. */
export const classifySystemInput = z.strictObject({
  eu: euAiActInput,
  hk: hongKongInput.optional(),
});
export type ClassifySystemInput = z.input<typeof classifySystemInput>;

export const classificationView = z.object({
  id: z.string(),
  systemId: z.string(),
  rulesVersion: z.string(),
  tier: z.enum(euTiers),
  eu: z.object({ answers: z.record(z.string(), z.unknown()), result: euAiActResult }),
  hk: z.object({ answers: z.record(z.string(), z.unknown()), result: hongKongResult }).nullable(),
  classifiedBy: z.string(),
  classifiedAt: z.string(),
});
export type ClassificationView = z.infer<typeof classificationView>;

export const classificationState = z.object({
  current: classificationView.nullable(),
  /** answers read from the register, to start the wizard with (a person confirms each) */
  suggestedAnswers: z.object({ eu: z.record(z.string(), z.unknown()), hk: z.record(z.string(), z.unknown()) }),
  /** which register facts each suggested answer came from */
  suggestionReasons: z.array(z.object({ answer: z.string(), reason: z.string() })),
  history: z.array(
    z.object({ id: z.string(), tier: z.enum(euTiers), rulesVersion: z.string(), classifiedBy: z.string(), classifiedAt: z.string() }),
  ),
  nextReviewDate: z.string().nullable(),
  can: z.object({ classify: z.boolean() }),
});
export type ClassificationState = z.infer<typeof classificationState>;

export const classifiedSystem = z.object({
  systemId: z.string(),
  name: z.string(),
  tier: z.enum(euTiers).nullable(),
  indicativeTier: z.enum(['prohibited', 'high', 'limited', 'minimal']).nullable(),
  basis: z.array(z.string()),
  pcpdRiskLevel: z.enum(pcpdRiskLevels).nullable(),
  classifiedAt: z.string().nullable(),
  nextReviewDate: z.string().nullable(),
  reviewOverdue: z.boolean(),
});
export type ClassifiedSystem = z.infer<typeof classifiedSystem>;

export const classificationOverview = z.object({
  items: z.array(classifiedSystem),
  counts: z.record(z.string(), z.number()),
  overdue: z.number(),
  unclassified: z.number(),
});
export type ClassificationOverview = z.infer<typeof classificationOverview>;
