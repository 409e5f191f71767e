import { z } from 'zod';
import '../../lib/zod-messages.js';
import { optionalText } from '../../lib/text-fields.js';

/** Contracts of the vendor register (basic; vendor assessments come later). */
export const vendorLimits = { name: 200, text: 300, notes: 4000, listItem: 200, listItems: 50 } as const;

const textList = z
  .array(z.string().trim().min(1, 'Empty entries are not allowed').max(vendorLimits.listItem))
  .max(vendorLimits.listItems, `At most ${vendorLimits.listItems} entries`)
  .transform((items) => [...new Set(items)]);

const fields = {
  name: z.string().trim().min(1, 'Name is required').max(vendorLimits.name),
  website: z
    .url({ protocol: /^https?$/, message: 'Use a web address starting with https://' })
    .max(vendorLimits.text)
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v ?? null),
  products: textList,
  aiFeatures: textList,
  headquartersCountry: optionalText(100),
  dataProcessingRegions: textList,
  contactName: optionalText(vendorLimits.text),
  contactEmail: z
    .email('Enter a valid e-mail address')
    .max(254)
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v ?? null),
  notes: optionalText(vendorLimits.notes),
};

export const createVendorInput = z.object({
  ...fields,
  website: fields.website.default(null),
  products: fields.products.default([]),
  aiFeatures: fields.aiFeatures.default([]),
  headquartersCountry: fields.headquartersCountry.default(null),
  dataProcessingRegions: fields.dataProcessingRegions.default([]),
  contactName: fields.contactName.default(null),
  contactEmail: fields.contactEmail.default(null),
  notes: fields.notes.default(null),
});
export type CreateVendorInput = z.input<typeof createVendorInput>;
export type VendorData = z.output<typeof createVendorInput>;

export const updateVendorInput = z
  .object(fields)
  .partial()
  .extend({
    /** the version the editor started from; a stale one answers 409 */
    version: z.number().int().positive().optional(),
  })
  .strict();
export type UpdateVendorInput = z.input<typeof updateVendorInput>;

export const vendorListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
  sort: z.enum(['name', 'updatedAt', 'createdAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type VendorListQuery = z.infer<typeof vendorListQuery>;

export const vendorView = z.object({
  id: z.string(),
  name: z.string(),
  website: z.string().nullable(),
  products: z.array(z.string()),
  aiFeatures: z.array(z.string()),
  headquartersCountry: z.string().nullable(),
  dataProcessingRegions: z.array(z.string()),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  notes: z.string().nullable(),
  /** live AI systems linked to this vendor */
  systemCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  can: z.object({ update: z.boolean(), archive: z.boolean() }),
});
export type VendorView = z.infer<typeof vendorView>;

export const vendorPage = z.object({
  items: z.array(vendorView),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});
export type VendorPage = z.infer<typeof vendorPage>;
