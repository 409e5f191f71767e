import type { Db } from '../../db/connect.js';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import { liveSystemsAmong } from '../controls/repo.js';
import { membersAmong } from '../systems/repo.js';
import {
  acceptableFrom,
  acceptanceFields,
  acceptanceRule,
  bandRanges,
  canMove,
  currentScore,
  riskIssues,
  statusAfterClearing,
  statusTransitions,
} from './matrix.js';
import { presentListItem, presentRisk, snapshotRisk } from './present.js';
import * as repo from './repo.js';
import {
  acceptRiskInput,
  createRiskInput,
  linkControlsInput,
  updateRiskInput,
  type AcceptRiskInput,
  type CreateRiskInput,
  type LinkControlsInput,
  type RiskListQuery,
  type RiskMatrix,
  type RiskPage,
  type RiskStatus,
  type RiskView,
  type Treatment,
  type UpdateRiskInput,
} from './schema.js';
import { loadRiskSettings } from './settings-service.js';

export const ISO_42001 = 'iso-iec-42001-2023';

/** ISO/IEC 42001 Annex C ids by kind, from the built-in pack. */
export function annexC(catalog: FrameworkCatalog): { riskSources: Set<string>; objectives: Set<string> } {
  const reqs = catalog.pack(ISO_42001)?.requirements ?? [];
  return {
    riskSources: new Set(reqs.filter((r) => r.kind === 'risk_source').map((r) => r.id)),
    objectives: new Set(reqs.filter((r) => r.kind === 'organizational_objective').map((r) => r.id)),
  };
}

type Refs = Pick<repo.RiskRow, 'systemId' | 'ownerId' | 'riskSource' | 'objective'>;

/** References that changed must point at the organisation's live system, a member, and Annex C ids of the right kind. */
async function referenceIssues(db: Db, orgId: string, catalog: FrameworkCatalog, next: Refs, before?: Refs): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const changed = (k: keyof Refs) => next[k] !== null && next[k] !== before?.[k];
  if (changed('systemId') && !(await liveSystemsAmong(db, orgId, [next.systemId!])).has(next.systemId!)) {
    issues.push({ path: 'systemId', message: 'No such live system in this organisation' });
  }
  if (changed('ownerId') && !(await membersAmong(db, orgId, [next.ownerId!])).has(next.ownerId!)) {
    issues.push({ path: 'ownerId', message: 'Not a member of this organisation' });
  }
  const c = annexC(catalog);
  if (changed('riskSource') && !c.riskSources.has(next.riskSource!)) {
    issues.push({ path: 'riskSource', message: `Use an ISO/IEC 42001 Annex C risk source: ${[...c.riskSources].join(', ')}` });
  }
  if (changed('objective') && !c.objectives.has(next.objective!)) {
    issues.push({ path: 'objective', message: `Use an ISO/IEC 42001 Annex C objective: ${[...c.objectives].join(', ')}` });
  }
  return issues;
}

function refuse(issues: FieldIssue[]): void {
  if (issues.length) throw invalid('Some fields are not valid', issues);
}

export async function listRisks(ctx: OrgContext, query: RiskListQuery): Promise<RiskPage> {
  if (!can(ctx.role, 'risk.read')) throw forbidden();
  const { data } = await loadRiskSettings(ctx.db, ctx.org.id);
  const { rows, total } = await repo.listRisks(ctx.db, ctx.org.id, query, bandRanges(data.matrix));
  return { items: rows.map((r) => presentListItem(r, r, data.matrix)), total, limit: query.limit, offset: query.offset };
}

async function view(ctx: OrgContext, row: repo.RiskRow, matrix: RiskMatrix): Promise<RiskView> {
  const refs = (await repo.refsOf(ctx.db, ctx.org.id, [row.id])).get(row.id) ?? { systemName: null, ownerName: null, controlCount: 0 };
  return presentRisk(row, refs, await repo.controlsOf(ctx.db, ctx.org.id, row.id), matrix, ctx.role);
}

export async function getRisk(ctx: OrgContext, id: string): Promise<RiskView> {
  if (!can(ctx.role, 'risk.read')) throw forbidden();
  const row = await repo.findRisk(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Risk');
  return view(ctx, row, (await loadRiskSettings(ctx.db, ctx.org.id)).data.matrix);
}

export async function createRisk(ctx: OrgContext, catalog: FrameworkCatalog, input: CreateRiskInput): Promise<RiskView> {
  if (!can(ctx.role, 'risk.manage')) throw forbidden();
  const data = parseOrThrow(createRiskInput, input);
  const id = await withAudit(ctx, async (tx, audit) => {
    const { data: settings } = await loadRiskSettings(tx, ctx.org.id);
    refuse([...riskIssues(data, settings.matrix), ...(await referenceIssues(tx, ctx.org.id, catalog, data))]);
    const [row] = await repo.insertRisks(tx, [{ ...data, orgId: ctx.org.id }]);
    if (!row) throw new Error('risk insert returned nothing');
    audit({ action: 'risk.create', entityType: 'risk', entityId: row.id, after: snapshotRisk(row) });
    return row.id;
  });
  return getRisk(ctx, id);
}

const noAcceptance = { acceptedBy: null, acceptedByName: null, acceptedAt: null, acceptanceNote: null } as const;

function conflictIfStale(before: repo.RiskRow, version: number | undefined): void {
  if (before.archivedAt) throw new AppError('conflict', 'This risk is archived; restore it before changing it');
  if (version !== undefined && version !== before.version) {
    throw new AppError('conflict', 'Someone else changed this risk since you opened it; reload and try again', {
      currentVersion: before.version,
    });
  }
}

/**
 * Changes a risk. A change to what was accepted (likelihood, impact, residual values, treatment) voids an
 * acceptance: the risk returns to treated (or assessed without a treatment) and the clearing is audited.
 */
export async function updateRisk(ctx: OrgContext, catalog: FrameworkCatalog, id: string, input: UpdateRiskInput): Promise<RiskView> {
  if (!can(ctx.role, 'risk.manage')) throw forbidden();
  const { version, status: wanted, ...changes } = parseOrThrow(updateRiskInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findRisk(tx, ctx.org.id, id, true);
    if (!before) throw notFound('Risk');
    conflictIfStale(before, version);
    const { data: settings } = await loadRiskSettings(tx, ctx.org.id);
    const merged = { ...before, ...changes };
    const voided = before.status === 'accepted' && acceptanceFields.some((f) => changes[f] !== undefined && changes[f] !== before[f]);
    let status = (voided ? statusAfterClearing(merged.treatment as Treatment | null) : before.status) as RiskStatus;
    const issues: FieldIssue[] = [];
    if (wanted !== undefined && wanted !== before.status) {
      if (canMove(status, wanted)) status = wanted;
      else issues.push({ path: 'status', message: `A ${status} risk can move to: ${statusTransitions[status].join(', ')}` });
    }
    issues.push(
      ...riskIssues({ ...merged, treatment: merged.treatment as Treatment | null, status }, settings.matrix),
      ...(await referenceIssues(tx, ctx.org.id, catalog, merged, before)),
    );
    refuse(issues);
    const after = await repo.updateRisk(tx, ctx.org.id, id, { ...changes, status, ...(status === 'accepted' ? {} : noAcceptance) });
    if (!after) throw notFound('Risk');
    audit({ action: 'risk.update', entityType: 'risk', entityId: id, before: snapshotRisk(before), after: snapshotRisk(after) });
    if (before.status === 'accepted' && status !== 'accepted') {
      audit({
        action: 'risk.acceptance_clear',
        entityType: 'risk',
        entityId: id,
        before: { acceptedBy: before.acceptedBy, acceptedByName: before.acceptedByName, acceptedAt: before.acceptedAt?.toISOString() },
        after: { status, reason: voided ? 'the accepted likelihood, impact, residual values or treatment changed' : `moved to ${status}` },
      });
    }
  });
  return getRisk(ctx, id);
}

async function setArchived(ctx: OrgContext, id: string, archived: boolean): Promise<RiskView> {
  if (!can(ctx.role, 'risk.manage')) throw forbidden();
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findRisk(tx, ctx.org.id, id, true);
    if (!before) throw notFound('Risk');
    if (!!before.archivedAt === archived) return;
    const after = await repo.updateRisk(tx, ctx.org.id, id, { archivedAt: archived ? new Date() : null });
    if (!after) throw notFound('Risk');
    audit({
      action: archived ? 'risk.archive' : 'risk.restore',
      entityType: 'risk',
      entityId: id,
      before: snapshotRisk(before),
      after: snapshotRisk(after),
    });
  });
  return getRisk(ctx, id);
}

export const archiveRisk = (ctx: OrgContext, id: string) => setArchived(ctx, id, true);
export const restoreRisk = (ctx: OrgContext, id: string) => setArchived(ctx, id, false);

/**
 * Accepts a risk at its current score (residual when recorded, else inherent) under the risk criteria: above the
 * acceptable maximum a note is required, or nobody may accept, as the organisation decided. Accepting an accepted
 * risk again re-affirms it (a review) and records the new acceptor.
 */
export async function acceptRisk(ctx: OrgContext, id: string, input: AcceptRiskInput): Promise<RiskView> {
  if (!can(ctx.role, 'risk.accept')) throw forbidden();
  const { note } = parseOrThrow(acceptRiskInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findRisk(tx, ctx.org.id, id, true);
    if (!before) throw notFound('Risk');
    conflictIfStale(before, undefined);
    if (!acceptableFrom.includes(before.status as RiskStatus)) {
      throw new AppError(
        'conflict',
        `A ${before.status} risk cannot be accepted; assess it first (allowed from: ${acceptableFrom.join(', ')})`,
      );
    }
    const { data: settings } = await loadRiskSettings(tx, ctx.org.id);
    const score = currentScore(before);
    const max = settings.criteria.acceptableMaxScore;
    const rule = acceptanceRule(settings.criteria, score, note);
    if (!rule.ok && rule.reason === 'forbidden_above_maximum') {
      throw invalid(
        `The risk scores ${score}, above the acceptable maximum of ${max}; the risk criteria allow nobody to accept it. Treat it further.`,
        [{ path: 'note', message: `Score ${score} is above the acceptable maximum ${max}: it cannot be accepted` }],
      );
    }
    if (!rule.ok) {
      throw invalid(`The risk scores ${score}, above the acceptable maximum of ${max}: a note explaining the acceptance is required`, [
        { path: 'note', message: `A note is required: score ${score} is above the acceptable maximum ${max}` },
      ]);
    }
    const byName = (ctx.actor.userId && (await repo.displayNameOf(tx, ctx.actor.userId))) || ctx.actor.label;
    const after = await repo.updateRisk(tx, ctx.org.id, id, {
      status: 'accepted',
      acceptedBy: ctx.actor.userId,
      acceptedByName: byName,
      acceptedAt: new Date(),
      acceptanceNote: note,
    });
    if (!after) throw notFound('Risk');
    audit({
      action: 'risk.accept',
      entityType: 'risk',
      entityId: id,
      before: snapshotRisk(before),
      after: { ...snapshotRisk(after), score, acceptableMaxScore: max, aboveMaximum: rule.aboveMaximum },
    });
  });
  return getRisk(ctx, id);
}

/** Links live applied controls of the organisation; already linked ones are left as they are. */
export async function linkRiskControls(ctx: OrgContext, id: string, input: LinkControlsInput): Promise<RiskView> {
  if (!can(ctx.role, 'risk.manage')) throw forbidden();
  const { controlIds } = parseOrThrow(linkControlsInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findRisk(tx, ctx.org.id, id, true);
    if (!before) throw notFound('Risk');
    conflictIfStale(before, undefined);
    const live = await repo.liveControlsAmong(tx, ctx.org.id, controlIds);
    refuse(
      controlIds.flatMap((c, i) =>
        live.has(c) ? [] : [{ path: `controlIds.${i}`, message: 'No such live control in this organisation' }],
      ),
    );
    const added = await repo.linkControls(tx, ctx.org.id, id, controlIds);
    if (added.length) audit({ action: 'risk.link_controls', entityType: 'risk', entityId: id, after: { controlIds: added } });
  });
  return getRisk(ctx, id);
}

/** Unlinks a control; unlinking one that is not linked changes nothing. */
export async function unlinkRiskControl(ctx: OrgContext, id: string, controlId: string): Promise<RiskView> {
  if (!can(ctx.role, 'risk.manage')) throw forbidden();
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findRisk(tx, ctx.org.id, id, true);
    if (!before) throw notFound('Risk');
    conflictIfStale(before, undefined);
    if (await repo.unlinkControl(tx, ctx.org.id, id, controlId)) {
      audit({ action: 'risk.unlink_control', entityType: 'risk', entityId: id, before: { controlId } });
    }
  });
  return getRisk(ctx, id);
}
