import type { Db } from '../../db/connect.js';
import type { Actor, OrgContext } from '../../server/context.js';
import { AppError, forbidden } from '../../server/errors.js';
import { appendAudit } from '../audit-log/service.js';
import { abilitiesOf, can, isRole, type Role } from '../auth/permissions.js';
import * as repo from './repo.js';
import { createOrgInput, type CreateOrgInput, type MemberView, type OrgView, type OrgWithAccess } from './schema.js';

export function presentOrg(o: repo.OrgRow): OrgView {
  return { id: o.id, slug: o.slug, name: o.name, isDemo: o.isDemo, createdAt: o.createdAt.toISOString() };
}

export async function createOrganization(db: Db, actor: Actor, input: CreateOrgInput): Promise<OrgView> {
  const data = createOrgInput.parse(input);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    if (await repo.findOrgBySlug(tx, data.slug)) {
      throw new AppError('conflict', `An organisation with the slug "${data.slug}" already exists`);
    }
    const org = await repo.insertOrg(tx, data);
    const view = presentOrg(org);
    await appendAudit(tx, { orgId: org.id, actor, requestId: null }, [
      { action: 'org.create', entityType: 'organization', entityId: org.id, after: view },
    ]);
    return view;
  });
}

export async function listAllOrganizations(db: Db): Promise<OrgView[]> {
  return (await repo.unsafeListAllOrgs(db)).map(presentOrg);
}

export async function getOrganization(ctx: OrgContext): Promise<OrgWithAccess> {
  const org = await repo.findOrgById(ctx.db, ctx.org.id);
  if (!org) throw new AppError('not_found', 'Organisation not found');
  return { ...presentOrg(org), role: ctx.role, abilities: abilitiesOf(ctx.role) };
}

export async function listMembers(ctx: OrgContext): Promise<MemberView[]> {
  if (!can(ctx.role, 'member.read')) throw forbidden();
  const rows = await repo.listMembers(ctx.db, ctx.org.id);
  return rows.filter((r) => isRole(r.role)).map((r) => ({ ...r, role: r.role as Role }));
}
