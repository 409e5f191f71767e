import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { aiSystems, assuranceRuns, datasets, thresholdProfiles } from '../../db/schema.js';
import type { DatasetListQuery, RunKind } from './schema.js';

export type DatasetRow = typeof datasets.$inferSelect;
export type ProfileRow = typeof thresholdProfiles.$inferSelect;
export type RunRow = typeof assuranceRuns.$inferSelect;
export type SystemOwnership = Pick<typeof aiSystems.$inferSelect, 'id' | 'name' | 'accountableOwnerId' | 'technicalOwnerId' | 'archivedAt'>;

export async function findSystem(db: Db, orgId: string, id: string): Promise<SystemOwnership | undefined> {
  const [row] = await db
    .select({
      id: aiSystems.id,
      name: aiSystems.name,
      accountableOwnerId: aiSystems.accountableOwnerId,
      technicalOwnerId: aiSystems.technicalOwnerId,
      archivedAt: aiSystems.archivedAt,
    })
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), eq(aiSystems.id, id)));
  return row;
}

/* ---------- data sets ---------- */

export async function insertDataset(db: Db, row: typeof datasets.$inferInsert): Promise<DatasetRow> {
  const [out] = await db.insert(datasets).values(row).returning();
  if (!out) throw new Error('dataset insert returned nothing');
  return out;
}

export async function listDatasets(db: Db, orgId: string, systemId: string, q: DatasetListQuery): Promise<DatasetRow[]> {
  const archived: SQL | undefined =
    q.archived === 'exclude' ? isNull(datasets.archivedAt) : q.archived === 'only' ? isNotNull(datasets.archivedAt) : undefined;
  return db
    .select()
    .from(datasets)
    .where(and(eq(datasets.orgId, orgId), eq(datasets.systemId, systemId), archived))
    .orderBy(desc(datasets.createdAt), asc(datasets.id));
}

export async function findDataset(db: Db, orgId: string, id: string): Promise<DatasetRow | undefined> {
  const [row] = await db
    .select()
    .from(datasets)
    .where(and(eq(datasets.orgId, orgId), eq(datasets.id, id)));
  return row;
}

export async function lockDataset(db: Db, orgId: string, id: string): Promise<DatasetRow | undefined> {
  const [row] = await db
    .select()
    .from(datasets)
    .where(and(eq(datasets.orgId, orgId), eq(datasets.id, id)))
    .for('update');
  return row;
}

export async function setDatasetArchived(db: Db, orgId: string, id: string, archivedAt: Date | null): Promise<DatasetRow | undefined> {
  const [row] = await db
    .update(datasets)
    .set({ archivedAt })
    .where(and(eq(datasets.orgId, orgId), eq(datasets.id, id)))
    .returning();
  return row;
}

export async function datasetsByIds(db: Db, orgId: string, ids: string[]): Promise<DatasetRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(datasets)
    .where(and(eq(datasets.orgId, orgId), inArray(datasets.id, ids)));
}

/* ---------- threshold profiles ---------- */

export async function listProfiles(db: Db, orgId: string, includeArchived: boolean): Promise<ProfileRow[]> {
  return db
    .select()
    .from(thresholdProfiles)
    .where(and(eq(thresholdProfiles.orgId, orgId), includeArchived ? undefined : isNull(thresholdProfiles.archivedAt)))
    .orderBy(asc(thresholdProfiles.builtInKey), asc(thresholdProfiles.name));
}

export async function builtInKeys(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await db
    .select({ key: thresholdProfiles.builtInKey })
    .from(thresholdProfiles)
    .where(and(eq(thresholdProfiles.orgId, orgId), isNotNull(thresholdProfiles.builtInKey)));
  return new Set(rows.map((r) => r.key!));
}

/** Inserts the profile unless one of that name exists (built-ins created concurrently); undefined then. */
export async function insertProfile(db: Db, row: typeof thresholdProfiles.$inferInsert): Promise<ProfileRow | undefined> {
  const [out] = await db.insert(thresholdProfiles).values(row).onConflictDoNothing().returning();
  return out;
}

export async function findProfile(db: Db, orgId: string, id: string): Promise<ProfileRow | undefined> {
  const [row] = await db
    .select()
    .from(thresholdProfiles)
    .where(and(eq(thresholdProfiles.orgId, orgId), eq(thresholdProfiles.id, id)));
  return row;
}

export async function lockProfile(db: Db, orgId: string, id: string): Promise<ProfileRow | undefined> {
  const [row] = await db
    .select()
    .from(thresholdProfiles)
    .where(and(eq(thresholdProfiles.orgId, orgId), eq(thresholdProfiles.id, id)))
    .for('update');
  return row;
}

export async function findProfileByName(db: Db, orgId: string, name: string): Promise<ProfileRow | undefined> {
  const [row] = await db
    .select()
    .from(thresholdProfiles)
    .where(and(eq(thresholdProfiles.orgId, orgId), eq(thresholdProfiles.name, name)));
  return row;
}

export async function profileNames(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await db.select({ name: thresholdProfiles.name }).from(thresholdProfiles).where(eq(thresholdProfiles.orgId, orgId));
  return new Set(rows.map((r) => r.name));
}

export async function updateProfile(
  db: Db,
  orgId: string,
  id: string,
  set: Partial<typeof thresholdProfiles.$inferInsert>,
): Promise<ProfileRow | undefined> {
  const [row] = await db
    .update(thresholdProfiles)
    .set({ ...set, updatedAt: new Date(), version: sql`${thresholdProfiles.version} + 1` })
    .where(and(eq(thresholdProfiles.orgId, orgId), eq(thresholdProfiles.id, id)))
    .returning();
  return row;
}

/* ---------- runs ---------- */

export async function insertRun(db: Db, row: typeof assuranceRuns.$inferInsert): Promise<RunRow> {
  const [out] = await db.insert(assuranceRuns).values(row).returning();
  if (!out) throw new Error('assurance run insert returned nothing');
  return out;
}

export async function listRuns(db: Db, orgId: string, systemId: string, kind: RunKind | undefined, limit: number): Promise<RunRow[]> {
  return db
    .select()
    .from(assuranceRuns)
    .where(and(eq(assuranceRuns.orgId, orgId), eq(assuranceRuns.systemId, systemId), kind ? eq(assuranceRuns.kind, kind) : undefined))
    .orderBy(desc(assuranceRuns.createdAt), desc(assuranceRuns.id))
    .limit(limit);
}

export async function seriesOf(db: Db, orgId: string, systemId: string, kind: RunKind) {
  return db
    .select({
      id: assuranceRuns.id,
      createdAt: assuranceRuns.createdAt,
      score: assuranceRuns.score,
      outcome: assuranceRuns.outcome,
      datasetId: assuranceRuns.datasetId,
    })
    .from(assuranceRuns)
    .where(and(eq(assuranceRuns.orgId, orgId), eq(assuranceRuns.systemId, systemId), eq(assuranceRuns.kind, kind)))
    .orderBy(asc(assuranceRuns.createdAt), asc(assuranceRuns.id))
    .limit(1000);
}

export async function findRun(db: Db, orgId: string, id: string): Promise<RunRow | undefined> {
  const [row] = await db
    .select()
    .from(assuranceRuns)
    .where(and(eq(assuranceRuns.orgId, orgId), eq(assuranceRuns.id, id)));
  return row;
}

export async function profilesByIds(db: Db, orgId: string, ids: string[]): Promise<ProfileRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(thresholdProfiles)
    .where(and(eq(thresholdProfiles.orgId, orgId), inArray(thresholdProfiles.id, ids)));
}

/** Data sets of the organisation stored under these bytes. */
export async function datasetsWithHash(db: Db, orgId: string, sha256: string): Promise<number> {
  const rows = await db
    .select({ id: datasets.id })
    .from(datasets)
    .where(and(eq(datasets.orgId, orgId), eq(datasets.sha256, sha256)))
    .limit(1);
  return rows.length;
}
