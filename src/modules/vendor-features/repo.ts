import { and, asc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { aiSystems, vendorAiFeatures, vendors } from '../../db/schema.js';
import type { FeatureListQuery } from './schema.js';

export type FeatureRow = typeof vendorAiFeatures.$inferSelect;
export type FeatureInsert = typeof vendorAiFeatures.$inferInsert;
export interface FeatureJoined {
  feature: FeatureRow;
  vendorName: string;
  systemName: string | null;
}

function joined(db: Db) {
  return db
    .select({ feature: vendorAiFeatures, vendorName: vendors.name, systemName: aiSystems.name })
    .from(vendorAiFeatures)
    .innerJoin(vendors, eq(vendors.id, vendorAiFeatures.vendorId))
    .leftJoin(aiSystems, eq(aiSystems.id, vendorAiFeatures.systemId));
}

export async function listForVendor(db: Db, orgId: string, vendorId: string, q: FeatureListQuery): Promise<FeatureJoined[]> {
  const where: SQL[] = [eq(vendorAiFeatures.orgId, orgId), eq(vendorAiFeatures.vendorId, vendorId)];
  if (q.archived === 'exclude') where.push(isNull(vendorAiFeatures.archivedAt));
  if (q.archived === 'only') where.push(isNotNull(vendorAiFeatures.archivedAt));
  return joined(db)
    .where(and(...where))
    .orderBy(asc(vendorAiFeatures.product), asc(vendorAiFeatures.feature), asc(vendorAiFeatures.id));
}

export async function findFeature(db: Db, orgId: string, id: string): Promise<FeatureJoined | undefined> {
  const [row] = await joined(db).where(and(eq(vendorAiFeatures.orgId, orgId), eq(vendorAiFeatures.id, id)));
  return row;
}

export async function lockFeature(db: Db, orgId: string, id: string): Promise<FeatureRow | undefined> {
  const [row] = await db
    .select()
    .from(vendorAiFeatures)
    .where(and(eq(vendorAiFeatures.orgId, orgId), eq(vendorAiFeatures.id, id)))
    .for('update');
  return row;
}

export async function insertFeature(db: Db, row: FeatureInsert): Promise<FeatureRow> {
  const [out] = await db.insert(vendorAiFeatures).values(row).returning();
  if (!out) throw new Error('feature insert returned nothing');
  return out;
}

export async function updateFeature(db: Db, orgId: string, id: string, set: Partial<FeatureInsert>) {
  const [row] = await db
    .update(vendorAiFeatures)
    .set({ ...set, updatedAt: new Date(), version: sql`${vendorAiFeatures.version} + 1` })
    .where(and(eq(vendorAiFeatures.orgId, orgId), eq(vendorAiFeatures.id, id)))
    .returning();
  return row;
}

/** Whether `systemId` is a live AI system of the organisation. */
export async function isLiveSystem(db: Db, orgId: string, systemId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: aiSystems.id })
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), eq(aiSystems.id, systemId), isNull(aiSystems.archivedAt)));
  return !!row;
}
