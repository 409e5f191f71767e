import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { findAssessment, findItems, peopleById } from '../assessments/repo.js';
import type { ItemStatus } from '../assessments/schema.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { resolvePack } from '../frameworks/org-packs.js';
import type { Bilingual, FrameworkPack } from '../frameworks/schema.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import { membersAmong } from '../systems/repo.js';
import { priorityLevel } from './priority.js';
import { PriorityContext } from './priority-context.js';
import * as repo from './repo.js';
import {
  actionFromGapInput,
  createActionInput,
  updateActionInput,
  type ActionFromGapInput,
  type ActionStatus,
  type ActionView,
  type CreateActionInput,
  type GapRegister,
  type PlanQuery,
  type PlanView,
  type PriorityBasis,
  type UpdateActionInput,
} from './schema.js';

type ActionWithAssessment = { action: repo.ActionRow; assessmentId: string | null; assessmentTitle: string | null };

const todayIso = (): string => new Date().toISOString().slice(0, 10);

function snapshot(a: repo.ActionRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, ...rest } = a;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

/** Requirement titles (and weights) from the packs the actions refer to. */
async function packsFor(ctx: OrgContext, catalog: FrameworkCatalog, frameworks: (string | null)[]): Promise<Map<string, FrameworkPack>> {
  const out = new Map<string, FrameworkPack>();
  for (const f of new Set(frameworks.filter((v): v is string => !!v))) {
    const pack = await resolvePack(ctx.db, catalog, ctx.org.id, f).catch(() => null);
    if (pack) out.set(f, pack);
  }
  return out;
}

function titleOf(packs: Map<string, FrameworkPack>, framework: string | null, requirementId: string | null): Bilingual | null {
  if (!framework || !requirementId) return null;
  return packs.get(framework)?.requirements.find((r) => r.id === requirementId)?.title ?? null;
}

async function present(ctx: OrgContext, catalog: FrameworkCatalog, rows: ActionWithAssessment[]): Promise<ActionView[]> {
  const packs = await packsFor(
    ctx,
    catalog,
    rows.map((r) => r.action.framework),
  );
  const people = await peopleById(ctx.db, [...new Set(rows.map((r) => r.action.ownerId).filter((v): v is string => !!v))]);
  const today = todayIso();
  const manage = can(ctx.role, 'remediation.manage');
  return rows.map(({ action: a, assessmentId, assessmentTitle }) => {
    const priority = a.priorityOverride ?? a.computedPriority;
    return {
      id: a.id,
      title: a.title,
      description: a.description,
      owner: (a.ownerId && people.get(a.ownerId)) || null,
      dueDate: a.dueDate,
      overdue: !!a.dueDate && a.dueDate < today && (a.status === 'open' || a.status === 'in_progress'),
      status: a.status as ActionStatus,
      priority,
      priorityLevel: priorityLevel(priority),
      computedPriority: a.computedPriority,
      priorityOverride: a.priorityOverride,
      priorityBasis: a.priorityBasis as PriorityBasis,
      framework: a.framework,
      requirementId: a.requirementId,
      requirementTitle: titleOf(packs, a.framework, a.requirementId),
      assessment: assessmentId ? { id: assessmentId, title: assessmentTitle ?? '' } : null,
      version: a.version,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      can: { update: manage },
    };
  });
}

export async function remediationPlan(ctx: OrgContext, catalog: FrameworkCatalog, query: PlanQuery): Promise<PlanView> {
  if (!can(ctx.role, 'remediation.read')) throw forbidden();
  return { items: await present(ctx, catalog, await repo.listActions(ctx.db, ctx.org.id, query, todayIso())) };
}

export async function getAction(ctx: OrgContext, catalog: FrameworkCatalog, id: string): Promise<ActionView> {
  if (!can(ctx.role, 'remediation.read')) throw forbidden();
  const row = await repo.findActionWithAssessment(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Remediation action');
  const [view] = await present(ctx, catalog, [row]);
  return view as ActionView;
}

async function ownerIssues(ctx: OrgContext, tx: OrgContext['db'], ownerId: string | null | undefined): Promise<FieldIssue[]> {
  if (!ownerId) return [];
  return (await membersAmong(tx, ctx.org.id, [ownerId])).has(ownerId)
    ? []
    : [{ path: 'ownerId', message: 'Not a member of this organisation' }];
}

/** An action not tied to an assessment (e.g. from an audit finding); a linked requirement prices it. */
export async function createAction(ctx: OrgContext, catalog: FrameworkCatalog, input: CreateActionInput): Promise<ActionView> {
  if (!can(ctx.role, 'remediation.manage')) throw forbidden();
  const data = parseOrThrow(createActionInput, input);
  if (!!data.framework !== !!data.requirementId) {
    throw invalid('Give both a framework and a requirement, or neither', [
      { path: data.framework ? 'requirementId' : 'framework', message: 'Required with the other' },
    ]);
  }
  let weight = 1;
  if (data.framework && data.requirementId) {
    const pack = await resolvePack(ctx.db, catalog, ctx.org.id, data.framework).catch(() => null);
    const requirement = pack?.requirements.find((r) => r.id === data.requirementId);
    if (!requirement)
      throw invalid('Unknown requirement', [
        { path: 'requirementId', message: `No requirement "${data.requirementId}" in "${data.framework}"` },
      ]);
    weight = requirement.weight;
  }
  const id = await withAudit(ctx, async (tx, audit) => {
    const issues = await ownerIssues(ctx, tx, data.ownerId);
    if (issues.length) throw invalid('The action cannot be saved', issues);
    const prices = await PriorityContext.load(tx, ctx.org.id);
    const { priority, basis } =
      data.framework && data.requirementId
        ? await prices.price(data.framework, data.requirementId, weight, null)
        : { priority: weight, basis: noBasis(weight) };
    const row = await repo.insertAction(tx, {
      orgId: ctx.org.id,
      title: data.title,
      description: data.description ?? null,
      ownerId: data.ownerId ?? null,
      dueDate: data.dueDate ?? null,
      framework: data.framework ?? null,
      requirementId: data.requirementId ?? null,
      status: 'open',
      computedPriority: priority,
      priorityOverride: data.priorityOverride ?? null,
      priorityBasis: basis,
    });
    audit({ action: 'remediation.create', entityType: 'remediation_action', entityId: row.id, after: snapshot(row) });
    return row.id;
  });
  return getAction(ctx, catalog, id);
}

const noBasis = (weight: number): PriorityBasis => ({ weight, systemRisk: 1, scope: 'no_systems', systems: [] });

/** One click from a gap: title, description, owner and due date come from the assessed requirement. */
export async function createActionFromGap(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  assessmentId: string,
  requirementId: string,
  input: ActionFromGapInput,
): Promise<ActionView> {
  if (!can(ctx.role, 'remediation.manage')) throw forbidden();
  const data = parseOrThrow(actionFromGapInput, input);
  const found = await findAssessment(ctx.db, ctx.org.id, assessmentId);
  if (!found) throw notFound('Assessment');
  const pack = await resolvePack(ctx.db, catalog, ctx.org.id, found.assessment.framework);
  const requirement = pack.requirements.find((r) => r.id === requirementId);
  const id = await withAudit(ctx, async (tx, audit) => {
    const [item] = await findItems(tx, ctx.org.id, assessmentId, [requirementId], true);
    if (!item || !requirement) throw notFound('Requirement in this assessment');
    const status = item.status as ItemStatus;
    if (status !== 'gap' && status !== 'partially_met') {
      throw new AppError(
        'unprocessable',
        `Only a gap or a partly met requirement needs remediation; this one is "${status.replace('_', ' ')}"`,
        {
          issues: [{ path: 'status', message: 'Assess the requirement as a gap or partly met first' }],
        },
      );
    }
    const ownerId = data.ownerId !== undefined ? data.ownerId : item.ownerId;
    const issues = await ownerIssues(ctx, tx, ownerId);
    if (issues.length) throw invalid('The action cannot be saved', issues);
    const prices = await PriorityContext.load(tx, ctx.org.id);
    const { priority, basis } = await prices.price(pack.id, requirementId, requirement.weight, found.assessment.systemId);
    const row = await repo.insertAction(tx, {
      orgId: ctx.org.id,
      assessmentItemId: item.id,
      framework: pack.id,
      requirementId,
      title: data.title ?? `Close the gap on ${requirementId} ${requirement.title.en}`,
      description: item.gapDescription,
      ownerId: ownerId ?? null,
      dueDate: data.dueDate !== undefined ? data.dueDate : item.dueDate,
      status: 'open',
      computedPriority: priority,
      priorityBasis: basis,
    });
    audit({ action: 'remediation.create', entityType: 'remediation_action', entityId: row.id, after: snapshot(row) });
    return row.id;
  });
  return getAction(ctx, catalog, id);
}

export async function updateAction(ctx: OrgContext, catalog: FrameworkCatalog, id: string, input: UpdateActionInput): Promise<ActionView> {
  if (!can(ctx.role, 'remediation.manage')) throw forbidden();
  const { version, ...changes } = parseOrThrow(updateActionInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findAction(tx, ctx.org.id, id, true);
    if (!before) throw notFound('Remediation action');
    if (version !== undefined && version !== before.version) {
      throw new AppError('conflict', 'Someone else changed this action since you opened it; reload and try again', {
        currentVersion: before.version,
      });
    }
    const issues = await ownerIssues(ctx, tx, changes.ownerId);
    if (issues.length) throw invalid('The action cannot be saved', issues);
    const after = await repo.updateAction(tx, ctx.org.id, id, changes);
    if (!after) throw notFound('Remediation action');
    audit({
      action: 'remediation.update',
      entityType: 'remediation_action',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
  });
  return getAction(ctx, catalog, id);
}

/** Every requirement assessed as a gap or partly met, highest priority first, with the actions raised on it. */
export async function gapRegister(ctx: OrgContext, catalog: FrameworkCatalog): Promise<GapRegister> {
  if (!can(ctx.role, 'remediation.read')) throw forbidden();
  const rows = await repo.openGaps(ctx.db, ctx.org.id);
  const packs = await packsFor(
    ctx,
    catalog,
    rows.map((r) => r.assessment.framework),
  );
  const [actions, people, prices] = await Promise.all([
    repo.actionsOfItems(
      ctx.db,
      ctx.org.id,
      rows.map((r) => r.item.id),
    ),
    peopleById(ctx.db, [...new Set(rows.map((r) => r.item.ownerId).filter((v): v is string => !!v))]),
    PriorityContext.load(ctx.db, ctx.org.id),
  ]);
  const items: GapRegister['items'] = [];
  for (const { item, assessment, systemName } of rows) {
    const requirement = packs.get(assessment.framework)?.requirements.find((r) => r.id === item.requirementId);
    if (!requirement) continue;
    const { priority } = await prices.price(assessment.framework, item.requirementId, requirement.weight, assessment.systemId);
    items.push({
      assessment: { id: assessment.id, title: assessment.title, framework: assessment.framework, system: systemName },
      itemId: item.id,
      requirementId: item.requirementId,
      title: requirement.title,
      status: item.status as ItemStatus,
      gapDescription: item.gapDescription,
      owner: (item.ownerId && people.get(item.ownerId)) || null,
      dueDate: item.dueDate,
      weight: requirement.weight,
      priority,
      priorityLevel: priorityLevel(priority),
      actions: actions.filter((a) => a.itemId === item.id).map((a) => ({ id: a.id, title: a.title, status: a.status as ActionStatus })),
    });
  }
  items.sort(
    (a, b) =>
      b.priority - a.priority ||
      (a.status === b.status ? 0 : a.status === 'gap' ? -1 : 1) ||
      a.requirementId.localeCompare(b.requirementId, 'en', { numeric: true }),
  );
  return { items };
}
