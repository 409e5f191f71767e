import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { assessments, customFrameworks } from '../../db/schema.js';

export type CustomFrameworkRow = typeof customFrameworks.$inferSelect;

export async function listCustomFrameworks(db: Db, orgId: string): Promise<CustomFrameworkRow[]> {
  return db
    .select()
    .from(customFrameworks)
    .where(eq(customFrameworks.orgId, orgId))
    .orderBy(asc(customFrameworks.createdAt), asc(customFrameworks.id));
}

export async function lockCustomFramework(db: Db, orgId: string, id: string): Promise<CustomFrameworkRow | undefined> {
  const [row] = await db
    .select()
    .from(customFrameworks)
    .where(and(eq(customFrameworks.orgId, orgId), eq(customFrameworks.id, id)))
    .for('update');
  return row;
}

export async function insertCustomFramework(db: Db, row: typeof customFrameworks.$inferInsert): Promise<CustomFrameworkRow> {
  const [created] = await db.insert(customFrameworks).values(row).returning();
  if (!created) throw new Error('custom framework insert returned nothing');
  return created;
}

export async function deleteCustomFramework(db: Db, orgId: string, id: string): Promise<void> {
  await db.delete(customFrameworks).where(and(eq(customFrameworks.orgId, orgId), eq(customFrameworks.id, id)));
}

/** Assessments (archived ones included) of the organisation that use this framework. */
export async function countAssessmentsUsing(db: Db, orgId: string, framework: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(assessments)
    .where(and(eq(assessments.orgId, orgId), eq(assessments.framework, framework)));
  return Number(row?.n ?? 0);
}
