import { z } from 'zod';
import '../../lib/zod-messages.js';
import { optionalText } from '../../lib/text-fields.js';
import { calendarDate } from '../../lib/calendar.js';
import { itemStatuses } from '../assessments/schema.js';
import { personRef } from '../controls/schema.js';
import { bilingual } from '../frameworks/schema.js';

/** Contracts of remediation actions, the remediation plan and the gap register. */
export const actionStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const priorityLevels = ['low', 'medium', 'high'] as const;
export type PriorityLevel = (typeof priorityLevels)[number];

/** Priorities run 1–9: the requirement's weight (1–3) times the risk of the systems it touches (1–3). */
const priority = z.number().int().min(1).max(9);

export const createActionInput = z.object({
  title: z.string().trim().min(1).max(200),
  description: optionalText(4000),
  ownerId: z.uuid().nullable().optional(),
  dueDate: calendarDate().nullable().optional(),
  framework: z.string().trim().min(1).max(64).optional(),
  requirementId: z.string().trim().min(1).max(64).optional(),
  priorityOverride: priority.nullable().optional(),
});
export type CreateActionInput = z.input<typeof createActionInput>;

/** Creating an action from a gap: everything defaults from the assessed requirement. */
export const actionFromGapInput = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  ownerId: z.uuid().nullable().optional(),
  dueDate: calendarDate().nullable().optional(),
});
export type ActionFromGapInput = z.input<typeof actionFromGapInput>;

export const updateActionInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: optionalText(4000),
    ownerId: z.uuid().nullable(),
    dueDate: calendarDate().nullable(),
    status: z.enum(actionStatuses),
    /** null hands the priority back to the computed value */
    priorityOverride: priority.nullable(),
    version: z.number().int().positive(),
  })
  .partial();
export type UpdateActionInput = z.input<typeof updateActionInput>;

export const planQuery = z.object({
  /** "active": open and in progress (the default) */
  status: z.enum([...actionStatuses, 'active', 'all']).default('active'),
  owner: z.uuid().optional(),
  framework: z.string().max(64).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type PlanQuery = z.infer<typeof planQuery>;

export const systemRiskView = z.object({ id: z.string(), name: z.string(), risk: z.number(), reasons: z.array(z.string()) });

export const priorityBasis = z.object({
  weight: z.number(),
  systemRisk: z.number(),
  /** which systems were counted: the assessed system, those under the requirement's controls, or every live system */
  scope: z.enum(['assessed_system', 'linked_systems', 'all_systems', 'no_systems']),
  systems: z.array(systemRiskView),
});
export type PriorityBasis = z.infer<typeof priorityBasis>;

export const actionView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  owner: personRef.nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  status: z.enum(actionStatuses),
  priority: z.number(),
  priorityLevel: z.enum(priorityLevels),
  computedPriority: z.number(),
  priorityOverride: z.number().nullable(),
  priorityBasis: priorityBasis,
  framework: z.string().nullable(),
  requirementId: z.string().nullable(),
  requirementTitle: bilingual.nullable(),
  assessment: z.object({ id: z.string(), title: z.string() }).nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ update: z.boolean() }),
});
export type ActionView = z.infer<typeof actionView>;

export const planView = z.object({ items: z.array(actionView) });
export type PlanView = z.infer<typeof planView>;

export const gapView = z.object({
  assessment: z.object({ id: z.string(), title: z.string(), framework: z.string(), system: z.string().nullable() }),
  itemId: z.string(),
  requirementId: z.string(),
  title: bilingual,
  status: z.enum(itemStatuses),
  gapDescription: z.string().nullable(),
  owner: personRef.nullable(),
  dueDate: z.string().nullable(),
  weight: z.number(),
  priority: z.number(),
  priorityLevel: z.enum(priorityLevels),
  actions: z.array(z.object({ id: z.string(), title: z.string(), status: z.enum(actionStatuses) })),
});
export type GapView = z.infer<typeof gapView>;
export const gapRegister = z.object({ items: z.array(gapView) });
export type GapRegister = z.infer<typeof gapRegister>;
