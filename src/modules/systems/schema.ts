import { z } from 'zod';
import '../../lib/zod-messages.js';
import { optionalText } from '../../lib/text-fields.js';
import { calendarDate } from '../../lib/calendar.js';

/** Contracts of the AI system register, shared by the server, the CLI, the importer and the web app. */
export const systemTypes = [
  'in_house_model',
  'in_house_app_third_party_model',
  'vendor_saas_ai',
  'embedded_vendor_feature',
  'general_purpose_assistant',
  'agent',
] as const;
export const lifecycleStages = ['proposed', 'development', 'validation', 'production', 'retired'] as const;
export const hostingOptions = ['on_premises', 'cloud', 'vendor'] as const;
export const regions = ['hong_kong', 'mainland_china', 'eu', 'other'] as const;
export const dataCategories = ['personal', 'sensitive_personal', 'childrens', 'biometric', 'financial', 'none'] as const;
export const affectedPersons = ['customers', 'employees', 'public'] as const;
export const decisionRoles = ['informs', 'recommends', 'decides_automatically'] as const;
/**
 * Levels of human oversight: in the loop (a person approves each output), on the loop (a person supervises and can
 * intervene), out of the loop. The PCPD Model Framework (2024) describes a similar range (see its pack in
 * catalogs/frameworks/hk-pcpd-ai-model-framework-2024.json).
 */
export const oversightLevels = ['human_in_the_loop', 'human_on_the_loop', 'human_out_of_the_loop'] as const;
export const registrationStatuses = ['draft', 'registered'] as const;
export const systemSources = ['manual', 'import', 'discovery', 'telemetry'] as const;

export const limits = {
  name: 200,
  purpose: 4000,
  shortText: 300,
  listItem: 200,
  listItems: 50,
} as const;

const textList = z
  .array(z.string().trim().min(1, 'Empty entries are not allowed').max(limits.listItem, `At most ${limits.listItem} characters each`))
  .max(limits.listItems, `At most ${limits.listItems} entries`)
  .transform((items) => [...new Set(items)]);

const enumList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .max(values.length)
    .transform((items) => [...new Set(items)]);

const fields = {
  name: z.string().trim().min(1, 'Name is required').max(limits.name, `At most ${limits.name} characters`),
  purpose: z.string().trim().min(1, 'Describe the purpose and intended use').max(limits.purpose),
  intendedUsers: optionalText(limits.shortText),
  businessUnit: optionalText(limits.shortText),
  accountableOwnerId: z
    .uuid('Choose a person')
    .nullish()
    .transform((v) => v ?? null),
  technicalOwnerId: z
    .uuid('Choose a person')
    .nullish()
    .transform((v) => v ?? null),
  type: z.enum(systemTypes),
  lifecycleStage: z.enum(lifecycleStages),
  hosting: z.enum(hostingOptions),
  regionsUsed: enumList(regions),
  outputRegions: enumList(regions),
  models: textList,
  modelProviders: textList,
  vendorId: z
    .uuid('Choose a vendor')
    .nullish()
    .transform((v) => v ?? null),
  dataCategories: enumList(dataCategories),
  affectedPersons: enumList(affectedPersons),
  decisionRole: z.enum(decisionRoles),
  humanOversight: z.enum(oversightLevels),
  tags: textList,
  nextReviewDate: calendarDate()
    .nullish()
    .transform((v) => v ?? null),
  registrationStatus: z.enum(registrationStatuses),
  source: z.enum(systemSources),
};

type Fields = {
  dataCategories: readonly string[];
  registrationStatus: string;
  accountableOwnerId: string | null;
};

/** Rules across fields, shared by create, update (on the merged record) and import. */
export function systemRuleIssues(v: Partial<Fields>): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (v.dataCategories && v.dataCategories.includes('none') && v.dataCategories.length > 1) {
    issues.push({ path: 'dataCategories', message: '"None" cannot be combined with other data categories' });
  }
  if (v.registrationStatus === 'registered' && v.accountableOwnerId === null) {
    issues.push({ path: 'accountableOwnerId', message: 'A registered system needs an accountable owner' });
  }
  return issues;
}

export const systemFields = z.object({
  ...fields,
  intendedUsers: fields.intendedUsers.default(null),
  businessUnit: fields.businessUnit.default(null),
  accountableOwnerId: fields.accountableOwnerId.default(null),
  technicalOwnerId: fields.technicalOwnerId.default(null),
  lifecycleStage: fields.lifecycleStage.default('proposed'),
  regionsUsed: fields.regionsUsed.default([]),
  outputRegions: fields.outputRegions.default([]),
  models: fields.models.default([]),
  modelProviders: fields.modelProviders.default([]),
  vendorId: fields.vendorId.default(null),
  dataCategories: fields.dataCategories.default([]),
  affectedPersons: fields.affectedPersons.default([]),
  tags: fields.tags.default([]),
  nextReviewDate: fields.nextReviewDate.default(null),
  registrationStatus: fields.registrationStatus.default('draft'),
  source: fields.source.default('manual'),
});

export const createSystemInput = systemFields.superRefine((v, ctx) => {
  for (const i of systemRuleIssues(v)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
});
export type CreateSystemInput = z.input<typeof createSystemInput>;
export type SystemData = z.output<typeof systemFields>;

export const updateSystemInput = z
  .object(fields)
  .partial()
  .extend({
    /** the version the editor started from; a stale one answers 409 */
    version: z.number().int().positive().optional(),
  })
  .strict();
export type UpdateSystemInput = z.input<typeof updateSystemInput>;

export const systemSortKeys = ['name', 'updatedAt', 'createdAt', 'lifecycleStage', 'type', 'nextReviewDate'] as const;

const csvEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.array(z.enum(values))])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional();

export const systemListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  type: csvEnum(systemTypes),
  stage: csvEnum(lifecycleStages),
  status: z.enum(registrationStatuses).optional(),
  owner: z.uuid().optional(),
  vendor: z.uuid().optional(),
  dataCategory: z.enum(dataCategories).optional(),
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
  sort: z.enum(systemSortKeys).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type SystemListQuery = z.infer<typeof systemListQuery>;

const personRef = z.object({ id: z.string(), displayName: z.string(), email: z.string() }).nullable();

export const systemView = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.string(),
  intendedUsers: z.string().nullable(),
  businessUnit: z.string().nullable(),
  accountableOwner: personRef,
  technicalOwner: personRef,
  type: z.enum(systemTypes),
  lifecycleStage: z.enum(lifecycleStages),
  hosting: z.enum(hostingOptions),
  regionsUsed: z.array(z.enum(regions)),
  outputRegions: z.array(z.enum(regions)),
  models: z.array(z.string()),
  modelProviders: z.array(z.string()),
  vendor: z.object({ id: z.string(), name: z.string() }).nullable(),
  dataCategories: z.array(z.enum(dataCategories)),
  affectedPersons: z.array(z.enum(affectedPersons)),
  decisionRole: z.enum(decisionRoles),
  humanOversight: z.enum(oversightLevels),
  tags: z.array(z.string()),
  nextReviewDate: z.string().nullable(),
  registrationStatus: z.enum(registrationStatuses),
  source: z.enum(systemSources),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  /** what the requesting user may do with this system */
  can: z.object({ update: z.boolean(), archive: z.boolean() }),
});
export type SystemView = z.infer<typeof systemView>;

export const systemPage = z.object({
  items: z.array(systemView),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});
export type SystemPage = z.infer<typeof systemPage>;
