import type { Db } from '../../db/connect.js';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { markImpactReassessment } from '../impact/reassess.js';
import { allowedOnSystem, presentSystem, snapshotSystem } from './present.js';
import type { SystemListIndex } from './list-index.js';
import * as repo from './repo.js';
import {
  createSystemInput,
  systemRuleIssues,
  updateSystemInput,
  type CreateSystemInput,
  type SystemData,
  type SystemListQuery,
  type SystemPage,
  type SystemView,
  type UpdateSystemInput,
} from './schema.js';

/** Owners must be members of the organisation; the vendor must be one of its live vendors. */
export async function checkReferences(
  db: Db,
  orgId: string,
  records: Pick<SystemData, 'accountableOwnerId' | 'technicalOwnerId' | 'vendorId'>[],
): Promise<(record: (typeof records)[number]) => FieldIssue[]> {
  const people = [...new Set(records.flatMap((r) => [r.accountableOwnerId, r.technicalOwnerId]).filter((v): v is string => !!v))];
  const vendorIds = [...new Set(records.map((r) => r.vendorId).filter((v): v is string => !!v))];
  // one after the other: `db` is often a transaction, whose connection runs one query at a time
  const members = await repo.membersAmong(db, orgId, people);
  const liveVendors = await repo.liveVendorsAmong(db, orgId, vendorIds);
  return (r) => {
    const issues: FieldIssue[] = [];
    if (r.accountableOwnerId && !members.has(r.accountableOwnerId))
      issues.push({ path: 'accountableOwnerId', message: 'Not a member of this organisation' });
    if (r.technicalOwnerId && !members.has(r.technicalOwnerId))
      issues.push({ path: 'technicalOwnerId', message: 'Not a member of this organisation' });
    if (r.vendorId && !liveVendors.has(r.vendorId)) issues.push({ path: 'vendorId', message: 'No such vendor in this organisation' });
    return issues;
  };
}

/** Lists from the in-memory read model when there is one (embedded database), else from the database. */
export async function listSystems(ctx: OrgContext, query: SystemListQuery, index?: SystemListIndex): Promise<SystemPage> {
  if (!can(ctx.role, 'system.read')) throw forbidden();
  const { rows, total } = index ? await index.list(ctx.db, ctx.org.id, query) : await repo.listSystems(ctx.db, ctx.org.id, query);
  return { items: rows.map((r) => presentSystem(r, ctx.role, ctx.actor)), total, limit: query.limit, offset: query.offset };
}

export async function getSystem(ctx: OrgContext, id: string): Promise<SystemView> {
  if (!can(ctx.role, 'system.read')) throw forbidden();
  const row = await repo.findSystem(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('AI system');
  return presentSystem(row, ctx.role, ctx.actor);
}

export async function createSystem(ctx: OrgContext, input: CreateSystemInput): Promise<SystemView> {
  if (!can(ctx.role, 'system.create')) throw forbidden();
  const data = parseOrThrow(createSystemInput, input);
  const id = await withAudit(ctx, async (tx, audit) => {
    const issues = (await checkReferences(tx, ctx.org.id, [data]))(data);
    if (issues.length) throw invalid('Some fields refer to things that do not exist', issues);
    const [row] = await repo.insertSystems(tx, [{ ...data, orgId: ctx.org.id }]);
    if (!row) throw new Error('system insert returned nothing');
    audit({ action: 'system.create', entityType: 'ai_system', entityId: row.id, after: snapshotSystem(row) });
    return row.id;
  });
  return getSystem(ctx, id);
}

export async function updateSystem(ctx: OrgContext, id: string, input: UpdateSystemInput): Promise<SystemView> {
  const { version, ...changes } = parseOrThrow(updateSystemInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockSystem(tx, ctx.org.id, id);
    if (!before) throw notFound('AI system');
    if (!allowedOnSystem(ctx.role, ctx.actor, 'system.update', before)) throw forbidden('You can only edit the AI systems you own');
    if (before.archivedAt) throw new AppError('conflict', 'This AI system is archived; restore it before editing');
    if (version !== undefined && version !== before.version) {
      throw new AppError('conflict', 'Someone else changed this AI system since you opened it; reload and try again', {
        currentVersion: before.version,
      });
    }
    const merged = { ...before, ...changes };
    const ruleIssues = systemRuleIssues(merged);
    const refIssues = (await checkReferences(tx, ctx.org.id, [merged]))(merged);
    const issues = [...ruleIssues, ...refIssues];
    if (issues.length) throw invalid('Some fields are not valid', issues);
    const after = await repo.updateSystem(tx, ctx.org.id, id, changes);
    if (!after) throw notFound('AI system');
    audit({ action: 'system.update', entityType: 'ai_system', entityId: id, before: snapshotSystem(before), after: snapshotSystem(after) });
    // A new purpose, model or data categories calls the system's impact assessment into question.
    await markImpactReassessment(tx, ctx.org.id, id, Object.keys(changes), audit);
  });
  return getSystem(ctx, id);
}

async function setArchived(ctx: OrgContext, id: string, archived: boolean): Promise<SystemView> {
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockSystem(tx, ctx.org.id, id);
    if (!before) throw notFound('AI system');
    if (!allowedOnSystem(ctx.role, ctx.actor, 'system.archive', before)) throw forbidden('You can only archive the AI systems you own');
    if (!!before.archivedAt === archived) return;
    const after = await repo.updateSystem(tx, ctx.org.id, id, { archivedAt: archived ? new Date() : null });
    if (!after) throw notFound('AI system');
    audit({
      action: archived ? 'system.archive' : 'system.restore',
      entityType: 'ai_system',
      entityId: id,
      before: snapshotSystem(before),
      after: snapshotSystem(after),
    });
  });
  return getSystem(ctx, id);
}

export const archiveSystem = (ctx: OrgContext, id: string) => setArchived(ctx, id, true);
export const restoreSystem = (ctx: OrgContext, id: string) => setArchived(ctx, id, false);
