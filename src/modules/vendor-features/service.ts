import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import * as vendorRepo from '../vendors/repo.js';
import * as repo from './repo.js';
import {
  createFeatureInput,
  featureListQuery,
  updateFeatureInput,
  type CreateFeatureInput,
  type FeatureList,
  type FeatureListQuery,
  type FeatureView,
  type UpdateFeatureInput,
} from './schema.js';

const requireRead = (ctx: OrgContext) => {
  if (!can(ctx.role, 'vendor.read')) throw forbidden();
};
const requireUpdate = (ctx: OrgContext) => {
  if (!can(ctx.role, 'vendor.update')) throw forbidden();
};

function snapshot(f: repo.FeatureRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, archivedAt, ...rest } = f;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), archivedAt: archivedAt?.toISOString() ?? null };
}

function present({ feature: f, vendorName, systemName }: repo.FeatureJoined, ctx: OrgContext): FeatureView {
  return {
    id: f.id,
    vendor: { id: f.vendorId, name: vendorName },
    product: f.product,
    feature: f.feature,
    enabled: f.enabled,
    enabledBy: f.enabledBy,
    enabledOn: f.enabledOn,
    system: f.systemId ? { id: f.systemId, name: systemName ?? '' } : null,
    catalogId: f.catalogId,
    notes: f.notes,
    version: f.version,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    archivedAt: f.archivedAt?.toISOString() ?? null,
    can: { update: can(ctx.role, 'vendor.update') },
  };
}

async function checkSystem(ctx: OrgContext, tx: OrgContext['db'], systemId: string | null | undefined): Promise<void> {
  if (systemId && !(await repo.isLiveSystem(tx, ctx.org.id, systemId)))
    throw invalid('There is no such live AI system in this organisation', [{ path: 'systemId', message: 'Unknown or archived system' }]);
}

export async function listFeatures(ctx: OrgContext, vendorId: string, query: FeatureListQuery): Promise<FeatureList> {
  requireRead(ctx);
  const q = parseOrThrow(featureListQuery, query);
  if (!(await vendorRepo.findVendor(ctx.db, ctx.org.id, vendorId))) throw notFound('Vendor');
  return { items: (await repo.listForVendor(ctx.db, ctx.org.id, vendorId, q)).map((r) => present(r, ctx)) };
}

export async function getFeature(ctx: OrgContext, id: string): Promise<FeatureView> {
  requireRead(ctx);
  const row = await repo.findFeature(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('AI feature');
  return present(row, ctx);
}

export async function createFeature(ctx: OrgContext, vendorId: string, input: CreateFeatureInput): Promise<FeatureView> {
  requireUpdate(ctx);
  const data = parseOrThrow(createFeatureInput, input);
  const id = await withAudit(ctx, async (tx, audit) => {
    const vendor = await vendorRepo.lockVendor(tx, ctx.org.id, vendorId);
    if (!vendor) throw notFound('Vendor');
    if (vendor.archivedAt) throw new AppError('conflict', 'This vendor is archived; restore it first');
    await checkSystem(ctx, tx, data.systemId);
    const row = await repo.insertFeature(tx, { ...data, orgId: ctx.org.id, vendorId });
    audit({ action: 'vendor_ai_feature.create', entityType: 'vendor_ai_feature', entityId: row.id, after: snapshot(row) });
    return row.id;
  });
  return getFeature(ctx, id);
}

export async function updateFeature(ctx: OrgContext, id: string, input: UpdateFeatureInput): Promise<FeatureView> {
  requireUpdate(ctx);
  const { version, ...changes } = parseOrThrow(updateFeatureInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockFeature(tx, ctx.org.id, id);
    if (!before) throw notFound('AI feature');
    if (before.archivedAt) throw new AppError('conflict', 'This AI feature is archived; restore it before editing');
    if (version !== undefined && version !== before.version)
      throw new AppError('conflict', 'Someone else changed this AI feature since you opened it; reload and try again', {
        currentVersion: before.version,
      });
    await checkSystem(ctx, tx, changes.systemId);
    const after = await repo.updateFeature(tx, ctx.org.id, id, changes);
    if (!after) throw notFound('AI feature');
    audit({
      action: 'vendor_ai_feature.update',
      entityType: 'vendor_ai_feature',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
  });
  return getFeature(ctx, id);
}

async function setArchived(ctx: OrgContext, id: string, archived: boolean): Promise<FeatureView> {
  requireUpdate(ctx);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockFeature(tx, ctx.org.id, id);
    if (!before) throw notFound('AI feature');
    if (!!before.archivedAt === archived) return;
    const after = await repo.updateFeature(tx, ctx.org.id, id, { archivedAt: archived ? new Date() : null });
    if (!after) throw notFound('AI feature');
    audit({
      action: archived ? 'vendor_ai_feature.archive' : 'vendor_ai_feature.restore',
      entityType: 'vendor_ai_feature',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
  });
  return getFeature(ctx, id);
}
export const archiveFeature = (ctx: OrgContext, id: string) => setArchived(ctx, id, true);
export const restoreFeature = (ctx: OrgContext, id: string) => setArchived(ctx, id, false);
