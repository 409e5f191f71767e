import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { resolvePack } from '../frameworks/org-packs.js';
import type { FrameworkPack, Requirement } from '../frameworks/schema.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import { membersAmong } from '../systems/repo.js';
import { controlsInScope, deriveStatus } from './derive.js';
import { breakdown, figures } from './progress.js';
import * as repo from './repo.js';
import {
  bulkUpdateItemsInput,
  createAssessmentInput,
  updateAssessmentInput,
  updateItemInput,
  type AssessmentDetail,
  type AssessmentItemView,
  type AssessmentSummary,
  type BulkUpdateItemsInput,
  type CreateAssessmentInput,
  type ItemListQuery,
  type ItemStatus,
  type OrgProgressView,
  type UpdateAssessmentInput,
  type UpdateItemInput,
} from './schema.js';

type AssessmentWithSystem = { assessment: repo.AssessmentRow; systemName: string | null };

function snapshotItem(i: repo.ItemRow): Record<string, unknown> {
  const { orgId: _org, updatedAt, ...rest } = i;
  return { ...rest, updatedAt: updatedAt.toISOString() };
}

function snapshotAssessment(a: repo.AssessmentRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, archivedAt, ...rest } = a;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), archivedAt: archivedAt?.toISOString() ?? null };
}

function summarise(ctx: OrgContext, row: AssessmentWithSystem, pack: FrameworkPack, statuses: ItemStatus[]): AssessmentSummary {
  const a = row.assessment;
  return {
    id: a.id,
    framework: a.framework,
    frameworkVersion: a.frameworkVersion,
    frameworkTitle: pack.title,
    title: a.title,
    system: a.systemId ? { id: a.systemId, name: row.systemName ?? '' } : null,
    status: a.status as AssessmentSummary['status'],
    progress: figures(statuses),
    version: a.version,
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    can: { update: can(ctx.role, 'assessment.manage') },
  };
}

async function loadAssessment(ctx: OrgContext, id: string): Promise<AssessmentWithSystem> {
  const row = await repo.findAssessment(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Assessment');
  return row;
}

export async function listAssessments(ctx: OrgContext, catalog: FrameworkCatalog): Promise<{ items: AssessmentSummary[] }> {
  if (!can(ctx.role, 'assessment.read')) throw forbidden();
  const [rows, statuses] = await Promise.all([repo.listAssessments(ctx.db, ctx.org.id), repo.allItemStatuses(ctx.db, ctx.org.id)]);
  const byAssessment = groupStatuses(statuses);
  const items: AssessmentSummary[] = [];
  for (const row of rows) {
    const pack = await resolvePack(ctx.db, catalog, ctx.org.id, row.assessment.framework);
    items.push(summarise(ctx, row, pack, [...(byAssessment.get(row.assessment.id)?.values() ?? [])]));
  }
  return { items };
}

function groupStatuses(rows: { assessmentId: string; requirementId: string; status: string }[]): Map<string, Map<string, ItemStatus>> {
  const out = new Map<string, Map<string, ItemStatus>>();
  for (const r of rows) {
    const m = out.get(r.assessmentId) ?? new Map<string, ItemStatus>();
    m.set(r.requirementId, r.status as ItemStatus);
    out.set(r.assessmentId, m);
  }
  return out;
}

export async function createAssessment(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  input: CreateAssessmentInput,
): Promise<AssessmentDetail> {
  if (!can(ctx.role, 'assessment.manage')) throw forbidden();
  const data = parseOrThrow(createAssessmentInput, input);
  const pack = await resolvePack(ctx.db, catalog, ctx.org.id, data.framework).catch(() => {
    throw invalid('Unknown framework', [{ path: 'framework', message: `No framework "${data.framework}" in the catalogue` }]);
  });
  const systemId = data.systemId ?? null;
  const id = await withAudit(ctx, async (tx, audit) => {
    let systemName: string | null = null;
    if (systemId) {
      systemName = await repo.liveSystemName(tx, ctx.org.id, systemId);
      if (systemName === null)
        throw invalid('Unknown system', [{ path: 'systemId', message: 'Not a live AI system of this organisation' }]);
    }
    const title = data.title ?? `${pack.title.en}${systemName ? ` — ${systemName}` : ''}`;
    const row = await repo.insertAssessment(tx, {
      orgId: ctx.org.id,
      framework: pack.id,
      frameworkVersion: pack.version,
      title,
      systemId,
      status: 'in_progress',
      createdBy: ctx.actor.label,
    });
    const assessable = pack.requirements.filter((r) => r.assessable);
    const controls = await repo.controlsByRequirement(tx, ctx.org.id, pack.id);
    await repo.insertItems(
      tx,
      assessable.map((r) => ({
        orgId: ctx.org.id,
        assessmentId: row.id,
        requirementId: r.id,
        status: deriveStatus(controlsInScope(controls.get(r.id) ?? [], systemId)),
      })),
    );
    audit({
      action: 'assessment.create',
      entityType: 'assessment',
      entityId: row.id,
      after: { ...snapshotAssessment(row), items: assessable.length },
    });
    return row.id;
  });
  return getAssessment(ctx, catalog, id, {});
}

export async function updateAssessment(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  id: string,
  input: UpdateAssessmentInput,
): Promise<AssessmentDetail> {
  if (!can(ctx.role, 'assessment.manage')) throw forbidden();
  const { version, ...changes } = parseOrThrow(updateAssessmentInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findAssessment(tx, ctx.org.id, id, true);
    if (!before) throw notFound('Assessment');
    checkVersion(version, before.assessment.version, 'assessment');
    const after = await repo.updateAssessment(tx, ctx.org.id, id, changes);
    if (!after) throw notFound('Assessment');
    audit({
      action: 'assessment.update',
      entityType: 'assessment',
      entityId: id,
      before: snapshotAssessment(before.assessment),
      after: snapshotAssessment(after),
    });
  });
  return getAssessment(ctx, catalog, id, {});
}

/** Archiving hides an assessment from lists and progress; restoring brings it back. Both are idempotent. */
async function setArchived(ctx: OrgContext, id: string, archived: boolean): Promise<void> {
  if (!can(ctx.role, 'assessment.manage')) throw forbidden();
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findAssessment(tx, ctx.org.id, id, true, true);
    if (!before) throw notFound('Assessment');
    if (!!before.assessment.archivedAt === archived) return;
    const after = await repo.updateAssessment(tx, ctx.org.id, id, { archivedAt: archived ? new Date() : null });
    if (!after) throw notFound('Assessment');
    audit({
      action: archived ? 'assessment.archive' : 'assessment.restore',
      entityType: 'assessment',
      entityId: id,
      before: snapshotAssessment(before.assessment),
      after: snapshotAssessment(after),
    });
  });
}

export const archiveAssessment = (ctx: OrgContext, id: string) => setArchived(ctx, id, true);
export const restoreAssessment = (ctx: OrgContext, id: string) => setArchived(ctx, id, false);

function checkVersion(given: number | undefined, current: number, what: string): void {
  if (given !== undefined && given !== current) {
    throw new AppError('conflict', `Someone else changed this ${what} since you opened it; reload and try again`, {
      currentVersion: current,
    });
  }
}

export async function getAssessment(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  id: string,
  query: ItemListQuery,
): Promise<AssessmentDetail> {
  if (!can(ctx.role, 'assessment.read')) throw forbidden();
  const row = await loadAssessment(ctx, id);
  const pack = await resolvePack(ctx.db, catalog, ctx.org.id, row.assessment.framework);
  const items = await repo.itemsOf(ctx.db, ctx.org.id, id);
  const statusOf = new Map(items.map((i) => [i.requirementId, i.status as ItemStatus]));
  const shown = filterItems(items, pack, query);
  return {
    ...summarise(ctx, row, pack, [...statusOf.values()]),
    items: await presentItems(ctx, pack, row.assessment, shown),
    breakdown: breakdown(pack, statusOf),
  };
}

function filterItems(items: repo.ItemRow[], pack: FrameworkPack, q: ItemListQuery): repo.ItemRow[] {
  const requirements = new Map(pack.requirements.map((r) => [r.id, r]));
  const order = new Map(pack.requirements.map((r, i) => [r.id, i]));
  const needle = q.q?.toLowerCase();
  return items
    .filter((i) => {
      const r = requirements.get(i.requirementId);
      if (!r) return false;
      if (q.status && i.status !== q.status) return false;
      if (q.owner && i.ownerId !== q.owner) return false;
      if (q.component && !r.components.includes(q.component)) return false;
      if (needle && ![r.id, r.title.en, r.title['zh-HK']].some((t) => t.toLowerCase().includes(needle))) return false;
      return true;
    })
    .sort((a, b) => (order.get(a.requirementId) ?? 0) - (order.get(b.requirementId) ?? 0));
}

async function presentItems(
  ctx: OrgContext,
  pack: FrameworkPack,
  a: repo.AssessmentRow,
  items: repo.ItemRow[],
): Promise<AssessmentItemView[]> {
  const requirements = new Map(pack.requirements.map((r) => [r.id, r]));
  const ids = items.map((i) => i.id);
  const [controls, evidence, actions, people] = await Promise.all([
    repo.controlsByRequirement(ctx.db, ctx.org.id, a.framework),
    repo.evidenceCounts(ctx.db, ctx.org.id, a.framework, items),
    repo.actionCounts(ctx.db, ctx.org.id, ids),
    repo.peopleById(ctx.db, [...new Set(items.map((i) => i.ownerId).filter((v): v is string => !!v))]),
  ]);
  return items.map((i) => {
    const r = requirements.get(i.requirementId) as Requirement;
    const linked = (controls.get(i.requirementId) ?? []).filter(
      (c) => a.systemId === null || c.systemIds.length === 0 || c.systemIds.includes(a.systemId),
    );
    return {
      id: i.id,
      requirementId: i.requirementId,
      parent: r.parent,
      title: r.title,
      components: r.components,
      weight: r.weight,
      status: i.status as ItemStatus,
      statusSource: i.statusSource as 'derived' | 'manual',
      derivedStatus: deriveStatus(linked.map((c) => c.status)),
      overrideReason: i.overrideReason,
      justification: i.justification,
      maturity: i.maturity,
      notes: i.notes,
      gapDescription: i.gapDescription,
      owner: (i.ownerId && people.get(i.ownerId)) || null,
      dueDate: i.dueDate,
      controls: linked.map((c) => ({ id: c.id, name: c.name, status: c.status })),
      evidenceCount: evidence.get(i.id) ?? 0,
      actionCount: actions.get(i.id) ?? 0,
      version: i.version,
      updatedAt: i.updatedAt.toISOString(),
    };
  });
}

type ItemChanges = Omit<UpdateItemInput, 'version'>;

/**
 * Applies changes to one item: a status set by hand becomes a recorded override; handing the status back to the
 * controls recomputes it; "not applicable" always needs a justification.
 */
async function applyItemChanges(
  tx: OrgContext['db'],
  orgId: string,
  a: repo.AssessmentRow,
  before: repo.ItemRow,
  changes: ItemChanges,
  path = '',
): Promise<{ set: Partial<repo.ItemInsert>; issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  const set: Partial<repo.ItemInsert> = {};
  for (const key of ['justification', 'maturity', 'notes', 'gapDescription', 'ownerId', 'dueDate', 'overrideReason'] as const) {
    if (changes[key] !== undefined) (set as Record<string, unknown>)[key] = changes[key];
  }
  if (changes.status !== undefined && changes.statusSource === 'derived') {
    issues.push({ path: `${path}statusSource`, message: 'Either set a status by hand or hand it back to the linked controls, not both' });
  } else if (changes.statusSource === 'derived') {
    const controls = await repo.controlsByRequirement(tx, orgId, a.framework, [before.requirementId]);
    set.status = deriveStatus(controlsInScope(controls.get(before.requirementId) ?? [], a.systemId));
    set.statusSource = 'derived';
    set.overrideReason = null;
  } else if (changes.status !== undefined) {
    set.status = changes.status;
    set.statusSource = 'manual';
  }
  const status = set.status ?? before.status;
  const justification = set.justification !== undefined ? set.justification : before.justification;
  if (status === 'not_applicable' && !justification) {
    issues.push({
      path: `${path}justification`,
      message: 'Say why this requirement does not apply: a justification is required for "not applicable"',
    });
  }
  return { set, issues };
}

async function checkOwner(tx: OrgContext['db'], orgId: string, ownerId: string | null | undefined, path: string): Promise<FieldIssue[]> {
  if (!ownerId) return [];
  return (await membersAmong(tx, orgId, [ownerId])).has(ownerId) ? [] : [{ path, message: 'Not a member of this organisation' }];
}

export async function updateItem(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  id: string,
  requirementId: string,
  input: UpdateItemInput,
): Promise<AssessmentItemView> {
  if (!can(ctx.role, 'assessment.manage')) throw forbidden();
  const { version, ...changes } = parseOrThrow(updateItemInput, input);
  const row = await loadAssessment(ctx, id);
  const pack = await resolvePack(ctx.db, catalog, ctx.org.id, row.assessment.framework);
  const itemId = await withAudit(ctx, async (tx, audit) => {
    const [before] = await repo.findItems(tx, ctx.org.id, id, [requirementId], true);
    if (!before) throw notFound('Requirement in this assessment');
    checkVersion(version, before.version, 'requirement');
    const { set, issues } = await applyItemChanges(tx, ctx.org.id, row.assessment, before, changes);
    issues.push(...(await checkOwner(tx, ctx.org.id, changes.ownerId, 'ownerId')));
    if (issues.length) throw invalid('The assessment of this requirement cannot be saved', issues);
    const after = await repo.updateItem(tx, ctx.org.id, before.id, set);
    const overridden = set.statusSource === 'manual' && before.statusSource === 'derived';
    audit({
      action: overridden ? 'assessment.item.override' : 'assessment.item.update',
      entityType: 'assessment_item',
      entityId: before.id,
      before: snapshotItem(before),
      after: snapshotItem(after),
    });
    return before.id;
  });
  const item = await repo.findItemById(ctx.db, ctx.org.id, itemId);
  const [view] = await presentItems(ctx, pack, row.assessment, item ? [item] : []);
  if (!view) throw notFound('Requirement in this assessment');
  return view;
}

/** One change applied to many requirements, all or nothing. */
export async function bulkUpdateItems(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  id: string,
  input: BulkUpdateItemsInput,
): Promise<{ updated: number }> {
  if (!can(ctx.role, 'assessment.manage')) throw forbidden();
  const data = parseOrThrow(bulkUpdateItemsInput, input);
  const row = await loadAssessment(ctx, id);
  await resolvePack(ctx.db, catalog, ctx.org.id, row.assessment.framework);
  const wanted = [...new Set(data.requirementIds)];
  const updated = await withAudit(ctx, async (tx, audit) => {
    const items = await repo.findItems(tx, ctx.org.id, id, wanted, true);
    const found = new Set(items.map((i) => i.requirementId));
    const issues: FieldIssue[] = wanted
      .filter((r) => !found.has(r))
      .map((r) => ({ path: `requirementIds`, message: `${r} is not part of this assessment` }));
    issues.push(...(await checkOwner(tx, ctx.org.id, data.changes.ownerId, 'changes.ownerId')));
    const plans: { before: repo.ItemRow; set: Partial<repo.ItemInsert> }[] = [];
    for (const before of items) {
      const planned = await applyItemChanges(tx, ctx.org.id, row.assessment, before, data.changes, `${before.requirementId}.`);
      issues.push(...planned.issues);
      plans.push({ before, set: planned.set });
    }
    if (issues.length) throw invalid('Nothing was changed', issues);
    for (const { before, set } of plans) {
      const after = await repo.updateItem(tx, ctx.org.id, before.id, set);
      audit({
        action: 'assessment.item.update',
        entityType: 'assessment_item',
        entityId: before.id,
        before: snapshotItem(before),
        after: snapshotItem(after),
      });
    }
    return plans.length;
  });
  return { updated };
}

/**
 * The statuses that speak for a framework in the organisation: its organisation-wide assessments, or, with only
 * system assessments, the worst status of each requirement across them.
 */
function combinedStatuses(list: AssessmentWithSystem[], byAssessment: Map<string, Map<string, ItemStatus>>): Map<string, ItemStatus> {
  const orgWide = list.filter((r) => r.assessment.systemId === null);
  const combined = new Map<string, ItemStatus>();
  for (const r of orgWide.length ? orgWide : list) {
    for (const [req, s] of byAssessment.get(r.assessment.id) ?? []) {
      const prev = combined.get(req);
      combined.set(req, prev === undefined ? s : worse(prev, s));
    }
  }
  return combined;
}

/** Progress on every framework the organisation assesses: each assessment, and all of them together per framework. */
export async function organisationProgress(ctx: OrgContext, catalog: FrameworkCatalog): Promise<OrgProgressView> {
  if (!can(ctx.role, 'assessment.read')) throw forbidden();
  const [rows, statuses] = await Promise.all([repo.listAssessments(ctx.db, ctx.org.id), repo.allItemStatuses(ctx.db, ctx.org.id)]);
  const byAssessment = groupStatuses(statuses);
  const byFramework = new Map<string, AssessmentWithSystem[]>();
  for (const r of rows) byFramework.set(r.assessment.framework, [...(byFramework.get(r.assessment.framework) ?? []), r]);
  const frameworks: OrgProgressView['frameworks'] = [];
  for (const [framework, list] of byFramework) {
    const pack = await resolvePack(ctx.db, catalog, ctx.org.id, framework);
    frameworks.push({
      framework,
      title: pack.title,
      assessments: list.map((r) => ({
        id: r.assessment.id,
        title: r.assessment.title,
        system: r.systemName,
        progress: figures(byAssessment.get(r.assessment.id)?.values() ?? []),
      })),
      progress: breakdown(pack, combinedStatuses(list, byAssessment)),
    });
  }
  return { frameworks };
}

/**
 * What the organisation's work under `from` already covers of `framework`, through the crosswalks: a linked
 * requirement met under `from` covers (or partly covers) the requirement it maps to.
 */
export async function organisationCoverage(ctx: OrgContext, catalog: FrameworkCatalog, framework: string, from: string) {
  if (!can(ctx.role, 'assessment.read')) throw forbidden();
  const [rows, statuses] = await Promise.all([repo.listAssessments(ctx.db, ctx.org.id), repo.allItemStatuses(ctx.db, ctx.org.id)]);
  const list = rows.filter((r) => r.assessment.framework === from);
  return catalog.coverage(framework, from, combinedStatuses(list, groupStatuses(statuses)));
}

const severity: Record<ItemStatus, number> = { gap: 4, not_assessed: 3, partially_met: 2, met: 1, not_applicable: 0 };
const worse = (a: ItemStatus, b: ItemStatus): ItemStatus => (severity[a] >= severity[b] ? a : b);
