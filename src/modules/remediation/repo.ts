import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import {
  aiSystems,
  appliedControls,
  assessmentItems,
  assessments,
  controlRequirements,
  controlSystems,
  remediationActions,
  systemClassifications,
} from '../../db/schema.js';
import type { SystemRiskFacts } from './priority.js';
import type { PlanQuery } from './schema.js';

export type ActionRow = typeof remediationActions.$inferSelect;
export type ActionInsert = typeof remediationActions.$inferInsert;

const riskColumns = {
  id: aiSystems.id,
  name: aiSystems.name,
  dataCategories: aiSystems.dataCategories,
  affectedPersons: aiSystems.affectedPersons,
  decisionRole: aiSystems.decisionRole,
};

export async function systemsByIds(db: Db, orgId: string, ids: string[]): Promise<SystemRiskFacts[]> {
  if (ids.length === 0) return [];
  return db
    .select(riskColumns)
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), inArray(aiSystems.id, ids), isNull(aiSystems.archivedAt)));
}

/** Live systems under the organisation's live controls for one requirement. */
export async function systemsUnderControls(db: Db, orgId: string, framework: string, requirementId: string): Promise<SystemRiskFacts[]> {
  return db
    .selectDistinct(riskColumns)
    .from(controlRequirements)
    .innerJoin(appliedControls, eq(appliedControls.id, controlRequirements.controlId))
    .innerJoin(controlSystems, eq(controlSystems.controlId, appliedControls.id))
    .innerJoin(aiSystems, eq(aiSystems.id, controlSystems.systemId))
    .where(
      and(
        eq(controlRequirements.orgId, orgId),
        eq(controlRequirements.framework, framework),
        eq(controlRequirements.requirementId, requirementId),
        isNull(appliedControls.archivedAt),
        isNull(aiSystems.archivedAt),
      ),
    );
}

export async function allLiveSystems(db: Db, orgId: string): Promise<SystemRiskFacts[]> {
  return db
    .select(riskColumns)
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), isNull(aiSystems.archivedAt)));
}

/** Each classified system's indicative EU AI Act tier, from its newest classification. */
export async function indicativeTiers(db: Db, orgId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectDistinctOn([systemClassifications.systemId], {
      systemId: systemClassifications.systemId,
      tier: sql<string | null>`${systemClassifications.euResult} ->> 'indicativeTier'`,
    })
    .from(systemClassifications)
    .where(eq(systemClassifications.orgId, orgId))
    .orderBy(systemClassifications.systemId, desc(systemClassifications.classifiedAt), desc(systemClassifications.id));
  return new Map(rows.filter((r) => r.tier).map((r) => [r.systemId, r.tier as string]));
}

export async function insertAction(db: Db, row: ActionInsert): Promise<ActionRow> {
  const [created] = await db.insert(remediationActions).values(row).returning();
  if (!created) throw new Error('action insert returned nothing');
  return created;
}

export async function findAction(db: Db, orgId: string, id: string, lock = false): Promise<ActionRow | undefined> {
  const query = db
    .select()
    .from(remediationActions)
    .where(and(eq(remediationActions.orgId, orgId), eq(remediationActions.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateAction(db: Db, orgId: string, id: string, set: Partial<ActionInsert>): Promise<ActionRow | undefined> {
  const [row] = await db
    .update(remediationActions)
    .set({ ...set, updatedAt: new Date(), version: sql`${remediationActions.version} + 1` })
    .where(and(eq(remediationActions.orgId, orgId), eq(remediationActions.id, id)))
    .returning();
  return row;
}

const effectivePriority = sql`coalesce(${remediationActions.priorityOverride}, ${remediationActions.computedPriority})`;

/** The remediation plan: highest priority first, then the earliest due date (undated last), then the oldest. */
export async function listActions(db: Db, orgId: string, q: PlanQuery, today: string) {
  const where: (SQL | undefined)[] = [eq(remediationActions.orgId, orgId)];
  if (q.status === 'active') where.push(inArray(remediationActions.status, ['open', 'in_progress']));
  else if (q.status !== 'all') where.push(eq(remediationActions.status, q.status));
  if (q.owner) where.push(eq(remediationActions.ownerId, q.owner));
  if (q.framework) where.push(eq(remediationActions.framework, q.framework));
  const overdue = sql`(${remediationActions.dueDate} < ${today} and ${remediationActions.status} in ('open', 'in_progress'))`;
  if (q.overdue === 'true') where.push(overdue);
  if (q.overdue === 'false') where.push(sql`not ${overdue} or ${remediationActions.dueDate} is null`);
  return db
    .select({ action: remediationActions, assessmentId: assessments.id, assessmentTitle: assessments.title })
    .from(remediationActions)
    .leftJoin(assessmentItems, eq(assessmentItems.id, remediationActions.assessmentItemId))
    .leftJoin(assessments, eq(assessments.id, assessmentItems.assessmentId))
    .where(and(...where))
    .orderBy(
      sql`${effectivePriority} desc`,
      sql`${remediationActions.dueDate} asc nulls last`,
      asc(remediationActions.createdAt),
      asc(remediationActions.id),
    );
}

export async function findActionWithAssessment(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ action: remediationActions, assessmentId: assessments.id, assessmentTitle: assessments.title })
    .from(remediationActions)
    .leftJoin(assessmentItems, eq(assessmentItems.id, remediationActions.assessmentItemId))
    .leftJoin(assessments, eq(assessments.id, assessmentItems.assessmentId))
    .where(and(eq(remediationActions.orgId, orgId), eq(remediationActions.id, id)));
  return row;
}

/** Items assessed as a gap or partly met, in live assessments. */
export async function openGaps(db: Db, orgId: string) {
  return db
    .select({ item: assessmentItems, assessment: assessments, systemName: aiSystems.name })
    .from(assessmentItems)
    .innerJoin(assessments, eq(assessments.id, assessmentItems.assessmentId))
    .leftJoin(aiSystems, eq(aiSystems.id, assessments.systemId))
    .where(
      and(eq(assessmentItems.orgId, orgId), isNull(assessments.archivedAt), inArray(assessmentItems.status, ['gap', 'partially_met'])),
    );
}

export async function actionsOfItems(db: Db, orgId: string, itemIds: string[]) {
  if (itemIds.length === 0) return [];
  return db
    .select({
      id: remediationActions.id,
      title: remediationActions.title,
      status: remediationActions.status,
      itemId: remediationActions.assessmentItemId,
    })
    .from(remediationActions)
    .where(and(eq(remediationActions.orgId, orgId), inArray(remediationActions.assessmentItemId, itemIds)))
    .orderBy(asc(remediationActions.createdAt));
}
