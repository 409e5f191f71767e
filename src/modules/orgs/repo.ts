import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { memberships, organizations, users } from '../../db/schema.js';

export type OrgRow = typeof organizations.$inferSelect;

export async function insertOrg(db: Db, row: typeof organizations.$inferInsert): Promise<OrgRow> {
  const [created] = await db.insert(organizations).values(row).returning();
  if (!created) throw new Error('organisation insert returned nothing');
  return created;
}

export async function findOrgBySlug(db: Db, slug: string): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  return row;
}

export async function findOrgById(db: Db, id: string): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

/** Every organisation of the installation: for the CLI only, which runs with the operator's rights. */
export async function unsafeListAllOrgs(db: Db): Promise<OrgRow[]> {
  return db.select().from(organizations).orderBy(asc(organizations.slug));
}

export async function listMembers(db: Db, orgId: string) {
  return db
    .select({ userId: users.id, email: users.email, displayName: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(users.displayName));
}
