import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import {
  aiSystems,
  appliedControls,
  controlRequirements,
  evidenceItems,
  evidenceLinks,
  memberships,
  organizations,
  soaEntries,
  soaVersions,
  users,
  vendors,
} from '../../db/schema.js';

export type SoaEntryRow = typeof soaEntries.$inferSelect;
export type SoaEntryInsert = typeof soaEntries.$inferInsert;
export type SoaVersionRow = typeof soaVersions.$inferSelect;

export async function entries(db: Db, orgId: string): Promise<SoaEntryRow[]> {
  return db.select().from(soaEntries).where(eq(soaEntries.orgId, orgId));
}

export async function lockEntry(db: Db, orgId: string, controlRef: string): Promise<SoaEntryRow | undefined> {
  const [row] = await db
    .select()
    .from(soaEntries)
    .where(and(eq(soaEntries.orgId, orgId), eq(soaEntries.controlRef, controlRef)))
    .for('update');
  return row;
}

export async function insertEntry(db: Db, row: SoaEntryInsert): Promise<SoaEntryRow> {
  const [inserted] = await db.insert(soaEntries).values(row).returning();
  if (!inserted) throw new Error('soa entry insert returned nothing');
  return inserted;
}

export async function updateEntry(db: Db, orgId: string, controlRef: string, set: Partial<SoaEntryInsert>): Promise<SoaEntryRow> {
  const [row] = await db
    .update(soaEntries)
    .set({ ...set, updatedAt: new Date(), version: sql`${soaEntries.version} + 1` })
    .where(and(eq(soaEntries.orgId, orgId), eq(soaEntries.controlRef, controlRef)))
    .returning();
  if (!row) throw new Error('soa entry update returned nothing');
  return row;
}

/** Serialises approvals of one organisation (the version number is the previous one + 1). */
export async function lockOrgForApproval(db: Db, orgId: string): Promise<void> {
  await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId)).for('update');
}

/** Live, non-archived systems, with what suggestions read. */
export async function systemFacts(db: Db, orgId: string) {
  return db
    .select({
      type: aiSystems.type,
      hosting: aiSystems.hosting,
      vendorId: aiSystems.vendorId,
      modelProviders: aiSystems.modelProviders,
      dataCategories: aiSystems.dataCategories,
      affectedPersons: aiSystems.affectedPersons,
      lifecycleStage: aiSystems.lifecycleStage,
    })
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), isNull(aiSystems.archivedAt)));
}

export async function liveVendorCount(db: Db, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(vendors)
    .where(and(eq(vendors.orgId, orgId), isNull(vendors.archivedAt)));
  return row?.n ?? 0;
}

/** Live applied controls linked to Annex A controls of `framework`, by requirement id. */
export async function linkedControls(db: Db, orgId: string, framework: string) {
  return db
    .select({
      requirementId: controlRequirements.requirementId,
      id: appliedControls.id,
      name: appliedControls.name,
      status: appliedControls.status,
    })
    .from(controlRequirements)
    .innerJoin(appliedControls, and(eq(appliedControls.id, controlRequirements.controlId), eq(appliedControls.orgId, orgId)))
    .where(and(eq(controlRequirements.orgId, orgId), eq(controlRequirements.framework, framework), isNull(appliedControls.archivedAt)))
    .orderBy(asc(appliedControls.name), asc(appliedControls.id));
}

/**
 * Live evidence linked to a requirement of `framework` directly ('framework:A.x.y') or to one of the given applied
 * controls; `targetType`/`targetKey` tell which.
 */
export async function linkedEvidence(db: Db, orgId: string, framework: string, controlIds: string[]) {
  const targets = [and(eq(evidenceLinks.targetType, 'requirement'), sql`${evidenceLinks.targetKey} like ${`${framework}:%`}`)];
  if (controlIds.length > 0) targets.push(and(eq(evidenceLinks.targetType, 'control'), inArray(evidenceLinks.targetKey, controlIds)));
  return db
    .select({
      targetType: evidenceLinks.targetType,
      targetKey: evidenceLinks.targetKey,
      id: evidenceItems.id,
      title: evidenceItems.title,
      expiresOn: evidenceItems.expiresOn,
    })
    .from(evidenceLinks)
    .innerJoin(evidenceItems, and(eq(evidenceItems.id, evidenceLinks.evidenceId), eq(evidenceItems.orgId, orgId)))
    .where(and(eq(evidenceLinks.orgId, orgId), isNull(evidenceItems.archivedAt), or(...targets)))
    .orderBy(asc(evidenceItems.title), asc(evidenceItems.id));
}

/** Display names of the organisation's members, by user id. */
export async function memberNames(db: Db, orgId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function isMember(db: Db, orgId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row !== undefined;
}

export async function userName(db: Db, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name;
}

export async function versions(db: Db, orgId: string): Promise<Omit<SoaVersionRow, 'snapshot'>[]> {
  return db
    .select({
      id: soaVersions.id,
      orgId: soaVersions.orgId,
      versionNo: soaVersions.versionNo,
      approvedBy: soaVersions.approvedBy,
      approverName: soaVersions.approverName,
      approvedAt: soaVersions.approvedAt,
      note: soaVersions.note,
      snapshotHash: soaVersions.snapshotHash,
    })
    .from(soaVersions)
    .where(eq(soaVersions.orgId, orgId))
    .orderBy(desc(soaVersions.versionNo));
}

export async function findVersion(db: Db, orgId: string, versionNo: number): Promise<SoaVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(soaVersions)
    .where(and(eq(soaVersions.orgId, orgId), eq(soaVersions.versionNo, versionNo)));
  return row;
}

export async function insertVersion(db: Db, row: typeof soaVersions.$inferInsert): Promise<SoaVersionRow> {
  const [inserted] = await db.insert(soaVersions).values(row).returning();
  if (!inserted) throw new Error('soa version insert returned nothing');
  return inserted;
}
