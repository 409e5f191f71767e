import { randomBytes } from 'node:crypto';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import * as evidenceRepo from '../evidence/repo.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import { PriorityContext } from '../remediation/priority-context.js';
import * as remediationRepo from '../remediation/repo.js';
import type { ActionStatus } from '../remediation/schema.js';
import * as vendorRepo from '../vendors/repo.js';
import { readChecklist, seedChecklist, SUPPLIER_REQUIREMENT } from './checklist.js';
import * as repo from './repo.js';
import {
  createClauseInput,
  createContractInput,
  setClauseInput,
  updateClauseInput,
  updateContractInput,
  type ClauseChecklist,
  type ClauseStatus,
  type ClauseTemplateView,
  type ContractList,
  type ContractListQuery,
  type ContractView,
  type CreateClauseInput,
  type CreateContractInput,
  type SetClauseInput,
  type UpdateClauseInput,
  type UpdateContractInput,
} from './schema.js';

const requireRead = (ctx: OrgContext) => {
  if (!can(ctx.role, 'vendor.read')) throw forbidden();
};
const requireUpdate = (ctx: OrgContext) => {
  if (!can(ctx.role, 'vendor.update')) throw forbidden();
};
const OPEN_ACTION = new Set(['open', 'in_progress']);

function snapshotContract(c: repo.ContractRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, archivedAt, ...rest } = c;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), archivedAt: archivedAt?.toISOString() ?? null };
}

function snapshotClause(c: repo.ClauseRow): Record<string, unknown> {
  const { orgId: _org, updatedAt, ...rest } = c;
  return { ...rest, updatedAt: updatedAt.toISOString() };
}

async function present(ctx: OrgContext, rows: repo.ContractWithVendor[]): Promise<ContractView[]> {
  const checklist = (await readChecklist(ctx.db, ctx.org.id)).filter((c) => c.enabled);
  const clauses = await repo.clausesOf(
    ctx.db,
    ctx.org.id,
    rows.map((r) => r.contract.id),
  );
  const actions = new Map(
    (await repo.actionsByIds(ctx.db, ctx.org.id, [...new Set(clauses.map((c) => c.actionId).filter((v): v is string => !!v))])).map((a) => [
      a.id,
      a,
    ]),
  );
  return rows.map(({ contract: c, vendorName }) => {
    const mine = new Map(clauses.filter((x) => x.contractId === c.id).map((x) => [x.clauseKey, x]));
    const items = checklist.map((t): ContractView['clauses'][number] => {
      const row = mine.get(t.key);
      const action = row?.actionId ? actions.get(row.actionId) : undefined;
      return {
        key: t.key,
        title: t.title,
        builtIn: t.builtIn,
        status: (row?.status as ClauseStatus | undefined) ?? 'not_reviewed',
        note: row?.note ?? null,
        evidenceId: row?.evidenceId ?? null,
        action: action ? { id: action.id, title: action.title, status: action.status as ActionStatus } : null,
        updatedAt: row?.updatedAt.toISOString() ?? null,
      };
    });
    const count = (s: string) => items.filter((i) => i.status === s).length;
    return {
      id: c.id,
      vendor: { id: c.vendorId, name: vendorName },
      title: c.title,
      reference: c.reference,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      evidenceId: c.evidenceId,
      clauses: items,
      summary: {
        present: count('present'),
        missing: count('missing'),
        under_negotiation: count('under_negotiation'),
        not_reviewed: count('not_reviewed'),
      },
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      archivedAt: c.archivedAt?.toISOString() ?? null,
      can: { update: can(ctx.role, 'vendor.update') },
    };
  });
}

/** An evidence item named in a body must be the organisation's own and live (another's reads as unknown). */
export async function checkEvidence(ctx: OrgContext, tx: OrgContext['db'], evidenceId: string | null | undefined): Promise<void> {
  if (!evidenceId) return;
  const row = await evidenceRepo.findEvidence(tx, ctx.org.id, evidenceId);
  if (!row || row.archivedAt)
    throw invalid('There is no such evidence in this organisation', [{ path: 'evidenceId', message: 'Unknown evidence' }]);
}

function checkDates(startsOn: string | null, endsOn: string | null): void {
  if (startsOn && endsOn && endsOn < startsOn)
    throw invalid('The contract ends before it starts', [{ path: 'endsOn', message: 'Before the start date' }]);
}

export async function listContracts(ctx: OrgContext, vendorId: string, query: ContractListQuery): Promise<ContractList> {
  requireRead(ctx);
  if (!(await vendorRepo.findVendor(ctx.db, ctx.org.id, vendorId))) throw notFound('Vendor');
  return { items: await present(ctx, await repo.listContracts(ctx.db, ctx.org.id, vendorId, query)) };
}

export async function getContract(ctx: OrgContext, id: string): Promise<ContractView> {
  requireRead(ctx);
  const row = await repo.findContract(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Contract');
  return (await present(ctx, [row]))[0]!;
}

export async function createContract(ctx: OrgContext, vendorId: string, input: CreateContractInput): Promise<ContractView> {
  requireUpdate(ctx);
  const data = parseOrThrow(createContractInput, input);
  checkDates(data.startsOn, data.endsOn);
  const id = await withAudit(ctx, async (tx, audit) => {
    const vendor = await vendorRepo.lockVendor(tx, ctx.org.id, vendorId);
    if (!vendor) throw notFound('Vendor');
    if (vendor.archivedAt) throw new AppError('conflict', 'This vendor is archived; restore it first');
    await checkEvidence(ctx, tx, data.evidenceId);
    const row = await repo.insertContract(tx, { ...data, orgId: ctx.org.id, vendorId });
    audit({ action: 'vendor_contract.create', entityType: 'vendor_contract', entityId: row.id, after: snapshotContract(row) });
    return row.id;
  });
  return getContract(ctx, id);
}

export async function updateContract(ctx: OrgContext, id: string, input: UpdateContractInput): Promise<ContractView> {
  requireUpdate(ctx);
  const { version, ...changes } = parseOrThrow(updateContractInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockContract(tx, ctx.org.id, id);
    if (!before) throw notFound('Contract');
    if (before.archivedAt) throw new AppError('conflict', 'This contract is archived; restore it before editing');
    if (version !== undefined && version !== before.version)
      throw new AppError('conflict', 'Someone else changed this contract since you opened it; reload and try again', {
        currentVersion: before.version,
      });
    checkDates(
      changes.startsOn !== undefined ? changes.startsOn : before.startsOn,
      changes.endsOn !== undefined ? changes.endsOn : before.endsOn,
    );
    await checkEvidence(ctx, tx, changes.evidenceId);
    const after = await repo.updateContract(tx, ctx.org.id, id, changes);
    if (!after) throw notFound('Contract');
    audit({
      action: 'vendor_contract.update',
      entityType: 'vendor_contract',
      entityId: id,
      before: snapshotContract(before),
      after: snapshotContract(after),
    });
  });
  return getContract(ctx, id);
}

async function setArchived(ctx: OrgContext, id: string, archived: boolean): Promise<ContractView> {
  requireUpdate(ctx);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockContract(tx, ctx.org.id, id);
    if (!before) throw notFound('Contract');
    if (!!before.archivedAt === archived) return;
    const after = await repo.updateContract(tx, ctx.org.id, id, { archivedAt: archived ? new Date() : null });
    if (!after) throw notFound('Contract');
    audit({
      action: archived ? 'vendor_contract.archive' : 'vendor_contract.restore',
      entityType: 'vendor_contract',
      entityId: id,
      before: snapshotContract(before),
      after: snapshotContract(after),
    });
  });
  return getContract(ctx, id);
}
export const archiveContract = (ctx: OrgContext, id: string) => setArchived(ctx, id, true);
export const restoreContract = (ctx: OrgContext, id: string) => setArchived(ctx, id, false);

/**
 * Records a clause's state on a contract. A missing clause raises a remediation action against the clause's
 * requirement (A.10.3 for the organisation's own clauses) unless one raised for it is still open; once the clause
 * is present the action stays as it is, for its owner to close with their own evidence — closing it here would hide
 * the work from the plan's history.
 */
export async function setContractClause(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  contractId: string,
  clauseKey: string,
  input: SetClauseInput,
): Promise<ContractView> {
  requireUpdate(ctx);
  const data = parseOrThrow(setClauseInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const contract = await repo.lockContract(tx, ctx.org.id, contractId);
    if (!contract) throw notFound('Contract');
    if (contract.archivedAt) throw new AppError('conflict', 'This contract is archived; restore it before editing');
    const template = (await seedChecklist(tx, ctx.org.id)).find((t) => t.key === clauseKey);
    if (!template) throw notFound('Clause');
    if (!template.enabled) throw new AppError('conflict', 'This clause is switched off in the checklist');
    await checkEvidence(ctx, tx, data.evidenceId);
    const before = await repo.findClause(tx, ctx.org.id, contractId, clauseKey);
    let actionId = before?.actionId ?? null;
    if (data.status === 'missing') {
      const [current] = actionId ? await repo.actionsByIds(tx, ctx.org.id, [actionId]) : [];
      if (!current || !OPEN_ACTION.has(current.status)) {
        const vendor = await vendorRepo.lockVendor(tx, ctx.org.id, contract.vendorId);
        const action = await raiseAction(ctx, tx, catalog, template, contract.title, vendor?.name ?? '');
        audit({ action: 'remediation.create', entityType: 'remediation_action', entityId: action.id, after: action });
        actionId = action.id;
      }
    }
    const after = await repo.upsertClause(tx, {
      orgId: ctx.org.id,
      contractId,
      clauseKey,
      status: data.status,
      note: data.note,
      evidenceId: data.evidenceId,
      actionId,
    });
    await repo.updateContract(tx, ctx.org.id, contractId, {});
    audit({
      action: 'vendor_contract.clause',
      entityType: 'vendor_contract',
      entityId: contractId,
      ...(before ? { before: snapshotClause(before) } : {}),
      after: snapshotClause(after),
    });
  });
  return getContract(ctx, contractId);
}

async function raiseAction(
  ctx: OrgContext,
  tx: OrgContext['db'],
  catalog: FrameworkCatalog,
  clause: ClauseTemplateView,
  contractTitle: string,
  vendorName: string,
) {
  const req = clause.requirements[0] ?? SUPPLIER_REQUIREMENT;
  const weight = catalog.pack(req.framework)?.requirements.find((r) => r.id === req.id)?.weight ?? 1;
  const { priority, basis } = await (await PriorityContext.load(tx, ctx.org.id)).price(req.framework, req.id, weight, null);
  const row = await remediationRepo.insertAction(tx, {
    orgId: ctx.org.id,
    title: `Add the "${clause.title.en}" clause to ${contractTitle} (${vendorName})`.slice(0, 200),
    description: `The contract lacks the "${clause.title.en}" clause of the AI clause checklist.${clause.description ? ` ${clause.description.en}` : ''}`,
    framework: req.framework,
    requirementId: req.id,
    status: 'open',
    computedPriority: priority,
    priorityBasis: basis,
  });
  return {
    id: row.id,
    title: row.title,
    framework: row.framework,
    requirementId: row.requirementId,
    status: row.status,
    computedPriority: row.computedPriority,
  };
}

export async function getChecklist(ctx: OrgContext): Promise<ClauseChecklist> {
  requireRead(ctx);
  return { items: await readChecklist(ctx.db, ctx.org.id), can: { update: can(ctx.role, 'vendor.update') } };
}

export async function addClause(ctx: OrgContext, input: CreateClauseInput): Promise<ClauseChecklist> {
  requireUpdate(ctx);
  const data = parseOrThrow(createClauseInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const checklist = await seedChecklist(tx, ctx.org.id);
    if (checklist.some((c) => c.title.en.toLowerCase() === data.title.en.toLowerCase()))
      throw invalid('The checklist already has a clause with this title', [{ path: 'title.en', message: 'Already in the checklist' }]);
    const key = `custom_${randomBytes(5).toString('hex')}`;
    const sortOrder = Math.max(0, ...checklist.map((c) => c.sortOrder)) + 10;
    await repo.insertMissingTemplates(tx, [
      {
        orgId: ctx.org.id,
        clauseKey: key,
        title: data.title,
        description: data.description ?? null,
        builtIn: false,
        enabled: true,
        sortOrder,
      },
    ]);
    audit({
      action: 'contract_clause.create',
      entityType: 'contract_clause',
      entityId: key,
      after: { key, ...data, enabled: true, sortOrder },
    });
  });
  return getChecklist(ctx);
}

export async function updateClause(ctx: OrgContext, key: string, input: UpdateClauseInput): Promise<ClauseChecklist> {
  requireUpdate(ctx);
  const data = parseOrThrow(updateClauseInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = (await seedChecklist(tx, ctx.org.id)).find((c) => c.key === key);
    if (!before) throw notFound('Clause');
    if (before.builtIn && (data.title !== undefined || data.description !== undefined))
      throw invalid('A built-in clause keeps its wording; switch it off and add your own instead', [
        { path: 'title', message: 'Built-in wording' },
      ]);
    const set = {
      ...(data.enabled !== undefined ? { enabled: data.enabled } : {}),
      ...(data.title !== undefined ? { title: data.title } : {}),
      ...(data.description !== undefined ? { description: data.description ?? null } : {}),
    };
    if (!Object.keys(set).length) return;
    await repo.updateTemplate(tx, ctx.org.id, key, set);
    audit({
      action: 'contract_clause.update',
      entityType: 'contract_clause',
      entityId: key,
      before: { ...before },
      after: { ...before, ...set },
    });
  });
  return getChecklist(ctx);
}
