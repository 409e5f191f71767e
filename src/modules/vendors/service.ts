import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can, type Role } from '../auth/permissions.js';
import * as repo from './repo.js';
import {
  createVendorInput,
  updateVendorInput,
  type CreateVendorInput,
  type UpdateVendorInput,
  type VendorListQuery,
  type VendorPage,
  type VendorView,
} from './schema.js';

export function snapshotVendor(v: repo.VendorRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, archivedAt, ...rest } = v;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), archivedAt: archivedAt?.toISOString() ?? null };
}

function present(v: repo.VendorRow, systemCount: number, role: Role): VendorView {
  return {
    ...(snapshotVendor(v) as Omit<VendorView, 'systemCount' | 'can'>),
    systemCount,
    can: { update: can(role, 'vendor.update'), archive: can(role, 'vendor.archive') },
  };
}

function duplicateName(name: string): AppError {
  return new AppError('unprocessable', `A vendor named "${name}" already exists`, {
    issues: [{ path: 'name', message: 'A vendor with this name already exists' }],
  });
}

export async function listVendors(ctx: OrgContext, query: VendorListQuery): Promise<VendorPage> {
  if (!can(ctx.role, 'vendor.read')) throw forbidden();
  const { rows, total } = await repo.listVendors(ctx.db, ctx.org.id, query);
  return { items: rows.map((r) => present(r.vendor, r.systemCount, ctx.role)), total, limit: query.limit, offset: query.offset };
}

export async function getVendor(ctx: OrgContext, id: string): Promise<VendorView> {
  if (!can(ctx.role, 'vendor.read')) throw forbidden();
  const row = await repo.findVendor(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Vendor');
  return present(row.vendor, row.systemCount, ctx.role);
}

export async function createVendor(ctx: OrgContext, input: CreateVendorInput): Promise<VendorView> {
  if (!can(ctx.role, 'vendor.create')) throw forbidden();
  const data = parseOrThrow(createVendorInput, input);
  const id = await withAudit(ctx, async (tx, audit) => {
    if (await repo.findLiveByName(tx, ctx.org.id, data.name)) throw duplicateName(data.name);
    const [row] = await repo.insertVendors(tx, [{ ...data, orgId: ctx.org.id }]);
    if (!row) throw new Error('vendor insert returned nothing');
    audit({ action: 'vendor.create', entityType: 'vendor', entityId: row.id, after: snapshotVendor(row) });
    return row.id;
  });
  return getVendor(ctx, id);
}

export async function updateVendor(ctx: OrgContext, id: string, input: UpdateVendorInput): Promise<VendorView> {
  if (!can(ctx.role, 'vendor.update')) throw forbidden();
  const { version, ...changes } = parseOrThrow(updateVendorInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockVendor(tx, ctx.org.id, id);
    if (!before) throw notFound('Vendor');
    if (before.archivedAt) throw new AppError('conflict', 'This vendor is archived; restore it before editing');
    if (version !== undefined && version !== before.version) {
      throw new AppError('conflict', 'Someone else changed this vendor since you opened it; reload and try again', {
        currentVersion: before.version,
      });
    }
    if (changes.name && (await repo.findLiveByName(tx, ctx.org.id, changes.name, id))) throw duplicateName(changes.name);
    const after = await repo.updateVendor(tx, ctx.org.id, id, changes);
    if (!after) throw notFound('Vendor');
    audit({ action: 'vendor.update', entityType: 'vendor', entityId: id, before: snapshotVendor(before), after: snapshotVendor(after) });
  });
  return getVendor(ctx, id);
}

async function setArchived(ctx: OrgContext, id: string, archived: boolean): Promise<VendorView> {
  if (!can(ctx.role, 'vendor.archive')) throw forbidden();
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockVendor(tx, ctx.org.id, id);
    if (!before) throw notFound('Vendor');
    if (!!before.archivedAt === archived) return;
    if (!archived && (await repo.findLiveByName(tx, ctx.org.id, before.name, id))) throw duplicateName(before.name);
    const after = await repo.updateVendor(tx, ctx.org.id, id, { archivedAt: archived ? new Date() : null });
    if (!after) throw notFound('Vendor');
    audit({
      action: archived ? 'vendor.archive' : 'vendor.restore',
      entityType: 'vendor',
      entityId: id,
      before: snapshotVendor(before),
      after: snapshotVendor(after),
    });
  });
  return getVendor(ctx, id);
}

export const archiveVendor = (ctx: OrgContext, id: string) => setArchived(ctx, id, true);
export const restoreVendor = (ctx: OrgContext, id: string) => setArchived(ctx, id, false);
