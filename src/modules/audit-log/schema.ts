import { z } from 'zod';
import { instantOrDate } from '../../lib/calendar.js';

/** Contracts of the audit trail, shared by the server, the CLI and the web app. */
export const auditListQuery = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(128).optional(),
  action: z.string().max(64).optional(),
  actor: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
  from: instantOrDate().optional(),
  to: instantOrDate().optional(),
  /** cursor: entries older than this position in the chain */
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditEntry = z.object({
  id: z.number(),
  seq: z.number(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditPage = z.object({
  items: z.array(auditEntry),
  /** pass as beforeSeq to read the next (older) page; null at the end */
  nextCursor: z.number().nullable(),
});
export type AuditPage = z.infer<typeof auditPage>;
