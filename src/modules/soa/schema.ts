import { z } from 'zod';
import '../../lib/zod-messages.js';
import { orgParams } from '../orgs/schema.js';

/** Contracts of the Statement of Applicability (ISO/IEC 42001 Annex A), shared by the server and the web app. */
export const soaFramework = 'iso-iec-42001-2023';
export const implementationStatuses = ['not_started', 'planned', 'in_progress', 'implemented'] as const;
export type ImplementationStatus = (typeof implementationStatuses)[number];
export const soaLocales = ['en', 'zh-HK'] as const;
export const soaLimits = { justification: 4000, note: 2000 } as const;

const bilingualText = z.object({ en: z.string(), 'zh-HK': z.string() });

/** Path parameters: the Annex A control ('A.6.2.4'); an unknown but well-formed one answers 404. */
export const soaEntryParams = orgParams.extend({ controlRef: z.string().min(1).max(32) });
export const soaVersionParams = orgParams.extend({
  versionNo: z.coerce.number().int('Use a whole number').min(1).max(1_000_000),
});

export const updateSoaEntryInput = z
  .object({
    /** null: undecided again */
    applicable: z.boolean().nullable(),
    /** required (non-empty) when the control is not applicable; allowed when it is */
    justification: z
      .string()
      .trim()
      .max(soaLimits.justification, `At most ${soaLimits.justification} characters`)
      .nullable()
      .transform((v) => (v ? v : null)),
    implementationStatus: z.enum(implementationStatuses),
    ownerId: z.uuid('Choose a person').nullable(),
    /** the version the editor started from (0: no decision recorded yet); a stale one answers 409 */
    version: z.number().int().min(0),
  })
  .partial()
  .strict();
export type UpdateSoaEntryInput = z.input<typeof updateSoaEntryInput>;

export const acceptSuggestionsInput = z
  .object({
    /** the controls whose suggestion to accept; omitted: every undecided control */
    controlRefs: z.array(z.string().min(1).max(32)).min(1).max(100).optional(),
    /** the language of the justification copied from the suggestion */
    lang: z.enum(soaLocales).default('en'),
  })
  .strict();
export type AcceptSuggestionsInput = z.input<typeof acceptSuggestionsInput>;

export const acceptSuggestionsResult = z.object({
  /** controls that were undecided and now carry the suggested decision */
  accepted: z.array(z.string()),
  /** controls left alone because a person had already decided them */
  alreadyDecided: z.array(z.string()),
});
export type AcceptSuggestionsResult = z.infer<typeof acceptSuggestionsResult>;

export const approveSoaInput = z
  .object({ note: z.string().trim().max(soaLimits.note, `At most ${soaLimits.note} characters`).nullish() })
  .strict()
  .default({});
export type ApproveSoaInput = z.input<typeof approveSoaInput>;

/** The facts of the organisation's own data that suggestions are made from (counts of live, non-retired records). */
export const orgFacts = z.object({
  systems: z.number(),
  /** systems the organisation develops or builds itself (in-house models, in-house applications, agents) */
  developedSystems: z.number(),
  vendors: z.number(),
  /** systems that depend on a third party: a linked vendor, vendor hosting, a vendor product type or a model provider */
  thirdPartySystems: z.number(),
  personalDataSystems: z.number(),
  /** systems that affect customers or the public */
  externallyFacingSystems: z.number(),
});
export type OrgFacts = z.infer<typeof orgFacts>;

export const soaSuggestion = z.object({
  applicable: z.boolean(),
  ruleId: z.string(),
  reason: bilingualText,
  /** the facts the rule used */
  facts: orgFacts.partial(),
});
export type SoaSuggestion = z.infer<typeof soaSuggestion>;

const person = z.object({ id: z.string(), name: z.string() });
const linkedControl = z.object({ id: z.string(), name: z.string(), status: z.string() });
const linkedEvidence = z.object({ id: z.string(), title: z.string(), expiresOn: z.string().nullable() });

/** What a statement says about one control: the same in the working draft and in an approved snapshot. */
export const soaStatementEntry = z.object({
  controlRef: z.string(),
  objective: z.object({ ref: z.string(), title: bilingualText }),
  title: bilingualText,
  applicable: z.boolean().nullable(),
  justification: z.string().nullable(),
  implementationStatus: z.enum(implementationStatuses),
  owner: person.nullable(),
  controls: z.array(linkedControl),
  evidence: z.array(linkedEvidence),
});
export type SoaStatementEntry = z.infer<typeof soaStatementEntry>;

export const soaEntryView = soaStatementEntry.extend({
  /** what the linked applied controls suggest; null when none is linked */
  derivedImplementationStatus: z.enum(implementationStatuses).nullable(),
  suggestion: soaSuggestion,
  /** 0 until a decision is recorded */
  version: z.number(),
  updatedAt: z.string().nullable(),
  can: z.object({ update: z.boolean() }),
});
export type SoaEntryView = z.infer<typeof soaEntryView>;

const soaSummary = z.object({
  total: z.number(),
  applicable: z.number(),
  notApplicable: z.number(),
  undecided: z.number(),
  implemented: z.number(),
});

export const soaVersionSummary = z.object({
  versionNo: z.number(),
  approvedAt: z.string(),
  approvedBy: z.string().nullable(),
  approverName: z.string(),
  note: z.string().nullable(),
  snapshotHash: z.string(),
});
export type SoaVersionSummary = z.infer<typeof soaVersionSummary>;

export const soaView = z.object({
  framework: z.object({ id: z.string(), version: z.string(), title: bilingualText }),
  entries: z.array(soaEntryView),
  facts: orgFacts,
  summary: soaSummary,
  latestVersion: soaVersionSummary.nullable(),
  can: z.object({ update: z.boolean(), approve: z.boolean() }),
});
export type SoaView = z.infer<typeof soaView>;

/** The frozen statement stored with an approved version; its canonical JSON is what `snapshotHash` covers. */
export const soaSnapshot = z.object({
  framework: z.object({ id: z.string(), version: z.string() }),
  versionNo: z.number(),
  approvedAt: z.string(),
  approverName: z.string(),
  note: z.string().nullable(),
  entries: z.array(soaStatementEntry),
});
export type SoaSnapshot = z.infer<typeof soaSnapshot>;

export const soaVersionList = z.object({ items: z.array(soaVersionSummary) });
export type SoaVersionList = z.infer<typeof soaVersionList>;

export const soaVersionView = soaVersionSummary.extend({
  snapshot: soaSnapshot,
  /** the stored hash still matches the snapshot's canonical JSON */
  hashValid: z.boolean(),
});
export type SoaVersionView = z.infer<typeof soaVersionView>;

export const soaExportFormats = ['xlsx', 'docx', 'pdf'] as const;
export const exportQuery = z.object({
  format: z.enum(soaExportFormats).default('xlsx'),
  lang: z.enum(soaLocales).default('en'),
  /** an approved version; omitted: the working draft */
  version: z.coerce.number().int('Use a whole number').min(1).max(1_000_000).optional(),
});
export type SoaExportQuery = z.infer<typeof exportQuery>;
