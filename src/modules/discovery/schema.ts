import { z } from 'zod';
import '../../lib/zod-messages.js';
import { aiServiceCategories, aiServiceEntry } from '../../lib/discovery/catalogue-schema.js';
import { orgParams } from '../orgs/schema.js';

/** Contracts of shadow-AI discovery: uploaded runs, accumulated findings, decisions, footprint, own catalogue entries. */
export const discoveryFormats = ['squid', 'csv', 'jsonl', 'bind', 'entra', 'google', 'okta', 'expense'] as const;
export const findingDecisions = ['unreviewed', 'sanctioned', 'tolerated', 'blocked', 'ignored'] as const;
export const runStatuses = ['running', 'done', 'failed'] as const;

const columnName = z.string().trim().min(1).max(200).optional();

/** The settings of an upload: multipart fields (or query parameters) sent before the file. */
export const runSettings = z.object({
  format: z.enum(discoveryFormats, { message: `Choose a format: ${discoveryFormats.join(', ')}` }),
  domainColumn: columnName,
  urlColumn: columnName,
  userColumn: columnName,
  timeColumn: columnName,
});
export type RunSettings = z.infer<typeof runSettings>;

export const uploadQuery = runSettings.partial().extend({
  wait: z.enum(['true', 'false']).default('false').describe('answer when the scan is finished instead of at once'),
});

export const discoveryRunView = z.object({
  id: z.string(),
  format: z.enum(discoveryFormats),
  fileName: z.string(),
  sha256: z.string().nullable(),
  size: z.number(),
  status: z.enum(runStatuses),
  bytesRead: z.number(),
  linesRead: z.number(),
  linesRejected: z.number(),
  rejectSamples: z.array(z.object({ line: z.number(), reason: z.string() })),
  /** catalogue entries found by this run */
  findings: z.number(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type DiscoveryRunView = z.infer<typeof discoveryRunView>;

export const runListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type RunListQuery = z.infer<typeof runListQuery>;

export const discoveryRunPage = z.object({ items: z.array(discoveryRunView), total: z.number() });
export type DiscoveryRunPage = z.infer<typeof discoveryRunPage>;

export const findingView = z.object({
  catalogId: z.string(),
  /** null when the catalogue entry no longer exists (an organisation entry that was removed) */
  provider: z.string().nullable(),
  product: z.string().nullable(),
  category: z.enum(aiServiceCategories).nullable(),
  providerCountry: z.string().nullable(),
  dataUseNote: z.string().nullable(),
  termsUrl: z.string().nullable(),
  matchedOn: z.string(),
  requests: z.number(),
  users: z.number(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  /** the live AI system this service is registered as: linked by hand (or by add-to-inventory), or matched automatically */
  system: z.object({ id: z.string(), name: z.string(), match: z.enum(['linked', 'auto']) }).nullable(),
  registered: z.boolean(),
  decision: z.enum(findingDecisions),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  can: z.object({ addToInventory: z.boolean(), decide: z.boolean() }),
});
export type FindingView = z.infer<typeof findingView>;

export const findingList = z.object({ items: z.array(findingView) });
export type FindingList = z.infer<typeof findingList>;

export const findingParams = orgParams.extend({ catalogId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'Not a catalogue id') });

export const decisionInput = z
  .object({
    decision: z.enum(['sanctioned', 'tolerated', 'blocked', 'ignored']),
    reason: z
      .string()
      .trim()
      .max(1000)
      .nullish()
      .transform((v) => v || null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'ignored' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why this service is ignored' });
  });
export type DecisionInput = z.input<typeof decisionInput>;

export const linkInput = z
  .object({
    /** the AI system this service is; null removes the link */
    systemId: z.uuid('Choose an AI system').nullable(),
  })
  .strict();
export type LinkInput = z.input<typeof linkInput>;

export const footprintView = z.object({
  /** live (not archived) AI systems in the inventory */
  registered: z.number(),
  /** discovered services with no live system linked or matched, not ignored */
  unregisteredDiscovered: z.number(),
  /** (registered + unregisteredDiscovered) ÷ registered, two decimals; null while nothing is registered */
  footprint: z.number().nullable(),
});
export type FootprintView = z.infer<typeof footprintView>;

/** An organisation's own catalogue entry; the id comes from the path. */
export const catalogueEntryInput = aiServiceEntry.omit({ id: true });
export type CatalogueEntryInput = z.input<typeof catalogueEntryInput>;

export const catalogueEntryView = aiServiceEntry.extend({ origin: z.enum(['bundled', 'organisation']) });
export type CatalogueEntryView = z.infer<typeof catalogueEntryView>;

export const catalogueList = z.object({ items: z.array(catalogueEntryView) });
export type CatalogueList = z.infer<typeof catalogueList>;

export const catalogueQuery = z.object({ origin: z.enum(['all', 'organisation']).default('all') });
