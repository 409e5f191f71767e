import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { importRuns } from '../../db/schema.js';

export type ImportRunRow = typeof importRuns.$inferSelect;

export async function insertRun(db: Db, row: typeof importRuns.$inferInsert): Promise<ImportRunRow> {
  const [created] = await db.insert(importRuns).values(row).returning();
  if (!created) throw new Error('import run insert returned nothing');
  return created;
}

export async function updateRun(db: Db, id: string, set: Partial<typeof importRuns.$inferInsert>): Promise<void> {
  await db.update(importRuns).set(set).where(eq(importRuns.id, id));
}

export async function findRun(db: Db, orgId: string, id: string): Promise<ImportRunRow | undefined> {
  const [row] = await db
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.orgId, orgId), eq(importRuns.id, id)));
  return row;
}

/** Runs cut short by a stop of the server; their writes never committed. */
export async function failInterruptedRuns(db: Db): Promise<void> {
  await db
    .update(importRuns)
    .set({
      state: 'failed',
      message: 'Interrupted by a server restart; nothing was written. Run the import again.',
      finishedAt: new Date(),
    })
    .where(eq(importRuns.state, 'running'));
}
