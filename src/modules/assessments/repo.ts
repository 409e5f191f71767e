import { and, asc, count, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import {
  aiSystems,
  appliedControls,
  assessmentItems,
  assessments,
  controlRequirements,
  controlSystems,
  evidenceLinks,
  remediationActions,
  users,
} from '../../db/schema.js';
import type { ControlStatus, RequirementRef } from '../controls/schema.js';
import { controlsInScope, deriveStatus } from './derive.js';
import type { ItemStatus } from './schema.js';

export type AssessmentRow = typeof assessments.$inferSelect;
export type ItemRow = typeof assessmentItems.$inferSelect;
export type ItemInsert = typeof assessmentItems.$inferInsert;

export async function insertAssessment(db: Db, row: typeof assessments.$inferInsert): Promise<AssessmentRow> {
  const [created] = await db.insert(assessments).values(row).returning();
  if (!created) throw new Error('assessment insert returned nothing');
  return created;
}

export async function insertItems(db: Db, rows: ItemInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(assessmentItems).values(rows.slice(i, i + 500));
}

export async function liveSystemName(db: Db, orgId: string, systemId: string): Promise<string | null> {
  const [row] = await db
    .select({ name: aiSystems.name })
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), eq(aiSystems.id, systemId), isNull(aiSystems.archivedAt)));
  return row?.name ?? null;
}

export async function listAssessments(db: Db, orgId: string) {
  return db
    .select({ assessment: assessments, systemName: aiSystems.name })
    .from(assessments)
    .leftJoin(aiSystems, eq(aiSystems.id, assessments.systemId))
    .where(and(eq(assessments.orgId, orgId), isNull(assessments.archivedAt)))
    .orderBy(asc(assessments.framework), asc(assessments.createdAt));
}

/** A live assessment; with `includeArchived`, an archived one too. */
export async function findAssessment(db: Db, orgId: string, id: string, lock = false, includeArchived = false) {
  const query = db
    .select({ assessment: assessments, systemName: aiSystems.name })
    .from(assessments)
    .leftJoin(aiSystems, eq(aiSystems.id, assessments.systemId))
    .where(and(eq(assessments.orgId, orgId), eq(assessments.id, id), includeArchived ? undefined : isNull(assessments.archivedAt)));
  const [row] = lock ? await query.for('update', { of: assessments }) : await query;
  return row;
}

export async function updateAssessment(db: Db, orgId: string, id: string, set: Partial<typeof assessments.$inferInsert>) {
  const [row] = await db
    .update(assessments)
    .set({ ...set, updatedAt: new Date(), version: sql`${assessments.version} + 1` })
    .where(and(eq(assessments.orgId, orgId), eq(assessments.id, id)))
    .returning();
  return row;
}

export async function itemsOf(db: Db, orgId: string, assessmentId: string): Promise<ItemRow[]> {
  return db
    .select()
    .from(assessmentItems)
    .where(and(eq(assessmentItems.orgId, orgId), eq(assessmentItems.assessmentId, assessmentId)));
}

export async function findItems(db: Db, orgId: string, assessmentId: string, requirementIds: string[], lock = false): Promise<ItemRow[]> {
  if (requirementIds.length === 0) return [];
  const query = db
    .select()
    .from(assessmentItems)
    .where(
      and(
        eq(assessmentItems.orgId, orgId),
        eq(assessmentItems.assessmentId, assessmentId),
        inArray(assessmentItems.requirementId, requirementIds),
      ),
    );
  return lock ? query.for('update') : query;
}

export async function findItemById(db: Db, orgId: string, itemId: string): Promise<ItemRow | undefined> {
  const [row] = await db
    .select()
    .from(assessmentItems)
    .where(and(eq(assessmentItems.orgId, orgId), eq(assessmentItems.id, itemId)));
  return row;
}

export async function updateItem(db: Db, orgId: string, itemId: string, set: Partial<ItemInsert>): Promise<ItemRow> {
  const [row] = await db
    .update(assessmentItems)
    .set({ ...set, updatedAt: new Date(), version: sql`${assessmentItems.version} + 1` })
    .where(and(eq(assessmentItems.orgId, orgId), eq(assessmentItems.id, itemId)))
    .returning();
  if (!row) throw new Error('assessment item vanished during update');
  return row;
}

export interface ControlOfRequirement {
  id: string;
  name: string;
  status: ControlStatus;
  systemIds: string[];
}

/** The organisation's live controls linked to requirements of one framework, by requirement id. */
export async function controlsByRequirement(
  db: Db,
  orgId: string,
  framework: string,
  requirementIds?: string[],
): Promise<Map<string, ControlOfRequirement[]>> {
  const where = [eq(controlRequirements.orgId, orgId), eq(controlRequirements.framework, framework), isNull(appliedControls.archivedAt)];
  if (requirementIds) {
    if (requirementIds.length === 0) return new Map();
    where.push(inArray(controlRequirements.requirementId, requirementIds));
  }
  const rows = await db
    .select({
      requirementId: controlRequirements.requirementId,
      id: appliedControls.id,
      name: appliedControls.name,
      status: appliedControls.status,
      systemIds: sql<
        string[]
      >`coalesce((select array_agg(${controlSystems.systemId}) from ${controlSystems} where ${controlSystems.controlId} = ${appliedControls.id}), '{}')`,
    })
    .from(controlRequirements)
    .innerJoin(appliedControls, eq(appliedControls.id, controlRequirements.controlId))
    .where(and(...where))
    .orderBy(asc(appliedControls.name));
  const out = new Map<string, ControlOfRequirement[]>();
  for (const r of rows) {
    const entry = { id: r.id, name: r.name, status: r.status as ControlStatus, systemIds: r.systemIds };
    const list = out.get(r.requirementId);
    if (list) list.push(entry);
    else out.set(r.requirementId, [entry]);
  }
  return out;
}

/** Evidence linked to each item, or to its requirement in general ("framework:requirement"). */
export async function evidenceCounts(db: Db, orgId: string, framework: string, items: ItemRow[]): Promise<Map<string, number>> {
  if (items.length === 0) return new Map();
  const requirementKey = (i: ItemRow) => `${framework}:${i.requirementId}`;
  const rows = await db
    .select({ type: evidenceLinks.targetType, key: evidenceLinks.targetKey, n: count() })
    .from(evidenceLinks)
    .where(
      and(
        eq(evidenceLinks.orgId, orgId),
        or(
          and(
            eq(evidenceLinks.targetType, 'assessment_item'),
            inArray(
              evidenceLinks.targetKey,
              items.map((i) => i.id),
            ),
          ),
          and(eq(evidenceLinks.targetType, 'requirement'), inArray(evidenceLinks.targetKey, items.map(requirementKey))),
        ),
      ),
    )
    .groupBy(evidenceLinks.targetType, evidenceLinks.targetKey);
  const n = new Map(rows.map((r) => [`${r.type}|${r.key}`, Number(r.n)]));
  return new Map(items.map((i) => [i.id, (n.get(`assessment_item|${i.id}`) ?? 0) + (n.get(`requirement|${requirementKey(i)}`) ?? 0)]));
}

export async function actionCounts(db: Db, orgId: string, itemIds: string[]): Promise<Map<string, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .select({ itemId: remediationActions.assessmentItemId, n: count() })
    .from(remediationActions)
    .where(and(eq(remediationActions.orgId, orgId), inArray(remediationActions.assessmentItemId, itemIds)))
    .groupBy(remediationActions.assessmentItemId);
  return new Map(rows.map((r) => [r.itemId as string, Number(r.n)]));
}

export async function peopleById(db: Db, ids: string[]): Promise<Map<string, { id: string; displayName: string; email: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every live assessment's item statuses, for the organisation's progress. */
export async function allItemStatuses(db: Db, orgId: string) {
  return db
    .select({ assessmentId: assessmentItems.assessmentId, requirementId: assessmentItems.requirementId, status: assessmentItems.status })
    .from(assessmentItems)
    .innerJoin(assessments, eq(assessments.id, assessmentItems.assessmentId))
    .where(and(eq(assessmentItems.orgId, orgId), isNull(assessments.archivedAt)));
}

/**
 * Keeps derived statuses true to the controls: for every live assessment item on `refs` whose status follows its
 * controls, recomputes the status and writes the ones that changed. Called in the transaction that changed a control.
 */
export async function syncDerivedStatuses(db: Db, orgId: string, refs: RequirementRef[]): Promise<number> {
  const byFramework = new Map<string, Set<string>>();
  for (const r of refs) {
    const set = byFramework.get(r.framework) ?? new Set<string>();
    set.add(r.requirementId);
    byFramework.set(r.framework, set);
  }
  let changed = 0;
  for (const [framework, ids] of byFramework) {
    const requirementIds = [...ids];
    const items = await db
      .select({
        id: assessmentItems.id,
        requirementId: assessmentItems.requirementId,
        status: assessmentItems.status,
        systemId: assessments.systemId,
      })
      .from(assessmentItems)
      .innerJoin(assessments, eq(assessments.id, assessmentItems.assessmentId))
      .where(
        and(
          eq(assessmentItems.orgId, orgId),
          eq(assessments.framework, framework),
          isNull(assessments.archivedAt),
          eq(assessmentItems.statusSource, 'derived'),
          inArray(assessmentItems.requirementId, requirementIds),
        ),
      );
    if (items.length === 0) continue;
    const controls = await controlsByRequirement(db, orgId, framework, requirementIds);
    for (const item of items) {
      const next: ItemStatus = deriveStatus(controlsInScope(controls.get(item.requirementId) ?? [], item.systemId));
      if (next === item.status) continue;
      await db
        .update(assessmentItems)
        .set({ status: next, updatedAt: new Date(), version: sql`${assessmentItems.version} + 1` })
        .where(eq(assessmentItems.id, item.id));
      changed++;
    }
  }
  return changed;
}
