import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { organizations, vendorAssessments, vendors } from '../../db/schema.js';

export type AssessmentRow = typeof vendorAssessments.$inferSelect;
export type AssessmentInsert = typeof vendorAssessments.$inferInsert;
export interface AssessmentWithVendor {
  assessment: AssessmentRow;
  vendorName: string;
}

const withVendor = { assessment: vendorAssessments, vendorName: vendors.name };

export async function listForVendor(db: Db, orgId: string, vendorId: string): Promise<AssessmentWithVendor[]> {
  return db
    .select(withVendor)
    .from(vendorAssessments)
    .innerJoin(vendors, eq(vendors.id, vendorAssessments.vendorId))
    .where(and(eq(vendorAssessments.orgId, orgId), eq(vendorAssessments.vendorId, vendorId)))
    .orderBy(desc(vendorAssessments.createdAt), desc(vendorAssessments.id));
}

export async function findAssessment(db: Db, orgId: string, id: string): Promise<AssessmentWithVendor | undefined> {
  const [row] = await db
    .select(withVendor)
    .from(vendorAssessments)
    .innerJoin(vendors, eq(vendors.id, vendorAssessments.vendorId))
    .where(and(eq(vendorAssessments.orgId, orgId), eq(vendorAssessments.id, id)));
  return row;
}

export async function lockAssessment(db: Db, orgId: string, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await db
    .select()
    .from(vendorAssessments)
    .where(and(eq(vendorAssessments.orgId, orgId), eq(vendorAssessments.id, id)))
    .for('update');
  return row;
}

export async function insertAssessment(db: Db, row: AssessmentInsert): Promise<AssessmentRow> {
  const [out] = await db.insert(vendorAssessments).values(row).returning();
  if (!out) throw new Error('vendor assessment insert returned nothing');
  return out;
}

export async function updateAssessment(
  db: Db,
  orgId: string,
  id: string,
  set: Partial<AssessmentInsert>,
): Promise<AssessmentRow | undefined> {
  const [row] = await db
    .update(vendorAssessments)
    .set({ ...set, updatedAt: new Date(), version: sql`${vendorAssessments.version} + 1` })
    .where(and(eq(vendorAssessments.orgId, orgId), eq(vendorAssessments.id, id)))
    .returning();
  return row;
}

/**
 * The assessment a link token opens, in any organisation: the token is the caller's only credential, so this
 * lookup deliberately is not scoped by an organisation the caller names.
 */
export async function unsafeFindByTokenHash(db: Db, hash: string) {
  const [row] = await db
    .select({ ...withVendor, orgName: organizations.name, orgSlug: organizations.slug })
    .from(vendorAssessments)
    .innerJoin(vendors, eq(vendors.id, vendorAssessments.vendorId))
    .innerJoin(organizations, eq(organizations.id, vendorAssessments.orgId))
    .where(eq(vendorAssessments.linkTokenHash, hash));
  return row;
}

/** The link's conditions, re-checked by every write through it: this hash, never used, still sent, not expired. */
const linkOpen = (orgId: string, id: string, hash: string) =>
  and(
    eq(vendorAssessments.orgId, orgId),
    eq(vendorAssessments.id, id),
    eq(vendorAssessments.linkTokenHash, hash),
    eq(vendorAssessments.status, 'sent'),
    isNull(vendorAssessments.linkUsedAt),
    gt(vendorAssessments.linkExpiresAt, sql`now()`),
  );

/**
 * Uses the link: one statement that only matches while the link is open, so of two concurrent submissions exactly
 * one gets the row back.
 */
export async function claimLink(db: Db, orgId: string, id: string, hash: string, set: Partial<AssessmentInsert>) {
  const now = new Date();
  const [row] = await db
    .update(vendorAssessments)
    .set({ ...set, status: 'submitted', linkUsedAt: now, submittedAt: now, updatedAt: now, version: sql`${vendorAssessments.version} + 1` })
    .where(linkOpen(orgId, id, hash))
    .returning();
  return row;
}

/** Records an attached file while the link is still open; undefined when it no longer is. */
export async function addAttachment(db: Db, orgId: string, id: string, hash: string, evidenceId: string) {
  const [row] = await db
    .update(vendorAssessments)
    .set({
      answers: sql`jsonb_set(coalesce(${vendorAssessments.answers}, '{}'::jsonb), '{attachments}', coalesce(${vendorAssessments.answers} -> 'attachments', '[]'::jsonb) || to_jsonb(${evidenceId}::text))`,
      updatedAt: new Date(),
    })
    .where(linkOpen(orgId, id, hash))
    .returning();
  return row;
}

/** Each live vendor with its latest reviewed assessment (or none). */
export async function latestReviewed(db: Db, orgId: string) {
  const latest = db
    .selectDistinctOn([vendorAssessments.vendorId], {
      vendorId: vendorAssessments.vendorId,
      id: vendorAssessments.id,
      reviewedAt: vendorAssessments.reviewedAt,
      tier: vendorAssessments.tier,
      nextAssessmentDate: vendorAssessments.nextAssessmentDate,
    })
    .from(vendorAssessments)
    .where(and(eq(vendorAssessments.orgId, orgId), eq(vendorAssessments.status, 'reviewed')))
    .orderBy(vendorAssessments.vendorId, desc(vendorAssessments.reviewedAt))
    .as('latest');
  return db
    .select({
      vendorId: vendors.id,
      vendorName: vendors.name,
      assessmentId: latest.id,
      reviewedAt: latest.reviewedAt,
      tier: latest.tier,
      nextAssessmentDate: latest.nextAssessmentDate,
    })
    .from(vendors)
    .leftJoin(latest, eq(latest.vendorId, vendors.id))
    .where(and(eq(vendors.orgId, orgId), isNull(vendors.archivedAt)))
    .orderBy(vendors.name);
}
