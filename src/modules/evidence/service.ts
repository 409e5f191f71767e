import type { Readable } from 'node:stream';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import { expiryWindow } from './expiry.js';
import { CONTENT_HEAD_BYTES, checkEvidenceContent } from './content-check.js';
import { cleanFileName, extensionOf, resolveEvidenceMediaType } from './file-types.js';
import { checkLinkTarget } from './links.js';
import { loadRelated, presentEvidence, presentFile, snapshotEvidence } from './present.js';
import * as repo from './repo.js';
import {
  createEvidenceInput,
  EVIDENCE_MAX_BYTES,
  EXPIRING_WITHIN_DAYS,
  evidenceLinkInput,
  evidenceRuleIssues,
  updateEvidenceInput,
  type CreateEvidenceInput,
  type EvidenceExpirySummary,
  type EvidenceKind,
  type EvidenceLinkInput,
  type EvidenceListQuery,
  type EvidencePage,
  type EvidenceView,
  type UpdateEvidenceInput,
} from './schema.js';
import type { EvidenceStore } from './store.js';

/** What the evidence services need besides the request context. */
export interface EvidenceEnv {
  catalog: FrameworkCatalog;
  store: EvidenceStore;
}

export interface EvidenceUpload {
  fileName: string;
  /** the media type the client declared */
  mediaType: string | undefined;
  content: Readable | Buffer;
  /** true when the upload was cut off at the multipart size limit */
  truncated?: () => boolean;
}

export interface EvidenceDownload {
  fileName: string;
  mediaType: string;
  sha256: string;
  body: Buffer;
}

const requireRead = (ctx: OrgContext) => {
  if (!can(ctx.role, 'evidence.read')) throw forbidden();
};
const requireManage = (ctx: OrgContext) => {
  if (!can(ctx.role, 'evidence.manage')) throw forbidden();
};
const archivedConflict = () => new AppError('conflict', 'This evidence is archived; restore it before changing it');

async function checkOwner(ctx: OrgContext, ownerId: string | null): Promise<void> {
  if (ownerId && (await repo.membersAmong(ctx.db, ctx.org.id, [ownerId])).length === 0) {
    throw invalid('The owner must be a member of this organisation', [{ path: 'ownerId', message: 'Not a member of this organisation' }]);
  }
}

function checkRules(v: Parameters<typeof evidenceRuleIssues>[0]): void {
  const issues = evidenceRuleIssues(v);
  if (issues.length) throw invalid(issues[0]!.message, issues);
}

export async function listEvidence(ctx: OrgContext, env: EvidenceEnv, query: EvidenceListQuery): Promise<EvidencePage> {
  requireRead(ctx);
  const window = expiryWindow();
  const { rows, total } = await repo.listEvidence(ctx.db, ctx.org.id, query, window);
  const related = await loadRelated(ctx.db, env.catalog, ctx.org.id, rows);
  return {
    items: rows.map((r) => presentEvidence(r, related, ctx.role, window)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function getEvidence(ctx: OrgContext, env: EvidenceEnv, id: string): Promise<EvidenceView> {
  requireRead(ctx);
  const row = await repo.findEvidence(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Evidence');
  return presentEvidence(row, await loadRelated(ctx.db, env.catalog, ctx.org.id, [row]), ctx.role, expiryWindow());
}

export async function createEvidence(ctx: OrgContext, env: EvidenceEnv, input: CreateEvidenceInput): Promise<EvidenceView> {
  requireManage(ctx);
  const data = parseOrThrow(createEvidenceInput, input);
  checkRules(data);
  await checkOwner(ctx, data.ownerId);
  const id = await withAudit(ctx, async (tx, audit) => {
    const row = await repo.insertEvidence(tx, { ...data, orgId: ctx.org.id });
    audit({ action: 'evidence.create', entityType: 'evidence', entityId: row.id, after: snapshotEvidence(row) });
    return row.id;
  });
  return getEvidence(ctx, env, id);
}

export async function updateEvidence(ctx: OrgContext, env: EvidenceEnv, id: string, input: UpdateEvidenceInput): Promise<EvidenceView> {
  requireManage(ctx);
  const { version, ...changes } = parseOrThrow(updateEvidenceInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockEvidence(tx, ctx.org.id, id);
    if (!before) throw notFound('Evidence');
    if (before.archivedAt) throw archivedConflict();
    if (version !== undefined && version !== before.version) {
      throw new AppError('conflict', 'Someone else changed this evidence since you opened it; reload and try again', {
        currentVersion: before.version,
      });
    }
    checkRules({ ...before, ...changes, kind: before.kind as EvidenceKind });
    if (changes.ownerId !== undefined) await checkOwner({ ...ctx, db: tx }, changes.ownerId);
    const after = await repo.updateEvidence(tx, ctx.org.id, id, changes);
    if (!after) throw notFound('Evidence');
    audit({
      action: 'evidence.update',
      entityType: 'evidence',
      entityId: id,
      before: snapshotEvidence(before),
      after: snapshotEvidence(after),
    });
  });
  return getEvidence(ctx, env, id);
}

async function setArchived(ctx: OrgContext, env: EvidenceEnv, id: string, archived: boolean): Promise<EvidenceView> {
  requireManage(ctx);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockEvidence(tx, ctx.org.id, id);
    if (!before) throw notFound('Evidence');
    if (!!before.archivedAt === archived) return;
    const after = await repo.updateEvidence(tx, ctx.org.id, id, { archivedAt: archived ? new Date() : null });
    if (!after) throw notFound('Evidence');
    audit({
      action: archived ? 'evidence.archive' : 'evidence.restore',
      entityType: 'evidence',
      entityId: id,
      before: snapshotEvidence(before),
      after: snapshotEvidence(after),
    });
  });
  return getEvidence(ctx, env, id);
}

export const archiveEvidence = (ctx: OrgContext, env: EvidenceEnv, id: string) => setArchived(ctx, env, id, true);
export const restoreEvidence = (ctx: OrgContext, env: EvidenceEnv, id: string) => setArchived(ctx, env, id, false);

/** Refuses an upload to an item that cannot take one; the same checks run again under the row lock. */
function checkUploadTarget(row: repo.EvidenceRow | undefined): asserts row is repo.EvidenceRow {
  if (!row) throw notFound('Evidence');
  if (row.archivedAt) throw archivedConflict();
  if (row.kind !== 'file')
    throw invalid('Only file evidence holds files', [{ path: 'file', message: 'This evidence is a link or a note' }]);
}

/**
 * Stores a new version of a file item. The type is checked before a byte is stored; the bytes are hashed while they
 * stream to disk, then the version row and its audit entry commit together. A refused upload leaves no row; bytes
 * of an upload whose transaction fails stay in the store unreferenced (content-addressed, harmless).
 */
export async function uploadEvidenceFile(ctx: OrgContext, env: EvidenceEnv, id: string, upload: EvidenceUpload): Promise<EvidenceView> {
  requireManage(ctx);
  checkUploadTarget(await repo.findEvidence(ctx.db, ctx.org.id, id));
  const fileName = cleanFileName(upload.fileName);
  const mediaType = resolveEvidenceMediaType(fileName, upload.mediaType);
  const ext = extensionOf(fileName)!; // resolveEvidenceMediaType refused names without a known one
  const blob = await env.store.put(upload.content, {
    maxBytes: EVIDENCE_MAX_BYTES,
    ...(upload.truncated ? { truncated: upload.truncated } : {}),
    inspect: { headBytes: CONTENT_HEAD_BYTES, check: (head) => checkEvidenceContent(ext, head) },
  });
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockEvidence(tx, ctx.org.id, id);
    checkUploadTarget(before);
    const file = await repo.insertFile(tx, {
      orgId: ctx.org.id,
      evidenceId: id,
      versionNo: await repo.nextVersionNo(tx, ctx.org.id, id),
      sha256: blob.sha256,
      size: blob.size,
      mediaType,
      fileName,
      uploadedBy: ctx.actor.label,
    });
    await repo.updateEvidence(tx, ctx.org.id, id, {});
    audit({ action: 'evidence.upload', entityType: 'evidence', entityId: id, after: presentFile(file) });
  });
  return getEvidence(ctx, env, id);
}

/** One file version's bytes, checked against their SHA-256 first: a file changed on disk is refused, not served. */
export async function downloadEvidenceFile(ctx: OrgContext, env: EvidenceEnv, id: string, versionNo: number): Promise<EvidenceDownload> {
  requireRead(ctx);
  if (!(await repo.findEvidence(ctx.db, ctx.org.id, id))) throw notFound('Evidence');
  const file = await repo.findFile(ctx.db, ctx.org.id, id, versionNo);
  if (!file) throw notFound('File version');
  const body = await env.store.read(file.sha256);
  return { fileName: file.fileName, mediaType: file.mediaType, sha256: file.sha256, body };
}

export async function addEvidenceLink(ctx: OrgContext, env: EvidenceEnv, id: string, input: EvidenceLinkInput): Promise<EvidenceView> {
  requireManage(ctx);
  const link = parseOrThrow(evidenceLinkInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockEvidence(tx, ctx.org.id, id);
    if (!before) throw notFound('Evidence');
    if (before.archivedAt) throw archivedConflict();
    await checkLinkTarget(tx, env.catalog, ctx.org.id, link.targetType, link.targetKey);
    if (!(await repo.insertLink(tx, { orgId: ctx.org.id, evidenceId: id, ...link }))) return;
    await repo.updateEvidence(tx, ctx.org.id, id, {});
    audit({ action: 'evidence.link', entityType: 'evidence', entityId: id, after: link });
  });
  return getEvidence(ctx, env, id);
}

/** Removing a link that is not there changes nothing and answers the item as it is. */
export async function removeEvidenceLink(ctx: OrgContext, env: EvidenceEnv, id: string, input: EvidenceLinkInput): Promise<EvidenceView> {
  requireManage(ctx);
  const link = parseOrThrow(evidenceLinkInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockEvidence(tx, ctx.org.id, id);
    if (!before) throw notFound('Evidence');
    if (before.archivedAt) throw archivedConflict();
    if (!(await repo.deleteLink(tx, ctx.org.id, id, link.targetType, link.targetKey))) return;
    await repo.updateEvidence(tx, ctx.org.id, id, {});
    audit({ action: 'evidence.unlink', entityType: 'evidence', entityId: id, before: link });
  });
  return getEvidence(ctx, env, id);
}

export async function evidenceExpirySummary(ctx: OrgContext): Promise<EvidenceExpirySummary> {
  requireRead(ctx);
  const window = expiryWindow();
  const c = await repo.expiryCounts(ctx.db, ctx.org.id, window);
  return {
    ...c,
    valid: c.total - c.expired - c.expiringSoon - c.noExpiry,
    withinDays: EXPIRING_WITHIN_DAYS,
    asOf: window.today,
  };
}
