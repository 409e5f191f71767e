import { and, asc, eq, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { vendorAttestations, vendors } from '../../db/schema.js';
import type { AttestationListQuery } from './schema.js';

export type AttestationRow = typeof vendorAttestations.$inferSelect;
export type AttestationInsert = typeof vendorAttestations.$inferInsert;
export interface AttestationWithVendor {
  attestation: AttestationRow;
  vendorName: string;
}
const withVendor = { attestation: vendorAttestations, vendorName: vendors.name };

export async function listForVendor(db: Db, orgId: string, vendorId: string, q: AttestationListQuery): Promise<AttestationWithVendor[]> {
  const where: SQL[] = [eq(vendorAttestations.orgId, orgId), eq(vendorAttestations.vendorId, vendorId)];
  if (q.archived === 'exclude') where.push(isNull(vendorAttestations.archivedAt));
  if (q.archived === 'only') where.push(isNotNull(vendorAttestations.archivedAt));
  return db
    .select(withVendor)
    .from(vendorAttestations)
    .innerJoin(vendors, eq(vendors.id, vendorAttestations.vendorId))
    .where(and(...where))
    .orderBy(asc(vendorAttestations.kind), asc(vendorAttestations.validTo), asc(vendorAttestations.id));
}

/** Live attestations of live vendors ending on or before `until`, soonest first. */
export async function endingBy(db: Db, orgId: string, until: string): Promise<AttestationWithVendor[]> {
  return db
    .select(withVendor)
    .from(vendorAttestations)
    .innerJoin(vendors, eq(vendors.id, vendorAttestations.vendorId))
    .where(
      and(
        eq(vendorAttestations.orgId, orgId),
        isNull(vendorAttestations.archivedAt),
        isNull(vendors.archivedAt),
        lte(vendorAttestations.validTo, until),
      ),
    )
    .orderBy(asc(vendorAttestations.validTo), asc(vendors.name), asc(vendorAttestations.id));
}

export async function findAttestation(db: Db, orgId: string, id: string): Promise<AttestationWithVendor | undefined> {
  const [row] = await db
    .select(withVendor)
    .from(vendorAttestations)
    .innerJoin(vendors, eq(vendors.id, vendorAttestations.vendorId))
    .where(and(eq(vendorAttestations.orgId, orgId), eq(vendorAttestations.id, id)));
  return row;
}

export async function lockAttestation(db: Db, orgId: string, id: string): Promise<AttestationRow | undefined> {
  const [row] = await db
    .select()
    .from(vendorAttestations)
    .where(and(eq(vendorAttestations.orgId, orgId), eq(vendorAttestations.id, id)))
    .for('update');
  return row;
}

export async function insertAttestation(db: Db, row: AttestationInsert): Promise<AttestationRow> {
  const [out] = await db.insert(vendorAttestations).values(row).returning();
  if (!out) throw new Error('attestation insert returned nothing');
  return out;
}

export async function updateAttestation(db: Db, orgId: string, id: string, set: Partial<AttestationInsert>) {
  const [row] = await db
    .update(vendorAttestations)
    .set({ ...set, updatedAt: new Date(), version: sql`${vendorAttestations.version} + 1` })
    .where(and(eq(vendorAttestations.orgId, orgId), eq(vendorAttestations.id, id)))
    .returning();
  return row;
}
