import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { aiSystems, vendors } from '../../db/schema.js';
import { escapeLike } from '../audit-log/repo.js';
import type { VendorListQuery } from './schema.js';

export type VendorRow = typeof vendors.$inferSelect;
export type VendorInsert = typeof vendors.$inferInsert;

const systemCount =
  sql<number>`(select count(*) from ${aiSystems} where ${aiSystems.vendorId} = ${vendors.id} and ${aiSystems.archivedAt} is null)`.mapWith(
    Number,
  );

function listWhere(orgId: string, q: VendorListQuery): SQL | undefined {
  const where: (SQL | undefined)[] = [eq(vendors.orgId, orgId)];
  if (q.archived === 'exclude') where.push(isNull(vendors.archivedAt));
  if (q.archived === 'only') where.push(isNotNull(vendors.archivedAt));
  if (q.q) {
    const p = `%${escapeLike(q.q)}%`;
    where.push(
      or(
        ilike(vendors.name, p),
        ilike(sql`array_to_string(${vendors.products}, ' ')`, p),
        ilike(sql`array_to_string(${vendors.aiFeatures}, ' ')`, p),
      ),
    );
  }
  return and(...where);
}

const sortColumns = { name: vendors.name, updatedAt: vendors.updatedAt, createdAt: vendors.createdAt } as const;

export async function listVendors(db: Db, orgId: string, q: VendorListQuery) {
  const where = listWhere(orgId, q);
  const direction = q.order === 'asc' ? asc : desc;
  const [rows, totals] = await Promise.all([
    db
      .select({ vendor: vendors, systemCount })
      .from(vendors)
      .where(where)
      .orderBy(direction(sortColumns[q.sort]), asc(vendors.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(vendors).where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export async function findVendor(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ vendor: vendors, systemCount })
    .from(vendors)
    .where(and(eq(vendors.orgId, orgId), eq(vendors.id, id)));
  return row;
}

export async function lockVendor(db: Db, orgId: string, id: string): Promise<VendorRow | undefined> {
  const [row] = await db
    .select()
    .from(vendors)
    .where(and(eq(vendors.orgId, orgId), eq(vendors.id, id)))
    .for('update');
  return row;
}

/** A live vendor of the organisation with this name (case-insensitive), other than `exceptId`. */
export async function findLiveByName(db: Db, orgId: string, name: string, exceptId?: string): Promise<VendorRow | undefined> {
  const rows = await db
    .select()
    .from(vendors)
    .where(and(eq(vendors.orgId, orgId), isNull(vendors.archivedAt), eq(sql`lower(${vendors.name})`, name.toLowerCase())));
  return rows.find((r) => r.id !== exceptId);
}

export async function liveVendorNames(db: Db, orgId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: vendors.id, name: vendors.name })
    .from(vendors)
    .where(and(eq(vendors.orgId, orgId), isNull(vendors.archivedAt)));
}

export async function insertVendors(db: Db, rows: VendorInsert[]): Promise<VendorRow[]> {
  const out: VendorRow[] = [];
  for (let i = 0; i < rows.length; i += 500)
    out.push(
      ...(await db
        .insert(vendors)
        .values(rows.slice(i, i + 500))
        .returning()),
    );
  return out;
}

export async function updateVendor(db: Db, orgId: string, id: string, set: Partial<VendorInsert>): Promise<VendorRow | undefined> {
  const [row] = await db
    .update(vendors)
    .set({ ...set, updatedAt: new Date(), version: sql`${vendors.version} + 1` })
    .where(and(eq(vendors.orgId, orgId), eq(vendors.id, id)))
    .returning();
  return row;
}
