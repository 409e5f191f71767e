import { z } from 'zod';
import '../../lib/zod-messages.js';
import { optionalText } from '../../lib/text-fields.js';
import { bilingual } from '../frameworks/schema.js';
import { dataCategories } from '../systems/schema.js';
import { residencyRegions } from './regions.js';

/** Contracts of the data-residency policy and its check. */
export const policyCategories = dataCategories.filter((c) => c !== 'none');
/** With no categories named, the policy covers these: the personal ones. */
export const personalCategories = ['personal', 'sensitive_personal', 'childrens', 'biometric'] as const;

const uniqueList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .transform((items) => [...new Set(items)]);

export const residencyPolicyInput = z
  .object({
    allowedRegions: z
      .array(z.enum(residencyRegions))
      .min(1, 'Allow at least one region')
      .max(residencyRegions.length)
      .transform((items) => [...new Set(items)]),
    dataCategories: uniqueList(z.enum(policyCategories as [string, ...string[]]), policyCategories.length).default([]),
    note: optionalText(2000).default(null),
    version: z.number().int().positive().optional(),
  })
  .strict();
export type ResidencyPolicyInput = z.input<typeof residencyPolicyInput>;

export const residencyPolicyView = z.object({
  /** false until the organisation saves a policy; then violations are checked */
  configured: z.boolean(),
  allowedRegions: z.array(z.enum(residencyRegions)),
  dataCategories: z.array(z.string()),
  note: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string().nullable(),
  regions: z.array(z.object({ code: z.enum(residencyRegions), label: bilingual, short: z.string() })),
  can: z.object({ update: z.boolean() }),
});
export type ResidencyPolicyView = z.infer<typeof residencyPolicyView>;

export const violationKinds = ['region_not_allowed', 'no_region_stated', 'unknown_region'] as const;
export type ViolationKind = (typeof violationKinds)[number];

export const residencyViolation = z.object({
  subject: z.enum(['system', 'vendor']),
  id: z.string(),
  name: z.string(),
  kind: z.enum(violationKinds),
  /** the region code, or null when none is stated or the text names no known region */
  region: z.enum(residencyRegions).nullable(),
  /** the vendor's own wording of the region, when it was free text */
  regionText: z.string().nullable(),
  dataCategories: z.array(z.string()),
  /** the systems that bring the data to this vendor (for a vendor), or the system itself */
  systems: z.array(z.object({ id: z.string(), name: z.string() })),
  reason: bilingual,
});
export type ResidencyViolation = z.infer<typeof residencyViolation>;

export const residencyViolations = z.object({
  configured: z.boolean(),
  allowedRegions: z.array(z.enum(residencyRegions)),
  items: z.array(residencyViolation),
});
export type ResidencyViolations = z.infer<typeof residencyViolations>;
