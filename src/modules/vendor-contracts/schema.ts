import { z } from 'zod';
import '../../lib/zod-messages.js';
import { calendarDate } from '../../lib/calendar.js';
import { optionalText } from '../../lib/text-fields.js';
import { bilingual } from '../frameworks/schema.js';
import { actionStatuses } from '../remediation/schema.js';
import { orgIdParams } from '../orgs/schema.js';

/** Contracts of vendor contracts and the organisation's AI clause checklist. */
export const clauseStatuses = ['present', 'missing', 'under_negotiation'] as const;
export type ClauseStatus = (typeof clauseStatuses)[number];
export const contractLimits = { title: 200, reference: 100, note: 2000, clauseTitle: 200, clauseDescription: 2000 } as const;

const optionalDate = calendarDate()
  .nullish()
  .transform((v) => v ?? null);
const optionalId = z
  .uuid('Not a valid id')
  .nullish()
  .transform((v) => v ?? null);

const fields = {
  title: z.string().trim().min(1, 'Title is required').max(contractLimits.title),
  reference: optionalText(contractLimits.reference),
  startsOn: optionalDate,
  endsOn: optionalDate,
  evidenceId: optionalId,
};

export const createContractInput = z
  .object({
    ...fields,
    reference: fields.reference.default(null),
    startsOn: fields.startsOn.default(null),
    endsOn: fields.endsOn.default(null),
    evidenceId: fields.evidenceId.default(null),
  })
  .strict();
export type CreateContractInput = z.input<typeof createContractInput>;

export const updateContractInput = z.object(fields).partial().extend({ version: z.number().int().positive().optional() }).strict();
export type UpdateContractInput = z.input<typeof updateContractInput>;

export const clauseParams = orgIdParams.extend({ clauseKey: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Not a clause key') });
export const clauseTemplateParams = clauseParams.omit({ id: true });

export const setClauseInput = z
  .object({
    status: z.enum(clauseStatuses),
    note: optionalText(contractLimits.note).default(null),
    evidenceId: optionalId.default(null),
  })
  .strict();
export type SetClauseInput = z.input<typeof setClauseInput>;

const clauseText = (max: number) =>
  z
    .object({ en: z.string().trim().min(1, 'Give the English text').max(max), 'zh-HK': z.string().trim().max(max).optional() })
    .strict()
    .transform((t) => ({ en: t.en, 'zh-HK': t['zh-HK'] || t.en }));

export const createClauseInput = z
  .object({ title: clauseText(contractLimits.clauseTitle), description: clauseText(contractLimits.clauseDescription).nullish() })
  .strict();
export type CreateClauseInput = z.input<typeof createClauseInput>;

/** Built-in clauses can only be switched on or off; the organisation's own can also be renamed. */
export const updateClauseInput = z
  .object({
    enabled: z.boolean().optional(),
    title: clauseText(contractLimits.clauseTitle).optional(),
    description: clauseText(contractLimits.clauseDescription).nullish(),
  })
  .strict();
export type UpdateClauseInput = z.input<typeof updateClauseInput>;

export const clauseTemplateView = z.object({
  key: z.string(),
  title: bilingual,
  description: bilingual.nullable(),
  builtIn: z.boolean(),
  enabled: z.boolean(),
  sortOrder: z.number(),
  requirements: z.array(z.object({ framework: z.string(), id: z.string() })),
});
export type ClauseTemplateView = z.infer<typeof clauseTemplateView>;
export const clauseChecklist = z.object({ items: z.array(clauseTemplateView), can: z.object({ update: z.boolean() }) });
export type ClauseChecklist = z.infer<typeof clauseChecklist>;

export const contractClauseView = z.object({
  key: z.string(),
  title: bilingual,
  builtIn: z.boolean(),
  status: z.enum([...clauseStatuses, 'not_reviewed']),
  note: z.string().nullable(),
  evidenceId: z.string().nullable(),
  action: z.object({ id: z.string(), title: z.string(), status: z.enum(actionStatuses) }).nullable(),
  updatedAt: z.string().nullable(),
});

export const contractView = z.object({
  id: z.string(),
  vendor: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  reference: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  evidenceId: z.string().nullable(),
  /** the enabled clauses of the checklist, in its order */
  clauses: z.array(contractClauseView),
  summary: z.object({ present: z.number(), missing: z.number(), under_negotiation: z.number(), not_reviewed: z.number() }),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  can: z.object({ update: z.boolean() }),
});
export type ContractView = z.infer<typeof contractView>;
export const contractList = z.object({ items: z.array(contractView) });
export type ContractList = z.infer<typeof contractList>;
export const contractListQuery = z.object({ archived: z.enum(['exclude', 'include', 'only']).default('exclude') });
export type ContractListQuery = z.infer<typeof contractListQuery>;
