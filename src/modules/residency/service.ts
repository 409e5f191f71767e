import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { residencyViolations } from './check.js';
import { regionLabels, residencyRegions, type ResidencyRegion } from './regions.js';
import * as repo from './repo.js';
import { residencyPolicyInput, type ResidencyPolicyInput, type ResidencyPolicyView, type ResidencyViolations } from './schema.js';

const regions = residencyRegions.map((code) => ({
  code,
  label: { en: regionLabels[code].en, 'zh-HK': regionLabels[code]['zh-HK'] },
  short: regionLabels[code].short,
}));

function snapshot(p: repo.PolicyRow): Record<string, unknown> {
  const { orgId: _org, updatedAt, ...rest } = p;
  return { ...rest, updatedAt: updatedAt.toISOString() };
}

export async function getResidencyPolicy(ctx: OrgContext): Promise<ResidencyPolicyView> {
  if (!can(ctx.role, 'vendor.read')) throw forbidden();
  const p = await repo.findPolicy(ctx.db, ctx.org.id);
  return {
    configured: !!p,
    allowedRegions: (p?.allowedRegions ?? []) as ResidencyRegion[],
    dataCategories: p?.dataCategories ?? [],
    note: p?.note ?? null,
    version: p?.version ?? 0,
    updatedAt: p?.updatedAt.toISOString() ?? null,
    regions,
    can: { update: can(ctx.role, 'vendor.update') },
  };
}

export async function setResidencyPolicy(ctx: OrgContext, input: ResidencyPolicyInput): Promise<ResidencyPolicyView> {
  if (!can(ctx.role, 'vendor.update')) throw forbidden();
  const { version, ...data } = parseOrThrow(residencyPolicyInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findPolicy(tx, ctx.org.id, true);
    if (version !== undefined && version !== (before?.version ?? 0))
      throw new AppError('conflict', 'Someone else changed the policy since you opened it; reload and try again', {
        currentVersion: before?.version ?? 0,
      });
    const after = await repo.upsertPolicy(tx, ctx.org.id, data);
    audit({
      action: 'residency_policy.update',
      entityType: 'residency_policy',
      entityId: ctx.org.id,
      ...(before ? { before: snapshot(before) } : {}),
      after: snapshot(after),
    });
  });
  return getResidencyPolicy(ctx);
}

/** Every live system and vendor against the policy; without a policy there is nothing to break. */
export async function listResidencyViolations(ctx: OrgContext): Promise<ResidencyViolations> {
  if (!can(ctx.role, 'vendor.read')) throw forbidden();
  const policy = await repo.findPolicy(ctx.db, ctx.org.id);
  if (!policy) return { configured: false, allowedRegions: [], items: [] };
  const [systems, features, vendors] = await Promise.all([
    repo.liveSystems(ctx.db, ctx.org.id),
    repo.enabledFeatureLinks(ctx.db, ctx.org.id),
    repo.liveVendors(ctx.db, ctx.org.id),
  ]);
  const featureVendors = new Map<string, string[]>();
  for (const f of features) if (f.systemId) featureVendors.set(f.systemId, [...(featureVendors.get(f.systemId) ?? []), f.vendorId]);
  const facts = systems.map((s) => ({
    ...s,
    vendorIds: [...new Set([...(s.vendorId ? [s.vendorId] : []), ...(featureVendors.get(s.id) ?? [])])],
  }));
  return {
    configured: true,
    allowedRegions: policy.allowedRegions as ResidencyRegion[],
    items: residencyViolations(policy, facts, vendors),
  };
}
