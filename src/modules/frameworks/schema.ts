import { z } from 'zod';
import '../../lib/zod-messages.js';

/** Contracts of the framework packs (catalogs/frameworks/*.json) and of the catalogue API. */
export const aimsComponents = ['policy', 'inventory', 'risk', 'impact', 'monitoring', 'third_party', 'improvement'] as const;
export type AimsComponent = (typeof aimsComponents)[number];

export const requirementKinds = [
  'clause',
  'objective',
  'control',
  'guidance',
  'risk_source',
  'organizational_objective',
  'group',
  'function',
  'category',
  'subcategory',
  'principle',
  'article',
  'obligation',
  'measure',
] as const;

const text = z.string().trim().min(1);
/** Every title and paraphrase is given in English and Traditional Chinese (Hong Kong). */
export const bilingual = z.object({ en: text, 'zh-HK': text }).strict();
export type Bilingual = z.infer<typeof bilingual>;

export const requirement = z
  .object({
    id: z.string().trim().min(1).max(64),
    parent: z.string().trim().min(1).max(64).nullable(),
    kind: z.enum(requirementKinds),
    title: bilingual,
    paraphrase: bilingual.nullable(),
    assessable: z.boolean(),
    components: z.array(z.enum(aimsComponents)),
    weight: z.number().int().min(1).max(3),
    reference: text,
    guidance: z.string().trim().min(1).nullable(),
  })
  .strict()
  .refine((r) => !r.assessable || r.components.length > 0, {
    message: 'An assessable requirement serves at least one AIMS component',
    path: ['components'],
  });
export type Requirement = z.infer<typeof requirement>;

export const frameworkPack = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'Use lower-case letters, digits, dots and hyphens'),
    version: text,
    kind: z.enum(['standard', 'law', 'regulation', 'guidance', 'framework']),
    title: bilingual,
    publisher: text,
    source: z.object({ title: text, url: z.url() }).strict(),
    requirements: z.array(requirement).min(1),
  })
  .strict();
export type FrameworkPack = z.infer<typeof frameworkPack>;

export const frameworkSummary = z.object({
  id: z.string(),
  version: z.string(),
  kind: z.string(),
  title: bilingual,
  publisher: z.string(),
  source: z.object({ title: z.string(), url: z.string() }),
  requirementCount: z.number(),
  assessableCount: z.number(),
});
export type FrameworkSummary = z.infer<typeof frameworkSummary>;

export const frameworkDetail = frameworkSummary.extend({ requirements: z.array(requirement) });
export type FrameworkDetail = z.infer<typeof frameworkDetail>;

export const frameworkParams = z.object({ framework: z.string().min(1).max(64) });
export const requirementSearch = z.object({
  q: z.string().trim().max(200).optional(),
  component: z.enum(aimsComponents).optional(),
  assessable: z.enum(['true', 'false']).optional(),
});

/**
 * A crosswalk link's relation reads from → to: "subset" means the first requirement asks for less than the second.
 * Its provenance is "published" when the link comes from a crosswalk someone published (named in `source`, with its
 * standing: the NIST AI RMF ↔ ISO/IEC 42001 crosswalk on NIST's resource centre is a community submission, not a
 * NIST publication), or "openaims" when it is our own mapping.
 */
export const relations = ['equal', 'subset', 'superset', 'intersects'] as const;

export const crosswalkLink = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    relation: z.enum(relations),
    provenance: z.enum(['published', 'openaims']),
    source: z.string().trim().min(1),
    note: bilingual.nullable().optional(),
  })
  .strict();
export type CrosswalkLink = z.infer<typeof crosswalkLink>;

export const crosswalk = z
  .object({
    id: z.string().min(1),
    from: z.string().min(1),
    to: z.string().min(1),
    title: bilingual,
    links: z.array(crosswalkLink).min(1),
  })
  .strict();
export type Crosswalk = z.infer<typeof crosswalk>;

export const crosswalkSummary = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  title: bilingual,
  linkCount: z.number(),
  publishedLinkCount: z.number(),
});

export const coverageQuery = z.object({ from: z.string().min(1).max(64) });
export const coverageView = z.object({
  summary: z.object({ covered: z.number(), partly_covered: z.number(), linked: z.number(), not_linked: z.number() }),
  rows: z.array(
    z.object({
      requirementId: z.string(),
      coverage: z.enum(['covered', 'partly_covered', 'linked', 'not_linked']),
      links: z.array(
        z.object({
          sourceId: z.string(),
          relation: z.enum(['equal', 'subset', 'superset', 'intersects']),
          provenance: z.enum(['published', 'openaims']),
          crosswalk: z.string(),
          sourceStatus: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type CrosswalkSummary = z.infer<typeof crosswalkSummary>;

/** The starter library: suggested controls, in our own words, each linked to the requirements it serves. */
export const controlFrequencies = ['continuous', 'monthly', 'quarterly', 'semi_annual', 'annual', 'on_change', 'per_system'] as const;

export const suggestedControl = z
  .object({
    id: z.string().regex(/^SC-[A-Z]+-\d{2}$/, 'Use ids like SC-INV-01'),
    name: bilingual,
    description: bilingual,
    frequency: z.enum(controlFrequencies),
    suggestedOwnerRole: z.enum(['owner', 'admin', 'governance_lead', 'system_owner', 'contributor', 'auditor']),
    evidenceExamples: z.object({ en: z.array(text).min(1), 'zh-HK': z.array(text).min(1) }).strict(),
    requirements: z.array(z.object({ framework: z.string().min(1), id: z.string().min(1) }).strict()).min(1),
  })
  .strict();
export type SuggestedControl = z.infer<typeof suggestedControl>;

export const starterLibrary = z
  .object({
    id: z.string().min(1),
    version: text,
    title: bilingual,
    controls: z.array(suggestedControl).min(1),
  })
  .strict();
export type StarterLibrary = z.infer<typeof starterLibrary>;
