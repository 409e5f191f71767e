import { z } from 'zod';
import { calendarDate } from '../../lib/calendar.js';
import '../../lib/zod-messages.js';
import { optionalText } from '../../lib/text-fields.js';
import { orgIdParams } from '../orgs/schema.js';

/** Contracts of the evidence library: items (file, link or note), their file versions and what they support. */
export const evidenceKinds = ['file', 'link', 'note'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

export const evidenceTargetTypes = ['requirement', 'control', 'system', 'assessment_item'] as const;
export type EvidenceTargetType = (typeof evidenceTargetTypes)[number];

export const expiryStates = ['expired', 'expiring_soon', 'valid', 'no_expiry'] as const;
export type ExpiryState = (typeof expiryStates)[number];

export const evidenceLimits = { title: 200, description: 4000, url: 2000, note: 20000, targetKey: 200, fileName: 255 } as const;
/** Evidence expiring within this many days counts as "expiring soon". */
export const EXPIRING_WITHIN_DAYS = 30;
/** The largest evidence file accepted (the multipart upload limit is the same). */
export const EVIDENCE_MAX_BYTES = 25 * 1024 * 1024;

/**
 * The file types the library accepts, by extension: the media type stored and served for it, and the media types a
 * client may declare when uploading one (besides application/octet-stream, which means "unknown").
 */
export const evidenceFileTypes = {
  pdf: { mediaType: 'application/pdf', accepts: [] },
  png: { mediaType: 'image/png', accepts: [] },
  jpg: { mediaType: 'image/jpeg', accepts: ['image/jpg', 'image/pjpeg'] },
  jpeg: { mediaType: 'image/jpeg', accepts: ['image/jpg', 'image/pjpeg'] },
  gif: { mediaType: 'image/gif', accepts: [] },
  webp: { mediaType: 'image/webp', accepts: [] },
  txt: { mediaType: 'text/plain', accepts: [] },
  csv: { mediaType: 'text/csv', accepts: ['text/plain', 'application/csv', 'application/vnd.ms-excel'] },
  md: { mediaType: 'text/markdown', accepts: ['text/plain', 'text/x-markdown'] },
  json: { mediaType: 'application/json', accepts: ['text/json', 'text/plain'] },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', accepts: ['application/zip'] },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', accepts: ['application/zip'] },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', accepts: ['application/zip'] },
  zip: { mediaType: 'application/zip', accepts: ['application/x-zip-compressed', 'application/x-zip'] },
  eml: { mediaType: 'message/rfc822', accepts: ['text/plain'] },
  msg: { mediaType: 'application/vnd.ms-outlook', accepts: ['application/x-msg'] },
} as const satisfies Record<string, { mediaType: string; accepts: readonly string[] }>;
export type EvidenceFileExtension = keyof typeof evidenceFileTypes;
/** For a file input's `accept` attribute. */
export const evidenceAcceptedExtensions = Object.keys(evidenceFileTypes).map((e) => `.${e}`);

const fields = {
  title: z.string().trim().min(1, 'Title is required').max(evidenceLimits.title, `At most ${evidenceLimits.title} characters`),
  description: optionalText(evidenceLimits.description),
  url: z
    .url({ protocol: /^https?$/, message: 'Use a web address starting with https://' })
    .max(evidenceLimits.url)
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v ?? null),
  note: optionalText(evidenceLimits.note),
  ownerId: z
    .uuid('Choose a person')
    .nullish()
    .transform((v) => v ?? null),
  collectedOn: calendarDate()
    .nullish()
    .transform((v) => v ?? null),
  expiresOn: calendarDate()
    .nullish()
    .transform((v) => v ?? null),
};

export interface EvidenceRules {
  kind: EvidenceKind;
  url: string | null;
  note: string | null;
  collectedOn: string | null;
  expiresOn: string | null;
}

/** Rules across fields, checked on create and on the merged record of an update. */
export function evidenceRuleIssues(v: EvidenceRules): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (v.kind === 'link' && !v.url) issues.push({ path: 'url', message: 'A link needs a web address' });
  if (v.kind === 'note' && !v.note) issues.push({ path: 'note', message: 'A note needs some text' });
  if (v.collectedOn && v.expiresOn && v.expiresOn < v.collectedOn)
    issues.push({ path: 'expiresOn', message: 'The expiry date is before the date the evidence was collected' });
  return issues;
}

export const createEvidenceInput = z.object({
  kind: z.enum(evidenceKinds),
  title: fields.title,
  description: fields.description.default(null),
  url: fields.url.default(null),
  note: fields.note.default(null),
  ownerId: fields.ownerId.default(null),
  collectedOn: fields.collectedOn.default(null),
  expiresOn: fields.expiresOn.default(null),
});
export type CreateEvidenceInput = z.input<typeof createEvidenceInput>;
export type EvidenceData = z.output<typeof createEvidenceInput>;

export const updateEvidenceInput = z
  .object(fields)
  .partial()
  .extend({
    /** the version the editor started from; a stale one answers 409 */
    version: z.number().int().positive().optional(),
  })
  .strict();
export type UpdateEvidenceInput = z.input<typeof updateEvidenceInput>;

/** A requirement's key is "<frameworkId>:<requirementId>"; the others are the row's id. */
export const evidenceLinkInput = z
  .object({
    targetType: z.enum(evidenceTargetTypes),
    targetKey: z.string().trim().min(1, 'Say what the evidence supports').max(evidenceLimits.targetKey),
  })
  .strict();
export type EvidenceLinkInput = z.input<typeof evidenceLinkInput>;

export const evidenceListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    kind: z.enum(evidenceKinds).optional(),
    owner: z.uuid('Not a valid id').optional(),
    targetType: z.enum(evidenceTargetTypes).optional(),
    targetKey: z.string().trim().min(1).max(evidenceLimits.targetKey).optional(),
    /** "valid" is neither expired nor expiring within 30 days, including evidence without an expiry date */
    expiry: z.enum(['expired', 'expiring', 'valid']).optional(),
    archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
    sort: z.enum(['title', 'updatedAt', 'createdAt', 'expiresOn']).default('title'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .refine((q) => (q.targetType === undefined) === (q.targetKey === undefined), {
    message: 'Give targetType and targetKey together',
    path: ['targetKey'],
  });
export type EvidenceListQuery = z.infer<typeof evidenceListQuery>;

export const evidenceFileParams = orgIdParams.extend({
  versionNo: z.coerce.number().int().min(1).max(1_000_000),
});

/** Unlinking names the link in the query, because a requirement's key holds a colon and dots. */
export const evidenceUnlinkQuery = evidenceLinkInput;

export const evidencePackQuery = z.object({
  /** evidence linked to any requirement of this framework */
  framework: z.string().trim().min(1).max(100).optional(),
  /** "<frameworkId>:<requirementId>" */
  requirement: z.string().trim().min(1).max(evidenceLimits.targetKey).optional(),
  control: z.uuid('Not a valid id').optional(),
  system: z.uuid('Not a valid id').optional(),
  /** comma-separated evidence ids */
  ids: z
    .string()
    .trim()
    .max(200 * 37)
    .optional()
    .transform((v) => (v ? [...new Set(v.split(',').map((s) => s.trim()))].filter(Boolean) : undefined))
    .pipe(z.array(z.uuid('Not a valid id')).max(200, 'At most 200 ids').optional()),
  archived: z.enum(['exclude', 'include']).default('exclude'),
});
export type EvidencePackQuery = z.infer<typeof evidencePackQuery>;

export const evidencePerson = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const evidenceFileView = z.object({
  versionNo: z.number(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type EvidenceFileView = z.infer<typeof evidenceFileView>;

export const evidenceLinkView = z.object({
  targetType: z.enum(evidenceTargetTypes),
  targetKey: z.string(),
  /** what the target is called now, e.g. "A.6.2.4 AI system verification and validation" */
  label: z.string(),
});
export type EvidenceLinkView = z.infer<typeof evidenceLinkView>;

export const evidenceView = z.object({
  id: z.string(),
  kind: z.enum(evidenceKinds),
  title: z.string(),
  description: z.string().nullable(),
  url: z.string().nullable(),
  note: z.string().nullable(),
  owner: evidencePerson.nullable(),
  collectedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  expiryState: z.enum(expiryStates),
  /** newest first */
  versions: z.array(evidenceFileView),
  links: z.array(evidenceLinkView),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  can: z.object({ update: z.boolean(), archive: z.boolean(), upload: z.boolean(), link: z.boolean() }),
});
export type EvidenceView = z.infer<typeof evidenceView>;

export const evidencePage = z.object({
  items: z.array(evidenceView),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});
export type EvidencePage = z.infer<typeof evidencePage>;

/** Live evidence by expiry, for dashboards. */
export const evidenceExpirySummary = z.object({
  total: z.number(),
  expired: z.number(),
  /** expiring within `withinDays` days, today included */
  expiringSoon: z.number(),
  valid: z.number(),
  noExpiry: z.number(),
  withinDays: z.number(),
  /** the date the states were computed for (UTC) */
  asOf: z.string(),
});
export type EvidenceExpirySummary = z.infer<typeof evidenceExpirySummary>;
