import { and, count, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { aiSystems, alertRules, alerts, assuranceRuns, memberships } from '../../db/schema.js';
import type { AlertListQuery, AlertRuleListQuery } from './schema.js';

export type AlertRuleRow = typeof alertRules.$inferSelect;
export type AlertRuleInsert = typeof alertRules.$inferInsert;
export type AlertRow = typeof alerts.$inferSelect;
export type AlertInsert = typeof alerts.$inferInsert;
export type SystemRef = Pick<typeof aiSystems.$inferSelect, 'id' | 'name' | 'accountableOwnerId' | 'technicalOwnerId' | 'archivedAt'>;

const systemName = sql<string | null>`(select ${aiSystems.name} from ${aiSystems} where ${aiSystems.id} = ${alertRules.systemId})`;

/* ---------- rules ---------- */

export async function listRules(db: Db, orgId: string, q: AlertRuleListQuery) {
  const where: (SQL | undefined)[] = [eq(alertRules.orgId, orgId)];
  if (q.archived === 'exclude') where.push(isNull(alertRules.archivedAt));
  if (q.archived === 'only') where.push(isNotNull(alertRules.archivedAt));
  if (q.systemId) where.push(eq(alertRules.systemId, q.systemId));
  return db
    .select({ rule: alertRules, systemName })
    .from(alertRules)
    .where(and(...where))
    .orderBy(alertRules.name, alertRules.id);
}

export async function findRule(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ rule: alertRules, systemName })
    .from(alertRules)
    .where(and(eq(alertRules.orgId, orgId), eq(alertRules.id, id)));
  return row;
}

export async function lockRule(db: Db, orgId: string, id: string): Promise<AlertRuleRow | undefined> {
  const [row] = await db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.orgId, orgId), eq(alertRules.id, id)))
    .for('update');
  return row;
}

export async function insertRule(db: Db, row: AlertRuleInsert): Promise<AlertRuleRow> {
  const [out] = await db.insert(alertRules).values(row).returning();
  if (!out) throw new Error('alert rule insert returned nothing');
  return out;
}

export async function updateRule(db: Db, orgId: string, id: string, set: Partial<AlertRuleInsert>): Promise<AlertRuleRow | undefined> {
  const [row] = await db
    .update(alertRules)
    .set({ ...set, updatedAt: new Date(), version: sql`${alertRules.version} + 1` })
    .where(and(eq(alertRules.orgId, orgId), eq(alertRules.id, id)))
    .returning();
  return row;
}

/** Records an evaluation without moving the version: an editor's open form stays valid. */
export async function touchEvaluated(db: Db, orgId: string, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(alertRules)
    .set({ lastEvaluatedAt: at })
    .where(and(eq(alertRules.orgId, orgId), inArray(alertRules.id, ids)));
}

export async function enabledRules(db: Db, orgId: string): Promise<AlertRuleRow[]> {
  return db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.orgId, orgId), eq(alertRules.enabled, true), isNull(alertRules.archivedAt)))
    .orderBy(alertRules.createdAt, alertRules.id);
}

/** The organisations with at least one enabled rule: the scheduler enqueues an evaluation for each. */
export async function unsafeOrgsWithEnabledRules(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ orgId: alertRules.orgId })
    .from(alertRules)
    .where(and(eq(alertRules.enabled, true), isNull(alertRules.archivedAt)));
  return rows.map((r) => r.orgId);
}

/* ---------- systems, runs, people ---------- */

const systemRefColumns = {
  id: aiSystems.id,
  name: aiSystems.name,
  accountableOwnerId: aiSystems.accountableOwnerId,
  technicalOwnerId: aiSystems.technicalOwnerId,
  archivedAt: aiSystems.archivedAt,
};

export async function findSystemRef(db: Db, orgId: string, id: string): Promise<SystemRef | undefined> {
  const [row] = await db
    .select(systemRefColumns)
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), eq(aiSystems.id, id)));
  return row;
}

export async function liveSystems(db: Db, orgId: string): Promise<SystemRef[]> {
  return db
    .select(systemRefColumns)
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), isNull(aiSystems.archivedAt)))
    .orderBy(aiSystems.name, aiSystems.id);
}

export async function latestRun(db: Db, orgId: string, systemId: string, kind: 'fairness' | 'drift') {
  const [row] = await db
    .select({ id: assuranceRuns.id, score: assuranceRuns.score, results: assuranceRuns.results, outcome: assuranceRuns.outcome })
    .from(assuranceRuns)
    .where(and(eq(assuranceRuns.orgId, orgId), eq(assuranceRuns.systemId, systemId), eq(assuranceRuns.kind, kind)))
    .orderBy(desc(assuranceRuns.createdAt), desc(assuranceRuns.id))
    .limit(1);
  return row;
}

/** Which of these users are members of the organisation. */
export async function membersAmong(db: Db, orgId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, userIds)));
  return rows.map((r) => r.userId);
}

export async function membersWithRoles(db: Db, orgId: string, roles: readonly string[]): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, [...roles])))
    .orderBy(memberships.userId);
  return rows.map((r) => r.userId);
}

/* ---------- alerts ---------- */

const alertColumns = {
  alert: alerts,
  ruleName: alertRules.name,
  systemName: aiSystems.name,
  accountableOwnerId: aiSystems.accountableOwnerId,
  technicalOwnerId: aiSystems.technicalOwnerId,
};

function joinedAlerts(db: Db) {
  return db
    .select(alertColumns)
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .leftJoin(aiSystems, eq(aiSystems.id, alerts.systemId));
}
export interface JoinedAlert {
  alert: AlertRow;
  ruleName: string;
  systemName: string | null;
  accountableOwnerId: string | null;
  technicalOwnerId: string | null;
}

function alertWhere(orgId: string, q: AlertListQuery): SQL | undefined {
  const where: (SQL | undefined)[] = [eq(alerts.orgId, orgId)];
  if (q.status === 'active') where.push(inArray(alerts.status, ['open', 'acknowledged']));
  else if (q.status !== 'all') where.push(eq(alerts.status, q.status));
  if (q.systemId) where.push(eq(alerts.systemId, q.systemId));
  if (q.ruleId) where.push(eq(alerts.ruleId, q.ruleId));
  return and(...where);
}

export async function listAlerts(db: Db, orgId: string, q: AlertListQuery): Promise<{ rows: JoinedAlert[]; total: number }> {
  const where = alertWhere(orgId, q);
  const [rows, totals] = await Promise.all([
    joinedAlerts(db).where(where).orderBy(desc(alerts.firedAt), desc(alerts.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(alerts).where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export async function findAlert(db: Db, orgId: string, id: string): Promise<JoinedAlert | undefined> {
  const [row] = await joinedAlerts(db).where(and(eq(alerts.orgId, orgId), eq(alerts.id, id)));
  return row;
}

export async function lockAlert(db: Db, orgId: string, id: string): Promise<AlertRow | undefined> {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.orgId, orgId), eq(alerts.id, id)))
    .for('update');
  return row;
}

export async function updateAlert(db: Db, orgId: string, id: string, set: Partial<AlertInsert>): Promise<AlertRow | undefined> {
  const [row] = await db
    .update(alerts)
    .set(set)
    .where(and(eq(alerts.orgId, orgId), eq(alerts.id, id)))
    .returning();
  return row;
}

export async function insertAlert(db: Db, row: AlertInsert): Promise<AlertRow> {
  const [out] = await db.insert(alerts).values(row).returning();
  if (!out) throw new Error('alert insert returned nothing');
  return out;
}

/** The newest alert of a rule for a system (null system: the rule's organisation-level alerts). */
export async function lastAlert(db: Db, orgId: string, ruleId: string, systemId: string): Promise<AlertRow | undefined> {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.orgId, orgId), eq(alerts.ruleId, ruleId), eq(alerts.systemId, systemId)))
    .orderBy(desc(alerts.firedAt), desc(alerts.id))
    .limit(1);
  return row;
}
