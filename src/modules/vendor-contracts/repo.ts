import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { contractClauseTemplates, contractClauses, remediationActions, vendorContracts, vendors } from '../../db/schema.js';
import type { ContractListQuery } from './schema.js';

export type ContractRow = typeof vendorContracts.$inferSelect;
export type ContractInsert = typeof vendorContracts.$inferInsert;
export type ClauseRow = typeof contractClauses.$inferSelect;
export type ClauseTemplateRow = typeof contractClauseTemplates.$inferSelect;
export interface ContractWithVendor {
  contract: ContractRow;
  vendorName: string;
}

const withVendor = { contract: vendorContracts, vendorName: vendors.name };

export async function listContracts(db: Db, orgId: string, vendorId: string, q: ContractListQuery): Promise<ContractWithVendor[]> {
  const where: SQL[] = [eq(vendorContracts.orgId, orgId), eq(vendorContracts.vendorId, vendorId)];
  if (q.archived === 'exclude') where.push(isNull(vendorContracts.archivedAt));
  if (q.archived === 'only') where.push(isNotNull(vendorContracts.archivedAt));
  return db
    .select(withVendor)
    .from(vendorContracts)
    .innerJoin(vendors, eq(vendors.id, vendorContracts.vendorId))
    .where(and(...where))
    .orderBy(asc(vendorContracts.title), asc(vendorContracts.id));
}

export async function findContract(db: Db, orgId: string, id: string): Promise<ContractWithVendor | undefined> {
  const [row] = await db
    .select(withVendor)
    .from(vendorContracts)
    .innerJoin(vendors, eq(vendors.id, vendorContracts.vendorId))
    .where(and(eq(vendorContracts.orgId, orgId), eq(vendorContracts.id, id)));
  return row;
}

export async function lockContract(db: Db, orgId: string, id: string): Promise<ContractRow | undefined> {
  const [row] = await db
    .select()
    .from(vendorContracts)
    .where(and(eq(vendorContracts.orgId, orgId), eq(vendorContracts.id, id)))
    .for('update');
  return row;
}

export async function insertContract(db: Db, row: ContractInsert): Promise<ContractRow> {
  const [out] = await db.insert(vendorContracts).values(row).returning();
  if (!out) throw new Error('contract insert returned nothing');
  return out;
}

export async function updateContract(db: Db, orgId: string, id: string, set: Partial<ContractInsert>): Promise<ContractRow | undefined> {
  const [row] = await db
    .update(vendorContracts)
    .set({ ...set, updatedAt: new Date(), version: sql`${vendorContracts.version} + 1` })
    .where(and(eq(vendorContracts.orgId, orgId), eq(vendorContracts.id, id)))
    .returning();
  return row;
}

export async function clausesOf(db: Db, orgId: string, contractIds: string[]): Promise<ClauseRow[]> {
  if (!contractIds.length) return [];
  return db
    .select()
    .from(contractClauses)
    .where(and(eq(contractClauses.orgId, orgId), inArray(contractClauses.contractId, contractIds)));
}

export async function findClause(db: Db, orgId: string, contractId: string, key: string): Promise<ClauseRow | undefined> {
  const [row] = await db
    .select()
    .from(contractClauses)
    .where(and(eq(contractClauses.orgId, orgId), eq(contractClauses.contractId, contractId), eq(contractClauses.clauseKey, key)));
  return row;
}

export async function upsertClause(db: Db, row: typeof contractClauses.$inferInsert): Promise<ClauseRow> {
  const { orgId: _o, contractId: _c, clauseKey: _k, ...set } = row;
  const [out] = await db
    .insert(contractClauses)
    .values(row)
    .onConflictDoUpdate({ target: [contractClauses.contractId, contractClauses.clauseKey], set: { ...set, updatedAt: new Date() } })
    .returning();
  if (!out) throw new Error('clause upsert returned nothing');
  return out;
}

export async function actionsByIds(db: Db, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: remediationActions.id, title: remediationActions.title, status: remediationActions.status })
    .from(remediationActions)
    .where(and(eq(remediationActions.orgId, orgId), inArray(remediationActions.id, ids)));
}

export async function clauseTemplates(db: Db, orgId: string): Promise<ClauseTemplateRow[]> {
  return db
    .select()
    .from(contractClauseTemplates)
    .where(eq(contractClauseTemplates.orgId, orgId))
    .orderBy(asc(contractClauseTemplates.sortOrder), asc(contractClauseTemplates.clauseKey));
}

/** Inserts the rows that are not there yet (built-in clauses on the first change of the checklist). */
export async function insertMissingTemplates(db: Db, rows: (typeof contractClauseTemplates.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(contractClauseTemplates).values(rows).onConflictDoNothing();
}

export async function lockTemplates(db: Db, orgId: string): Promise<ClauseTemplateRow[]> {
  return db.select().from(contractClauseTemplates).where(eq(contractClauseTemplates.orgId, orgId)).for('update');
}

export async function updateTemplate(db: Db, orgId: string, key: string, set: Partial<typeof contractClauseTemplates.$inferInsert>) {
  const [row] = await db
    .update(contractClauseTemplates)
    .set(set)
    .where(and(eq(contractClauseTemplates.orgId, orgId), eq(contractClauseTemplates.clauseKey, key)))
    .returning();
  return row;
}
