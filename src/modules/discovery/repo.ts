import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { aiServiceEntries, aiSystems, discoveryFindings, discoveryFindingUsers, discoveryRuns, vendors } from '../../db/schema.js';

export type RunRow = typeof discoveryRuns.$inferSelect;
export type FindingRow = typeof discoveryFindings.$inferSelect;
export type EntryRow = typeof aiServiceEntries.$inferSelect;

/* ---------- runs ---------- */

export async function insertRun(db: Db, row: typeof discoveryRuns.$inferInsert): Promise<RunRow> {
  const [created] = await db.insert(discoveryRuns).values(row).returning();
  if (!created) throw new Error('discovery run insert returned nothing');
  return created;
}

export async function updateRun(db: Db, orgId: string, id: string, set: Partial<typeof discoveryRuns.$inferInsert>): Promise<void> {
  await db
    .update(discoveryRuns)
    .set(set)
    .where(and(eq(discoveryRuns.orgId, orgId), eq(discoveryRuns.id, id)));
}

export async function findRun(db: Db, orgId: string, id: string): Promise<RunRow | undefined> {
  const [row] = await db
    .select()
    .from(discoveryRuns)
    .where(and(eq(discoveryRuns.orgId, orgId), eq(discoveryRuns.id, id)));
  return row;
}

export async function listRuns(db: Db, orgId: string, limit: number, offset: number): Promise<{ rows: RunRow[]; total: number }> {
  const where = eq(discoveryRuns.orgId, orgId);
  const [rows, totals] = await Promise.all([
    db.select().from(discoveryRuns).where(where).orderBy(desc(discoveryRuns.createdAt), asc(discoveryRuns.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(discoveryRuns).where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

/** Scans cut short by a stop of the server (every organisation): their findings were never merged. */
export async function failInterruptedDiscoveryRuns(db: Db): Promise<void> {
  await db
    .update(discoveryRuns)
    .set({
      status: 'failed',
      error: 'Interrupted by a server restart; no findings were stored. Upload the file again.',
      finishedAt: new Date(),
    })
    .where(eq(discoveryRuns.status, 'running'));
}

/* ---------- findings ---------- */

export async function listFindings(db: Db, orgId: string): Promise<FindingRow[]> {
  return db.select().from(discoveryFindings).where(eq(discoveryFindings.orgId, orgId)).orderBy(asc(discoveryFindings.catalogId));
}

export async function lockFinding(db: Db, orgId: string, catalogId: string): Promise<FindingRow | undefined> {
  const [row] = await db
    .select()
    .from(discoveryFindings)
    .where(and(eq(discoveryFindings.orgId, orgId), eq(discoveryFindings.catalogId, catalogId)))
    .for('update');
  return row;
}

export async function updateFinding(
  db: Db,
  orgId: string,
  catalogId: string,
  set: Partial<typeof discoveryFindings.$inferInsert>,
): Promise<FindingRow | undefined> {
  const [row] = await db
    .update(discoveryFindings)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(discoveryFindings.orgId, orgId), eq(discoveryFindings.catalogId, catalogId)))
    .returning();
  return row;
}

export interface FindingDelta {
  catalogId: string;
  matchedOn: string;
  requests: number;
  firstSeen: Date | null;
  lastSeen: Date | null;
  /** the run's own distinct-user count (used as a floor when not every pseudonym could be kept) */
  users: number;
  userHashes: string[];
}

/** Adds one run's finding to the accumulated one: requests add up, first/last seen widen, users are recounted. */
export async function mergeFinding(db: Db, orgId: string, d: FindingDelta): Promise<void> {
  await db
    .insert(discoveryFindings)
    .values({
      orgId,
      catalogId: d.catalogId,
      matchedOn: d.matchedOn,
      firstSeen: d.firstSeen,
      lastSeen: d.lastSeen,
      requests: d.requests,
      users: 0,
      decision: 'unreviewed',
    })
    .onConflictDoUpdate({
      target: [discoveryFindings.orgId, discoveryFindings.catalogId],
      set: {
        requests: sql`${discoveryFindings.requests} + excluded.requests`,
        firstSeen: sql`least(${discoveryFindings.firstSeen}, excluded.first_seen)`,
        lastSeen: sql`greatest(${discoveryFindings.lastSeen}, excluded.last_seen)`,
        updatedAt: new Date(),
      },
    });
  for (let i = 0; i < d.userHashes.length; i += 1000) {
    await db
      .insert(discoveryFindingUsers)
      .values(d.userHashes.slice(i, i + 1000).map((userHash) => ({ orgId, catalogId: d.catalogId, userHash })))
      .onConflictDoNothing();
  }
  const stored = sql`(select count(*) from ${discoveryFindingUsers} u where u.org_id = ${orgId} and u.catalog_id = ${d.catalogId})`;
  await db
    .update(discoveryFindings)
    .set({ users: sql`greatest(${stored}::int, ${discoveryFindings.users}, ${d.users}::int)` })
    .where(and(eq(discoveryFindings.orgId, orgId), eq(discoveryFindings.catalogId, d.catalogId)));
}

/* ---------- inventory (read-only view used for matching) ---------- */

export interface LiveSystem {
  id: string;
  name: string;
  modelProviders: string[];
  vendorName: string | null;
}

export async function liveSystems(db: Db, orgId: string): Promise<LiveSystem[]> {
  return db
    .select({ id: aiSystems.id, name: aiSystems.name, modelProviders: aiSystems.modelProviders, vendorName: vendors.name })
    .from(aiSystems)
    .leftJoin(vendors, eq(vendors.id, aiSystems.vendorId))
    .where(and(eq(aiSystems.orgId, orgId), isNull(aiSystems.archivedAt)));
}

/* ---------- the organisation's own catalogue entries ---------- */

export async function listEntries(db: Db, orgId: string): Promise<EntryRow[]> {
  return db.select().from(aiServiceEntries).where(eq(aiServiceEntries.orgId, orgId)).orderBy(asc(aiServiceEntries.catalogId));
}

export async function findEntry(db: Db, orgId: string, catalogId: string): Promise<EntryRow | undefined> {
  const [row] = await db
    .select()
    .from(aiServiceEntries)
    .where(and(eq(aiServiceEntries.orgId, orgId), eq(aiServiceEntries.catalogId, catalogId)));
  return row;
}

export async function upsertEntry(db: Db, orgId: string, catalogId: string, entry: unknown): Promise<void> {
  await db
    .insert(aiServiceEntries)
    .values({ orgId, catalogId, entry })
    .onConflictDoUpdate({ target: [aiServiceEntries.orgId, aiServiceEntries.catalogId], set: { entry, updatedAt: new Date() } });
}

export async function deleteEntry(db: Db, orgId: string, catalogId: string): Promise<void> {
  await db.delete(aiServiceEntries).where(and(eq(aiServiceEntries.orgId, orgId), eq(aiServiceEntries.catalogId, catalogId)));
}
