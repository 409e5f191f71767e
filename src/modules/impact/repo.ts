import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import {
  aiSystems,
  appliedControls,
  impactAssessments,
  impactAssessmentSignoffs,
  memberships,
  systemClassifications,
  users,
} from '../../db/schema.js';
import type { ImpactListQuery } from './schema.js';

export type ImpactRow = typeof impactAssessments.$inferSelect;
export type ImpactInsert = typeof impactAssessments.$inferInsert;
export type SignoffRow = typeof impactAssessmentSignoffs.$inferSelect;
export type SystemRow = typeof aiSystems.$inferSelect;

const systemName = { id: aiSystems.id, name: aiSystems.name };

export interface JoinedImpact {
  impact: ImpactRow;
  system: { id: string; name: string };
}

function listWhere(orgId: string, q: ImpactListQuery): SQL | undefined {
  const where: (SQL | undefined)[] = [eq(impactAssessments.orgId, orgId)];
  if (q.status) where.push(eq(impactAssessments.status, q.status));
  if (q.systemId) where.push(eq(impactAssessments.systemId, q.systemId));
  if (q.needsReassessment !== undefined) where.push(eq(impactAssessments.needsReassessment, q.needsReassessment));
  return and(...where);
}

export async function listImpacts(db: Db, orgId: string, q: ImpactListQuery): Promise<{ rows: JoinedImpact[]; total: number }> {
  const where = listWhere(orgId, q);
  const [rows, totals] = await Promise.all([
    db
      .select({ impact: impactAssessments, system: systemName })
      .from(impactAssessments)
      .innerJoin(aiSystems, eq(aiSystems.id, impactAssessments.systemId))
      .where(where)
      .orderBy(desc(impactAssessments.updatedAt), asc(impactAssessments.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(impactAssessments).where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export async function findImpact(db: Db, orgId: string, id: string): Promise<JoinedImpact | undefined> {
  const [row] = await db
    .select({ impact: impactAssessments, system: systemName })
    .from(impactAssessments)
    .innerJoin(aiSystems, eq(aiSystems.id, impactAssessments.systemId))
    .where(and(eq(impactAssessments.orgId, orgId), eq(impactAssessments.id, id)));
  return row;
}

export async function lockImpact(db: Db, orgId: string, id: string): Promise<ImpactRow | undefined> {
  const [row] = await db
    .select()
    .from(impactAssessments)
    .where(and(eq(impactAssessments.orgId, orgId), eq(impactAssessments.id, id)))
    .for('update');
  return row;
}

/** Every version of a system's assessment, newest first. */
export async function versionsOf(db: Db, orgId: string, systemId: string): Promise<ImpactRow[]> {
  return db
    .select()
    .from(impactAssessments)
    .where(and(eq(impactAssessments.orgId, orgId), eq(impactAssessments.systemId, systemId)))
    .orderBy(desc(impactAssessments.versionNo));
}

export async function insertImpact(db: Db, row: ImpactInsert): Promise<ImpactRow> {
  const [out] = await db.insert(impactAssessments).values(row).returning();
  if (!out) throw new Error('impact assessment insert returned nothing');
  return out;
}

export async function updateImpact(db: Db, orgId: string, id: string, set: Partial<ImpactInsert>): Promise<ImpactRow | undefined> {
  const [row] = await db
    .update(impactAssessments)
    .set({ ...set, updatedAt: new Date(), version: sql`${impactAssessments.version} + 1` })
    .where(and(eq(impactAssessments.orgId, orgId), eq(impactAssessments.id, id)))
    .returning();
  return row;
}

export async function signoffsOf(db: Db, orgId: string, assessmentId: string): Promise<SignoffRow[]> {
  return db
    .select()
    .from(impactAssessmentSignoffs)
    .where(and(eq(impactAssessmentSignoffs.orgId, orgId), eq(impactAssessmentSignoffs.assessmentId, assessmentId)))
    .orderBy(asc(impactAssessmentSignoffs.signedAt), asc(impactAssessmentSignoffs.id));
}

export async function insertSignoff(db: Db, row: typeof impactAssessmentSignoffs.$inferInsert): Promise<SignoffRow> {
  const [out] = await db.insert(impactAssessmentSignoffs).values(row).returning();
  if (!out) throw new Error('sign-off insert returned nothing');
  return out;
}

/* ---------- the systems and people around an assessment ---------- */

export async function findSystem(db: Db, orgId: string, id: string): Promise<SystemRow | undefined> {
  const [row] = await db
    .select()
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), eq(aiSystems.id, id)));
  return row;
}

/** Locks the system row, so that two people starting an assessment of it queue instead of colliding on the version. */
export async function lockSystem(db: Db, orgId: string, id: string): Promise<SystemRow | undefined> {
  const [row] = await db
    .select()
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), eq(aiSystems.id, id)))
    .for('update');
  return row;
}

export async function liveSystems(db: Db, orgId: string): Promise<SystemRow[]> {
  return db
    .select()
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), isNull(aiSystems.archivedAt)))
    .orderBy(asc(aiSystems.name), asc(aiSystems.id));
}

/** The newest EU AI Act tier of each classified system of the organisation. */
export async function latestTiers(db: Db, orgId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectDistinctOn([systemClassifications.systemId], { systemId: systemClassifications.systemId, tier: systemClassifications.tier })
    .from(systemClassifications)
    .where(eq(systemClassifications.orgId, orgId))
    .orderBy(systemClassifications.systemId, desc(systemClassifications.classifiedAt), desc(systemClassifications.id));
  return new Map(rows.map((r) => [r.systemId, r.tier]));
}

/** The newest version of each system's assessment. */
export async function latestImpacts(db: Db, orgId: string): Promise<Map<string, ImpactRow>> {
  const rows = await db
    .selectDistinctOn([impactAssessments.systemId])
    .from(impactAssessments)
    .where(eq(impactAssessments.orgId, orgId))
    .orderBy(impactAssessments.systemId, desc(impactAssessments.versionNo));
  return new Map(rows.map((r) => [r.systemId, r]));
}

export interface MemberRow {
  id: string;
  name: string;
  role: string;
}

/** Members of the organisation, optionally only some users or some roles, by name. */
export async function members(db: Db, orgId: string, filter: { userIds?: string[]; roles?: string[] }): Promise<MemberRow[]> {
  const where: (SQL | undefined)[] = [eq(memberships.orgId, orgId), isNull(users.disabledAt)];
  if (filter.userIds) {
    if (!filter.userIds.length) return [];
    where.push(inArray(memberships.userId, filter.userIds));
  }
  if (filter.roles) where.push(inArray(memberships.role, filter.roles));
  return db
    .select({ id: users.id, name: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...where))
    .orderBy(asc(users.displayName), asc(users.id));
}

export async function userName(db: Db, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name;
}

/** Which of these applied-control ids belong to the organisation. */
export async function controlsAmong(db: Db, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: appliedControls.id, name: appliedControls.name })
    .from(appliedControls)
    .where(and(eq(appliedControls.orgId, orgId), inArray(appliedControls.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
