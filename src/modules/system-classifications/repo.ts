import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { aiSystems, systemClassifications } from '../../db/schema.js';

export type ClassificationRow = typeof systemClassifications.$inferSelect;

export async function insertClassification(db: Db, row: typeof systemClassifications.$inferInsert): Promise<ClassificationRow> {
  const [created] = await db.insert(systemClassifications).values(row).returning();
  if (!created) throw new Error('classification insert returned nothing');
  return created;
}

export async function historyOf(db: Db, orgId: string, systemId: string): Promise<ClassificationRow[]> {
  return db
    .select()
    .from(systemClassifications)
    .where(and(eq(systemClassifications.orgId, orgId), eq(systemClassifications.systemId, systemId)))
    .orderBy(desc(systemClassifications.classifiedAt), desc(systemClassifications.id));
}

/** Every live system with its newest classification (or none). */
export async function latestPerSystem(db: Db, orgId: string) {
  const latest = db
    .selectDistinctOn([systemClassifications.systemId], {
      systemId: systemClassifications.systemId,
      tier: systemClassifications.tier,
      euResult: systemClassifications.euResult,
      hkResult: systemClassifications.hkResult,
      classifiedAt: systemClassifications.classifiedAt,
    })
    .from(systemClassifications)
    .where(eq(systemClassifications.orgId, orgId))
    .orderBy(systemClassifications.systemId, desc(systemClassifications.classifiedAt), desc(systemClassifications.id))
    .as('latest');
  return db
    .select({
      id: aiSystems.id,
      name: aiSystems.name,
      nextReviewDate: aiSystems.nextReviewDate,
      tier: latest.tier,
      euResult: latest.euResult,
      hkResult: latest.hkResult,
      classifiedAt: latest.classifiedAt,
    })
    .from(aiSystems)
    .leftJoin(latest, eq(latest.systemId, aiSystems.id))
    .where(and(eq(aiSystems.orgId, orgId), isNull(aiSystems.archivedAt)))
    .orderBy(aiSystems.name, aiSystems.id);
}

/** The tier each system of the organisation has now (systems never classified are absent). */
export async function currentTiers(db: Db, orgId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectDistinctOn([systemClassifications.systemId], { systemId: systemClassifications.systemId, tier: systemClassifications.tier })
    .from(systemClassifications)
    .where(eq(systemClassifications.orgId, orgId))
    .orderBy(systemClassifications.systemId, desc(systemClassifications.classifiedAt), desc(systemClassifications.id));
  return new Map(rows.map((r) => [r.systemId, r.tier]));
}
