import { and, asc, desc, eq, gt, gte, ilike, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { auditHeads, auditLog, organizations } from '../../db/schema.js';
import type { StoredEntry } from './chain.js';
import type { AuditListQuery } from './schema.js';

export type AuditRow = typeof auditLog.$inferSelect;

/** Moves an organisation's head forward by `count` and returns the head as it was (locked until commit). */
export async function advanceHead(tx: Db, orgId: string, count: number): Promise<{ seq: number; hash: string }> {
  await tx
    .insert(auditHeads)
    .values({ orgId, seq: 0, hash: '0'.repeat(64) })
    .onConflictDoNothing();
  const [row] = await tx
    .update(auditHeads)
    .set({ seq: sql`${auditHeads.seq} + ${count}` })
    .where(eq(auditHeads.orgId, orgId))
    .returning({ seq: auditHeads.seq, hash: auditHeads.hash });
  if (!row) throw new Error(`audit head missing for organisation ${orgId}`);
  return { seq: row.seq - count, hash: row.hash };
}

export async function setHeadHash(tx: Db, orgId: string, hash: string): Promise<void> {
  await tx.update(auditHeads).set({ hash }).where(eq(auditHeads.orgId, orgId));
}

export async function insertEntries(tx: Db, rows: (typeof auditLog.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await tx.insert(auditLog).values(rows.slice(i, i + 500));
}

export async function listEntries(db: Db, orgId: string, q: AuditListQuery): Promise<AuditRow[]> {
  const where: (SQL | undefined)[] = [eq(auditLog.orgId, orgId)];
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.actor) where.push(ilike(auditLog.actorLabel, `%${escapeLike(q.actor)}%`));
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lte(auditLog.at, new Date(q.to)));
  if (q.q) {
    const pattern = `%${escapeLike(q.q)}%`;
    where.push(or(ilike(auditLog.action, pattern), ilike(auditLog.actorLabel, pattern), ilike(auditLog.entityId, pattern)));
  }
  if (q.beforeSeq) where.push(lt(auditLog.seq, q.beforeSeq));
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(q.limit + 1);
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listOrgsWithChains(db: Db, slug?: string): Promise<{ id: string; slug: string }[]> {
  const q = db.select({ id: organizations.id, slug: organizations.slug }).from(organizations);
  return slug ? q.where(eq(organizations.slug, slug)) : q.orderBy(asc(organizations.slug));
}

export async function readHead(db: Db, orgId: string): Promise<{ seq: number; hash: string } | null> {
  const [row] = await db.select().from(auditHeads).where(eq(auditHeads.orgId, orgId));
  return row ? { seq: row.seq, hash: row.hash } : null;
}

/** Entries of one organisation in seq order, a page at a time. */
export async function* streamChain(db: Db, orgId: string, pageSize = 2000): AsyncGenerator<StoredEntry> {
  let after = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), gt(auditLog.seq, after)))
      .orderBy(asc(auditLog.seq), asc(auditLog.id))
      .limit(pageSize);
    for (const row of page) yield row;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.seq;
  }
}
