import { and, arrayContains, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/connect.js';
import { aiSystems, memberships, users, vendors } from '../../db/schema.js';
import { escapeLike } from '../audit-log/repo.js';
import type { SystemListQuery } from './schema.js';

export type SystemRow = typeof aiSystems.$inferSelect;
export type SystemInsert = typeof aiSystems.$inferInsert;

const accountable = alias(users, 'accountable');
const technical = alias(users, 'technical');

const joinedColumns = {
  system: aiSystems,
  accountable: { id: accountable.id, displayName: accountable.displayName, email: accountable.email },
  technical: { id: technical.id, displayName: technical.displayName, email: technical.email },
  vendor: { id: vendors.id, name: vendors.name },
};

export interface JoinedSystem {
  system: SystemRow;
  accountable: { id: string; displayName: string; email: string } | null;
  technical: { id: string; displayName: string; email: string } | null;
  vendor: { id: string; name: string } | null;
}

function joined(db: Db) {
  return db
    .select(joinedColumns)
    .from(aiSystems)
    .leftJoin(accountable, eq(accountable.id, aiSystems.accountableOwnerId))
    .leftJoin(technical, eq(technical.id, aiSystems.technicalOwnerId))
    .leftJoin(vendors, eq(vendors.id, aiSystems.vendorId));
}

function listWhere(orgId: string, q: SystemListQuery): SQL | undefined {
  const where: (SQL | undefined)[] = [eq(aiSystems.orgId, orgId)];
  if (q.archived === 'exclude') where.push(isNull(aiSystems.archivedAt));
  if (q.archived === 'only') where.push(isNotNull(aiSystems.archivedAt));
  if (q.q) {
    const p = `%${escapeLike(q.q)}%`;
    where.push(
      or(
        ilike(aiSystems.name, p),
        ilike(aiSystems.purpose, p),
        ilike(aiSystems.businessUnit, p),
        ilike(sql`array_to_string(${aiSystems.tags}, ' ')`, p),
      ),
    );
  }
  if (q.type?.length) where.push(inArray(aiSystems.type, q.type));
  if (q.stage?.length) where.push(inArray(aiSystems.lifecycleStage, q.stage));
  if (q.status) where.push(eq(aiSystems.registrationStatus, q.status));
  if (q.owner) where.push(or(eq(aiSystems.accountableOwnerId, q.owner), eq(aiSystems.technicalOwnerId, q.owner)));
  if (q.vendor) where.push(eq(aiSystems.vendorId, q.vendor));
  if (q.dataCategory) where.push(arrayContains(aiSystems.dataCategories, [q.dataCategory]));
  return and(...where);
}

const sortColumns = {
  name: aiSystems.name,
  updatedAt: aiSystems.updatedAt,
  createdAt: aiSystems.createdAt,
  lifecycleStage: aiSystems.lifecycleStage,
  type: aiSystems.type,
  nextReviewDate: aiSystems.nextReviewDate,
} as const;

export async function listSystems(db: Db, orgId: string, q: SystemListQuery): Promise<{ rows: JoinedSystem[]; total: number }> {
  const where = listWhere(orgId, q);
  const column = sortColumns[q.sort];
  const direction = q.order === 'asc' ? asc : desc;
  const [rows, totals] = await Promise.all([
    joined(db)
      .where(where)
      // Only the review date can be empty; NULLS LAST elsewhere would stop the indexes serving the sort.
      .orderBy(q.sort === 'nextReviewDate' ? sql`${direction(column)} nulls last` : direction(column), asc(aiSystems.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(aiSystems).where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

/** Every system of the organisation, archived ones included (for the in-memory read model). */
export async function allSystems(db: Db, orgId: string): Promise<JoinedSystem[]> {
  return joined(db).where(eq(aiSystems.orgId, orgId));
}

export async function systemsByIds(db: Db, orgId: string, ids: string[]): Promise<JoinedSystem[]> {
  const out: JoinedSystem[] = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(...(await joined(db).where(and(eq(aiSystems.orgId, orgId), inArray(aiSystems.id, ids.slice(i, i + 500))))));
  return out;
}

export async function findSystem(db: Db, orgId: string, id: string): Promise<JoinedSystem | undefined> {
  const [row] = await joined(db).where(and(eq(aiSystems.orgId, orgId), eq(aiSystems.id, id)));
  return row;
}

/** Locks the row for the rest of the transaction so that concurrent edits queue. */
export async function lockSystem(db: Db, orgId: string, id: string): Promise<SystemRow | undefined> {
  const [row] = await db
    .select()
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), eq(aiSystems.id, id)))
    .for('update');
  return row;
}

/**
 * Inserts many systems and returns each complete stored row, assembled from what was sent and the few values the
 * database fills in: returning every column of thousands of rows cost more than the insert itself.
 */
export async function insertSystemsInBulk(db: Db, rows: (SystemInsert & { id: string })[]): Promise<SystemRow[]> {
  const out: SystemRow[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const filled = await db
      .insert(aiSystems)
      .values(batch)
      .returning({ id: aiSystems.id, version: aiSystems.version, createdAt: aiSystems.createdAt, updatedAt: aiSystems.updatedAt });
    const byId = new Map(filled.map((f) => [f.id, f]));
    for (const row of batch) {
      const f = byId.get(row.id);
      if (!f) throw new Error(`insert did not return system ${row.id}`);
      out.push(completeRow(row, f));
    }
  }
  return out;
}

function completeRow(row: SystemInsert & { id: string }, filled: Pick<SystemRow, 'version' | 'createdAt' | 'updatedAt'>): SystemRow {
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    purpose: row.purpose,
    intendedUsers: row.intendedUsers ?? null,
    businessUnit: row.businessUnit ?? null,
    accountableOwnerId: row.accountableOwnerId ?? null,
    technicalOwnerId: row.technicalOwnerId ?? null,
    type: row.type,
    lifecycleStage: row.lifecycleStage,
    hosting: row.hosting,
    regionsUsed: row.regionsUsed ?? [],
    outputRegions: row.outputRegions ?? [],
    models: row.models ?? [],
    modelProviders: row.modelProviders ?? [],
    vendorId: row.vendorId ?? null,
    dataCategories: row.dataCategories ?? [],
    affectedPersons: row.affectedPersons ?? [],
    decisionRole: row.decisionRole,
    humanOversight: row.humanOversight,
    tags: row.tags ?? [],
    nextReviewDate: row.nextReviewDate ?? null,
    registrationStatus: row.registrationStatus,
    source: row.source,
    version: filled.version,
    createdAt: filled.createdAt,
    updatedAt: filled.updatedAt,
    archivedAt: null,
  };
}

export async function insertSystems(db: Db, rows: SystemInsert[]): Promise<SystemRow[]> {
  const out: SystemRow[] = [];
  for (let i = 0; i < rows.length; i += 500)
    out.push(
      ...(await db
        .insert(aiSystems)
        .values(rows.slice(i, i + 500))
        .returning()),
    );
  return out;
}

export async function updateSystem(db: Db, orgId: string, id: string, set: Partial<SystemInsert>): Promise<SystemRow | undefined> {
  const [row] = await db
    .update(aiSystems)
    .set({ ...set, updatedAt: new Date(), version: sql`${aiSystems.version} + 1` })
    .where(and(eq(aiSystems.orgId, orgId), eq(aiSystems.id, id)))
    .returning();
  return row;
}

/** The subset of `userIds` that are members of the organisation. */
export async function membersAmong(db: Db, orgId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, userIds)));
  return new Set(rows.map((r) => r.id));
}

/** The subset of `vendorIds` that are live vendors of the organisation. */
export async function liveVendorsAmong(db: Db, orgId: string, vendorIds: string[]): Promise<Set<string>> {
  if (vendorIds.length === 0) return new Set();
  const rows = await db
    .select({ id: vendors.id })
    .from(vendors)
    .where(and(eq(vendors.orgId, orgId), inArray(vendors.id, vendorIds), isNull(vendors.archivedAt)));
  return new Set(rows.map((r) => r.id));
}
