import { z } from 'zod';
import '../../lib/zod-messages.js';
import { optionalText } from '../../lib/text-fields.js';
import { bilingual, controlFrequencies } from '../frameworks/schema.js';

/** Contracts of the organisation's own (applied) controls. */
export const controlStatuses = ['planned', 'in_progress', 'implemented', 'not_implemented'] as const;
export type ControlStatus = (typeof controlStatuses)[number];

export const limits = { name: 200, description: 4000, requirements: 200, systems: 500 } as const;

export const requirementRef = z.object({
  framework: z.string().trim().min(1).max(64),
  requirementId: z.string().trim().min(1).max(64),
});
export type RequirementRef = z.infer<typeof requirementRef>;

const controlFields = z.object({
  name: z.string().trim().min(1).max(limits.name),
  description: optionalText(limits.description),
  ownerId: z.uuid().nullable().optional(),
  status: z.enum(controlStatuses).default('planned'),
  frequency: z.enum(controlFrequencies).default('annual'),
  requirements: z.array(requirementRef).max(limits.requirements).default([]),
  systemIds: z.array(z.uuid()).max(limits.systems).default([]),
});

export const createControlInput = controlFields;
export type CreateControlInput = z.input<typeof createControlInput>;

export const updateControlInput = z
  .object({
    name: z.string().trim().min(1).max(limits.name),
    description: optionalText(limits.description),
    ownerId: z.uuid().nullable(),
    status: z.enum(controlStatuses),
    frequency: z.enum(controlFrequencies),
    requirements: z.array(requirementRef).max(limits.requirements),
    systemIds: z.array(z.uuid()).max(limits.systems),
    version: z.number().int().positive(),
  })
  .partial();
export type UpdateControlInput = z.input<typeof updateControlInput>;

export const adoptSuggestionsInput = z.object({
  suggestionIds: z
    .array(z.string().regex(/^SC-[A-Z]+-\d{2}$/, 'Use starter-library ids like SC-INV-01'))
    .min(1)
    .max(200),
  /** the language the adopted names and descriptions are written in */
  language: z.enum(['en', 'zh-HK']).default('en'),
});
export type AdoptSuggestionsInput = z.input<typeof adoptSuggestionsInput>;

export const controlListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(controlStatuses).optional(),
  owner: z.uuid().optional(),
  framework: z.string().max(64).optional(),
  requirement: z.string().max(64).optional(),
  system: z.uuid().optional(),
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ControlListQuery = z.infer<typeof controlListQuery>;

export const personRef = z.object({ id: z.string(), displayName: z.string(), email: z.string() });

export const controlView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  owner: personRef.nullable(),
  status: z.enum(controlStatuses),
  frequency: z.enum(controlFrequencies),
  suggestionId: z.string().nullable(),
  requirements: z.array(requirementRef.extend({ title: bilingual.nullable() })),
  systems: z.array(z.object({ id: z.string(), name: z.string() })),
  evidenceCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  can: z.object({ update: z.boolean(), archive: z.boolean() }),
});
export type ControlView = z.infer<typeof controlView>;

export const controlPage = z.object({ items: z.array(controlView), total: z.number(), limit: z.number(), offset: z.number() });
export type ControlPage = z.infer<typeof controlPage>;

export const adoptResult = z.object({
  created: z.array(controlView),
  skipped: z.array(z.object({ suggestionId: z.string(), reason: z.string() })),
});
export type AdoptResult = z.infer<typeof adoptResult>;
