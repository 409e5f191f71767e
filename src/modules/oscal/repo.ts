import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { aiSystems, assessmentItems, assessments, evidenceItems, evidenceLinks, remediationActions, users } from '../../db/schema.js';

/** Read-only queries behind the OSCAL exports, each scoped by organisation. */

export async function findAssessment(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ assessment: assessments, systemName: aiSystems.name })
    .from(assessments)
    .leftJoin(aiSystems, and(eq(aiSystems.id, assessments.systemId), eq(aiSystems.orgId, orgId)))
    .where(and(eq(assessments.orgId, orgId), eq(assessments.id, id)));
  return row;
}

export async function listAssessmentItems(db: Db, orgId: string, assessmentId: string) {
  return db
    .select({ item: assessmentItems, ownerName: users.displayName })
    .from(assessmentItems)
    .leftJoin(users, eq(users.id, assessmentItems.ownerId))
    .where(and(eq(assessmentItems.orgId, orgId), eq(assessmentItems.assessmentId, assessmentId)))
    .orderBy(asc(assessmentItems.requirementId));
}

/**
 * Live evidence linked to the given assessment items or requirements ("framework:requirementId" keys), in title
 * order.
 */
export async function listEvidenceLinks(db: Db, orgId: string, itemIds: string[], requirementKeys: string[]) {
  const targets = [
    itemIds.length ? and(eq(evidenceLinks.targetType, 'assessment_item'), inArray(evidenceLinks.targetKey, itemIds)) : undefined,
    requirementKeys.length
      ? and(eq(evidenceLinks.targetType, 'requirement'), inArray(evidenceLinks.targetKey, requirementKeys))
      : undefined,
  ].filter((t) => t !== undefined);
  if (!targets.length) return [];
  return db
    .select({
      targetType: evidenceLinks.targetType,
      targetKey: evidenceLinks.targetKey,
      id: evidenceItems.id,
      title: evidenceItems.title,
      kind: evidenceItems.kind,
      url: evidenceItems.url,
      collectedOn: evidenceItems.collectedOn,
    })
    .from(evidenceLinks)
    .innerJoin(evidenceItems, and(eq(evidenceItems.id, evidenceLinks.evidenceId), eq(evidenceItems.orgId, orgId)))
    .where(and(eq(evidenceLinks.orgId, orgId), isNull(evidenceItems.archivedAt), or(...targets)))
    .orderBy(asc(evidenceItems.title), asc(evidenceItems.id));
}

export async function listRemediationActions(db: Db, orgId: string, framework: string | undefined) {
  return db
    .select({ action: remediationActions, ownerName: users.displayName })
    .from(remediationActions)
    .leftJoin(users, eq(users.id, remediationActions.ownerId))
    .where(and(eq(remediationActions.orgId, orgId), framework ? eq(remediationActions.framework, framework) : undefined))
    .orderBy(asc(remediationActions.createdAt), asc(remediationActions.id));
}
