import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { aiSystems, residencyPolicies, vendorAiFeatures, vendors } from '../../db/schema.js';

export type PolicyRow = typeof residencyPolicies.$inferSelect;

export async function findPolicy(db: Db, orgId: string, lock = false): Promise<PolicyRow | undefined> {
  const q = db.select().from(residencyPolicies).where(eq(residencyPolicies.orgId, orgId));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function upsertPolicy(
  db: Db,
  orgId: string,
  set: { allowedRegions: string[]; dataCategories: string[]; note: string | null },
) {
  const [row] = await db
    .insert(residencyPolicies)
    .values({ orgId, ...set })
    .onConflictDoUpdate({
      target: residencyPolicies.orgId,
      set: { ...set, updatedAt: new Date(), version: sql`${residencyPolicies.version} + 1` },
    })
    .returning();
  if (!row) throw new Error('residency policy upsert returned nothing');
  return row;
}

export async function liveSystems(db: Db, orgId: string) {
  return db
    .select({
      id: aiSystems.id,
      name: aiSystems.name,
      regionsUsed: aiSystems.regionsUsed,
      outputRegions: aiSystems.outputRegions,
      dataCategories: aiSystems.dataCategories,
      vendorId: aiSystems.vendorId,
    })
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), isNull(aiSystems.archivedAt)))
    .orderBy(aiSystems.name);
}

/** Switched-on AI features that are inventory systems: they bring the system's data to the feature's vendor. */
export async function enabledFeatureLinks(db: Db, orgId: string) {
  return db
    .select({ vendorId: vendorAiFeatures.vendorId, systemId: vendorAiFeatures.systemId })
    .from(vendorAiFeatures)
    .where(
      and(
        eq(vendorAiFeatures.orgId, orgId),
        eq(vendorAiFeatures.enabled, true),
        isNull(vendorAiFeatures.archivedAt),
        isNotNull(vendorAiFeatures.systemId),
      ),
    );
}

export async function liveVendors(db: Db, orgId: string) {
  return db
    .select({ id: vendors.id, name: vendors.name, dataProcessingRegions: vendors.dataProcessingRegions })
    .from(vendors)
    .where(and(eq(vendors.orgId, orgId), isNull(vendors.archivedAt)))
    .orderBy(vendors.name);
}
