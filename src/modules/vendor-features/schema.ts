import { z } from 'zod';
import '../../lib/zod-messages.js';
import { calendarDate } from '../../lib/calendar.js';
import { optionalText } from '../../lib/text-fields.js';

/** Contracts of AI features inside vendors' products (e.g. an AI add-on switched on in a CRM). */
const fields = {
  product: z.string().trim().min(1, 'Name the product').max(200),
  feature: z.string().trim().min(1, 'Name the feature').max(200),
  enabled: z.boolean(),
  enabledBy: optionalText(200),
  enabledOn: calendarDate()
    .nullish()
    .transform((v) => v ?? null),
  /** the inventory entry this feature is: a live AI system of the organisation */
  systemId: z
    .uuid('Not a valid id')
    .nullish()
    .transform((v) => v ?? null),
  /** the AI service catalogue entry, when discovery recognised it */
  catalogId: optionalText(100),
  notes: optionalText(4000),
};

export const createFeatureInput = z
  .object({
    ...fields,
    enabled: fields.enabled.default(true),
    enabledBy: fields.enabledBy.default(null),
    enabledOn: fields.enabledOn.default(null),
    systemId: fields.systemId.default(null),
    catalogId: fields.catalogId.default(null),
    notes: fields.notes.default(null),
  })
  .strict();
export type CreateFeatureInput = z.input<typeof createFeatureInput>;

export const updateFeatureInput = z.object(fields).partial().extend({ version: z.number().int().positive().optional() }).strict();
export type UpdateFeatureInput = z.input<typeof updateFeatureInput>;

export const featureListQuery = z.object({ archived: z.enum(['exclude', 'include', 'only']).default('exclude') });
export type FeatureListQuery = z.infer<typeof featureListQuery>;

export const featureView = z.object({
  id: z.string(),
  vendor: z.object({ id: z.string(), name: z.string() }),
  product: z.string(),
  feature: z.string(),
  enabled: z.boolean(),
  enabledBy: z.string().nullable(),
  enabledOn: z.string().nullable(),
  system: z.object({ id: z.string(), name: z.string() }).nullable(),
  catalogId: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  can: z.object({ update: z.boolean() }),
});
export type FeatureView = z.infer<typeof featureView>;
export const featureList = z.object({ items: z.array(featureView) });
export type FeatureList = z.infer<typeof featureList>;
