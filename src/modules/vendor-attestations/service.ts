import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { checkEvidence } from '../vendor-contracts/service.js';
import * as vendorRepo from '../vendors/repo.js';
import { attestationExpiry, daysBetween } from './expiry.js';
import * as repo from './repo.js';
import {
  attestationListQuery,
  createAttestationInput,
  expiringQuery,
  updateAttestationInput,
  type AttestationKind,
  type AttestationList,
  type AttestationListQuery,
  type AttestationView,
  type CreateAttestationInput,
  type ExpiringQuery,
  type UpdateAttestationInput,
} from './schema.js';

const DAY_MS = 86_400_000;
const todayIso = (): string => new Date().toISOString().slice(0, 10);
const requireRead = (ctx: OrgContext) => {
  if (!can(ctx.role, 'vendor.read')) throw forbidden();
};
const requireUpdate = (ctx: OrgContext) => {
  if (!can(ctx.role, 'vendor.update')) throw forbidden();
};

function snapshot(a: repo.AttestationRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, archivedAt, ...rest } = a;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), archivedAt: archivedAt?.toISOString() ?? null };
}

function present({ attestation: a, vendorName }: repo.AttestationWithVendor, ctx: OrgContext, today: string): AttestationView {
  return {
    id: a.id,
    vendor: { id: a.vendorId, name: vendorName },
    kind: a.kind as AttestationKind,
    issuer: a.issuer,
    scope: a.scope,
    validFrom: a.validFrom,
    validTo: a.validTo,
    expiry: attestationExpiry(a.validTo, today),
    daysLeft: a.validTo ? daysBetween(today, a.validTo) : null,
    evidenceId: a.evidenceId,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    archivedAt: a.archivedAt?.toISOString() ?? null,
    can: { update: can(ctx.role, 'vendor.update') },
  };
}

function checkDates(validFrom: string | null, validTo: string | null): void {
  if (validFrom && validTo && validTo < validFrom)
    throw invalid('The attestation ends before it starts', [{ path: 'validTo', message: 'Before the start date' }]);
}

export async function listAttestations(ctx: OrgContext, vendorId: string, query: AttestationListQuery): Promise<AttestationList> {
  requireRead(ctx);
  const q = parseOrThrow(attestationListQuery, query);
  if (!(await vendorRepo.findVendor(ctx.db, ctx.org.id, vendorId))) throw notFound('Vendor');
  const today = todayIso();
  return { items: (await repo.listForVendor(ctx.db, ctx.org.id, vendorId, q)).map((r) => present(r, ctx, today)) };
}

/** Organisation-wide: live attestations that expired or end within `withinDays`, soonest first. */
export async function expiringAttestations(ctx: OrgContext, query: ExpiringQuery): Promise<AttestationList> {
  requireRead(ctx);
  const q = parseOrThrow(expiringQuery, query);
  const today = todayIso();
  const until = new Date(Date.parse(today) + q.withinDays * DAY_MS).toISOString().slice(0, 10);
  return { items: (await repo.endingBy(ctx.db, ctx.org.id, until)).map((r) => present(r, ctx, today)) };
}

export async function getAttestation(ctx: OrgContext, id: string): Promise<AttestationView> {
  requireRead(ctx);
  const row = await repo.findAttestation(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Attestation');
  return present(row, ctx, todayIso());
}

export async function createAttestation(ctx: OrgContext, vendorId: string, input: CreateAttestationInput): Promise<AttestationView> {
  requireUpdate(ctx);
  const data = parseOrThrow(createAttestationInput, input);
  checkDates(data.validFrom, data.validTo);
  const id = await withAudit(ctx, async (tx, audit) => {
    const vendor = await vendorRepo.lockVendor(tx, ctx.org.id, vendorId);
    if (!vendor) throw notFound('Vendor');
    if (vendor.archivedAt) throw new AppError('conflict', 'This vendor is archived; restore it first');
    await checkEvidence(ctx, tx, data.evidenceId);
    const row = await repo.insertAttestation(tx, { ...data, orgId: ctx.org.id, vendorId });
    audit({ action: 'vendor_attestation.create', entityType: 'vendor_attestation', entityId: row.id, after: snapshot(row) });
    return row.id;
  });
  return getAttestation(ctx, id);
}

export async function updateAttestation(ctx: OrgContext, id: string, input: UpdateAttestationInput): Promise<AttestationView> {
  requireUpdate(ctx);
  const { version, ...changes } = parseOrThrow(updateAttestationInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockAttestation(tx, ctx.org.id, id);
    if (!before) throw notFound('Attestation');
    if (before.archivedAt) throw new AppError('conflict', 'This attestation is archived; restore it before editing');
    if (version !== undefined && version !== before.version)
      throw new AppError('conflict', 'Someone else changed this attestation since you opened it; reload and try again', {
        currentVersion: before.version,
      });
    checkDates(
      changes.validFrom !== undefined ? changes.validFrom : before.validFrom,
      changes.validTo !== undefined ? changes.validTo : before.validTo,
    );
    await checkEvidence(ctx, tx, changes.evidenceId);
    const after = await repo.updateAttestation(tx, ctx.org.id, id, changes);
    if (!after) throw notFound('Attestation');
    audit({
      action: 'vendor_attestation.update',
      entityType: 'vendor_attestation',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
  });
  return getAttestation(ctx, id);
}

async function setArchived(ctx: OrgContext, id: string, archived: boolean): Promise<AttestationView> {
  requireUpdate(ctx);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockAttestation(tx, ctx.org.id, id);
    if (!before) throw notFound('Attestation');
    if (!!before.archivedAt === archived) return;
    const after = await repo.updateAttestation(tx, ctx.org.id, id, { archivedAt: archived ? new Date() : null });
    if (!after) throw notFound('Attestation');
    audit({
      action: archived ? 'vendor_attestation.archive' : 'vendor_attestation.restore',
      entityType: 'vendor_attestation',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
  });
  return getAttestation(ctx, id);
}
export const archiveAttestation = (ctx: OrgContext, id: string) => setArchived(ctx, id, true);
export const restoreAttestation = (ctx: OrgContext, id: string) => setArchived(ctx, id, false);
