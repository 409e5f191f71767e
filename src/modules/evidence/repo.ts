import { and, asc, count, desc, eq, gt, ilike, inArray, isNotNull, isNull, like, lt, lte, gte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import {
  aiSystems,
  appliedControls,
  assessmentItems,
  assessments,
  evidenceFiles,
  evidenceItems,
  evidenceLinks,
  memberships,
  users,
} from '../../db/schema.js';
import { escapeLike } from '../audit-log/repo.js';
import type { ExpiryWindow } from './expiry.js';
import type { EvidenceListQuery, EvidenceTargetType } from './schema.js';

export type EvidenceRow = typeof evidenceItems.$inferSelect;
export type EvidenceInsert = typeof evidenceItems.$inferInsert;
export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;
export type EvidenceLinkRow = typeof evidenceLinks.$inferSelect;

function expiryWhere(state: NonNullable<EvidenceListQuery['expiry']>, w: ExpiryWindow): SQL | undefined {
  switch (state) {
    case 'expired':
      return lt(evidenceItems.expiresOn, w.today);
    case 'expiring':
      return and(gte(evidenceItems.expiresOn, w.today), lte(evidenceItems.expiresOn, w.soon));
    case 'valid':
      return or(isNull(evidenceItems.expiresOn), gt(evidenceItems.expiresOn, w.soon));
  }
}

function listWhere(orgId: string, q: EvidenceListQuery, w: ExpiryWindow): SQL | undefined {
  const where: (SQL | undefined)[] = [eq(evidenceItems.orgId, orgId)];
  if (q.archived === 'exclude') where.push(isNull(evidenceItems.archivedAt));
  if (q.archived === 'only') where.push(isNotNull(evidenceItems.archivedAt));
  if (q.kind) where.push(eq(evidenceItems.kind, q.kind));
  if (q.owner) where.push(eq(evidenceItems.ownerId, q.owner));
  if (q.expiry) where.push(expiryWhere(q.expiry, w));
  if (q.targetType && q.targetKey) {
    where.push(
      sql`exists (select 1 from ${evidenceLinks} where ${evidenceLinks.evidenceId} = ${evidenceItems.id} and ${evidenceLinks.orgId} = ${orgId} and ${evidenceLinks.targetType} = ${q.targetType} and ${evidenceLinks.targetKey} = ${q.targetKey})`,
    );
  }
  if (q.q) {
    const p = `%${escapeLike(q.q)}%`;
    where.push(
      or(ilike(evidenceItems.title, p), ilike(evidenceItems.description, p), ilike(evidenceItems.note, p), ilike(evidenceItems.url, p)),
    );
  }
  return and(...where);
}

const sortColumns = {
  title: evidenceItems.title,
  updatedAt: evidenceItems.updatedAt,
  createdAt: evidenceItems.createdAt,
  expiresOn: evidenceItems.expiresOn,
} as const;

export async function listEvidence(db: Db, orgId: string, q: EvidenceListQuery, w: ExpiryWindow) {
  const where = listWhere(orgId, q, w);
  const direction = q.order === 'asc' ? asc : desc;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(evidenceItems)
      .where(where)
      .orderBy(direction(sortColumns[q.sort]), asc(evidenceItems.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(evidenceItems).where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export async function findEvidence(db: Db, orgId: string, id: string): Promise<EvidenceRow | undefined> {
  const [row] = await db
    .select()
    .from(evidenceItems)
    .where(and(eq(evidenceItems.orgId, orgId), eq(evidenceItems.id, id)));
  return row;
}

export async function evidenceByIds(db: Db, orgId: string, ids: string[]): Promise<EvidenceRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(evidenceItems)
    .where(and(eq(evidenceItems.orgId, orgId), inArray(evidenceItems.id, ids)));
}

export async function lockEvidence(db: Db, orgId: string, id: string): Promise<EvidenceRow | undefined> {
  const [row] = await db
    .select()
    .from(evidenceItems)
    .where(and(eq(evidenceItems.orgId, orgId), eq(evidenceItems.id, id)))
    .for('update');
  return row;
}

export async function insertEvidence(db: Db, row: EvidenceInsert): Promise<EvidenceRow> {
  const [out] = await db.insert(evidenceItems).values(row).returning();
  if (!out) throw new Error('evidence insert returned nothing');
  return out;
}

/** Changes the item and moves its version, so that an editor holding the old one gets a 409. */
export async function updateEvidence(db: Db, orgId: string, id: string, set: Partial<EvidenceInsert>): Promise<EvidenceRow | undefined> {
  const [row] = await db
    .update(evidenceItems)
    .set({ ...set, updatedAt: new Date(), version: sql`${evidenceItems.version} + 1` })
    .where(and(eq(evidenceItems.orgId, orgId), eq(evidenceItems.id, id)))
    .returning();
  return row;
}

/** File versions of the items, newest first. */
export async function filesOf(db: Db, orgId: string, evidenceIds: string[]): Promise<EvidenceFileRow[]> {
  if (evidenceIds.length === 0) return [];
  return db
    .select()
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.orgId, orgId), inArray(evidenceFiles.evidenceId, evidenceIds)))
    .orderBy(desc(evidenceFiles.versionNo));
}

export async function findFile(db: Db, orgId: string, evidenceId: string, versionNo: number): Promise<EvidenceFileRow | undefined> {
  const [row] = await db
    .select()
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.orgId, orgId), eq(evidenceFiles.evidenceId, evidenceId), eq(evidenceFiles.versionNo, versionNo)));
  return row;
}

export async function insertFile(db: Db, row: typeof evidenceFiles.$inferInsert): Promise<EvidenceFileRow> {
  const [out] = await db.insert(evidenceFiles).values(row).returning();
  if (!out) throw new Error('evidence file insert returned nothing');
  return out;
}

export async function nextVersionNo(db: Db, orgId: string, evidenceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${evidenceFiles.versionNo}), 0)`.mapWith(Number) })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.orgId, orgId), eq(evidenceFiles.evidenceId, evidenceId)));
  return (row?.n ?? 0) + 1;
}

export async function linksOf(db: Db, orgId: string, evidenceIds: string[]): Promise<EvidenceLinkRow[]> {
  if (evidenceIds.length === 0) return [];
  return db
    .select()
    .from(evidenceLinks)
    .where(and(eq(evidenceLinks.orgId, orgId), inArray(evidenceLinks.evidenceId, evidenceIds)))
    .orderBy(asc(evidenceLinks.targetType), asc(evidenceLinks.targetKey));
}

/** Adds the link; false when it was already there. */
export async function insertLink(db: Db, row: EvidenceLinkRow): Promise<boolean> {
  const out = await db.insert(evidenceLinks).values(row).onConflictDoNothing().returning();
  return out.length > 0;
}

/** Removes the link; false when there was none. */
export async function deleteLink(db: Db, orgId: string, evidenceId: string, targetType: string, targetKey: string): Promise<boolean> {
  const out = await db
    .delete(evidenceLinks)
    .where(
      and(
        eq(evidenceLinks.orgId, orgId),
        eq(evidenceLinks.evidenceId, evidenceId),
        eq(evidenceLinks.targetType, targetType),
        eq(evidenceLinks.targetKey, targetKey),
      ),
    )
    .returning();
  return out.length > 0;
}

/** Members of the organisation among `userIds`, with what the evidence views show of them. */
export async function membersAmong(db: Db, orgId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ id: users.id, name: users.displayName, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, userIds)));
}

/** The names of the organisation's link targets among `ids`, by type; the caller validated the ids as UUIDs. */
export async function targetNames(db: Db, orgId: string, type: Exclude<EvidenceTargetType, 'requirement'>, ids: string[]) {
  if (ids.length === 0) return [];
  switch (type) {
    case 'control':
      return db
        .select({ id: appliedControls.id, label: appliedControls.name, archivedAt: appliedControls.archivedAt })
        .from(appliedControls)
        .where(and(eq(appliedControls.orgId, orgId), inArray(appliedControls.id, ids)));
    case 'system':
      return db
        .select({ id: aiSystems.id, label: aiSystems.name, archivedAt: aiSystems.archivedAt })
        .from(aiSystems)
        .where(and(eq(aiSystems.orgId, orgId), inArray(aiSystems.id, ids)));
    case 'assessment_item':
      return db
        .select({
          id: assessmentItems.id,
          label: sql<string>`${assessments.title} || ' — ' || ${assessmentItems.requirementId}`,
          archivedAt: assessments.archivedAt,
        })
        .from(assessmentItems)
        .innerJoin(assessments, eq(assessments.id, assessmentItems.assessmentId))
        .where(and(eq(assessmentItems.orgId, orgId), inArray(assessmentItems.id, ids)));
  }
}

/** Evidence ids linked to requirements of one framework ("<framework>:…"). */
export async function evidenceIdsForFramework(db: Db, orgId: string, framework: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: evidenceLinks.evidenceId })
    .from(evidenceLinks)
    .where(
      and(
        eq(evidenceLinks.orgId, orgId),
        eq(evidenceLinks.targetType, 'requirement'),
        like(evidenceLinks.targetKey, `${escapeLike(framework)}:%`),
      ),
    );
  return rows.map((r) => r.id);
}

export async function evidenceIdsForTarget(db: Db, orgId: string, targetType: EvidenceTargetType, targetKey: string): Promise<string[]> {
  const rows = await db
    .select({ id: evidenceLinks.evidenceId })
    .from(evidenceLinks)
    .where(and(eq(evidenceLinks.orgId, orgId), eq(evidenceLinks.targetType, targetType), eq(evidenceLinks.targetKey, targetKey)));
  return rows.map((r) => r.id);
}

/** Items for the evidence pack, ordered by title. */
export async function packItems(db: Db, orgId: string, opts: { ids?: string[]; includeArchived: boolean }): Promise<EvidenceRow[]> {
  const where: (SQL | undefined)[] = [eq(evidenceItems.orgId, orgId)];
  if (!opts.includeArchived) where.push(isNull(evidenceItems.archivedAt));
  if (opts.ids) {
    if (opts.ids.length === 0) return [];
    where.push(inArray(evidenceItems.id, opts.ids));
  }
  return db
    .select()
    .from(evidenceItems)
    .where(and(...where))
    .orderBy(asc(evidenceItems.title), asc(evidenceItems.id));
}

/** Live items counted by expiry state. */
export async function expiryCounts(db: Db, orgId: string, w: ExpiryWindow) {
  const [row] = await db
    .select({
      total: count(),
      expired: sql<number>`count(*) filter (where ${evidenceItems.expiresOn} < ${w.today})`.mapWith(Number),
      expiringSoon:
        sql<number>`count(*) filter (where ${evidenceItems.expiresOn} >= ${w.today} and ${evidenceItems.expiresOn} <= ${w.soon})`.mapWith(
          Number,
        ),
      noExpiry: sql<number>`count(*) filter (where ${evidenceItems.expiresOn} is null)`.mapWith(Number),
    })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.orgId, orgId), isNull(evidenceItems.archivedAt)));
  return {
    total: Number(row?.total ?? 0),
    expired: row?.expired ?? 0,
    expiringSoon: row?.expiringSoon ?? 0,
    noExpiry: row?.noExpiry ?? 0,
  };
}
