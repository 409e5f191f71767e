import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { syncDerivedStatuses } from '../assessments/repo.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { resolvePack } from '../frameworks/org-packs.js';
import type { Bilingual, FrameworkPack } from '../frameworks/schema.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import { membersAmong } from '../systems/repo.js';
import * as repo from './repo.js';
import {
  adoptSuggestionsInput,
  createControlInput,
  updateControlInput,
  type AdoptResult,
  type AdoptSuggestionsInput,
  type ControlListQuery,
  type ControlPage,
  type ControlStatus,
  type ControlView,
  type CreateControlInput,
  type RequirementRef,
  type UpdateControlInput,
} from './schema.js';

type Titles = (ref: RequirementRef) => Bilingual | null;

function snapshot(c: repo.ControlRow, requirements: RequirementRef[], systemIds: string[]): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, archivedAt, ...rest } = c;
  return {
    ...rest,
    requirements,
    systemIds,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    archivedAt: archivedAt?.toISOString() ?? null,
  };
}

/** Titles of linked requirements from the packs the organisation can see (built-in and its own). */
async function titleLookup(ctx: OrgContext, catalog: FrameworkCatalog, refs: RequirementRef[]): Promise<Titles> {
  const packs = new Map<string, FrameworkPack | null>();
  for (const framework of new Set(refs.map((r) => r.framework))) {
    packs.set(framework, await resolvePack(ctx.db, catalog, ctx.org.id, framework).catch(() => null));
  }
  const byKey = new Map<string, Bilingual>();
  for (const [framework, pack] of packs) for (const r of pack?.requirements ?? []) byKey.set(`${framework}|${r.id}`, r.title);
  return (ref) => byKey.get(`${ref.framework}|${ref.requirementId}`) ?? null;
}

async function present(ctx: OrgContext, catalog: FrameworkCatalog, rows: repo.ControlRow[]): Promise<ControlView[]> {
  const links = await repo.linksOf(ctx.db, ctx.org.id, rows);
  const titles = await titleLookup(ctx, catalog, [...links.requirements.values()].flat());
  const manage = can(ctx.role, 'control.manage');
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    owner: (c.ownerId && links.owners.get(c.ownerId)) || null,
    status: c.status as ControlStatus,
    frequency: c.frequency as ControlView['frequency'],
    suggestionId: c.suggestionId,
    requirements: (links.requirements.get(c.id) ?? []).map((r) => ({ ...r, title: titles(r) })),
    systems: links.systems.get(c.id) ?? [],
    evidenceCount: links.evidenceCounts.get(c.id) ?? 0,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    archivedAt: c.archivedAt?.toISOString() ?? null,
    can: { update: manage, archive: manage },
  }));
}

export async function listControls(ctx: OrgContext, catalog: FrameworkCatalog, query: ControlListQuery): Promise<ControlPage> {
  if (!can(ctx.role, 'control.read')) throw forbidden();
  const { rows, total } = await repo.listControls(ctx.db, ctx.org.id, query);
  return { items: await present(ctx, catalog, rows), total, limit: query.limit, offset: query.offset };
}

export async function getControl(ctx: OrgContext, catalog: FrameworkCatalog, id: string): Promise<ControlView> {
  if (!can(ctx.role, 'control.read')) throw forbidden();
  const row = await repo.findControl(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Control');
  const [view] = await present(ctx, catalog, [row]);
  return view as ControlView;
}

/** Linked requirements must exist in a framework the organisation can see; systems and owner must be its own. */
async function checkReferences(
  ctx: OrgContext,
  tx: OrgContext['db'],
  catalog: FrameworkCatalog,
  data: { requirements?: RequirementRef[] | undefined; systemIds?: string[] | undefined; ownerId?: string | null | undefined },
): Promise<void> {
  const issues: FieldIssue[] = [];
  const packs = new Map<string, FrameworkPack | null>();
  for (const [i, ref] of (data.requirements ?? []).entries()) {
    if (!packs.has(ref.framework)) packs.set(ref.framework, await resolvePack(tx, catalog, ctx.org.id, ref.framework).catch(() => null));
    const pack = packs.get(ref.framework);
    if (!pack) issues.push({ path: `requirements.${i}.framework`, message: `No framework "${ref.framework}"` });
    else if (!pack.requirements.some((r) => r.id === ref.requirementId)) {
      issues.push({ path: `requirements.${i}.requirementId`, message: `${pack.title.en} has no requirement "${ref.requirementId}"` });
    }
  }
  const systemIds = data.systemIds ?? [];
  const live = await repo.liveSystemsAmong(tx, ctx.org.id, systemIds);
  systemIds.forEach((s, i) => {
    if (!live.has(s)) issues.push({ path: `systemIds.${i}`, message: 'Not a live AI system of this organisation' });
  });
  if (data.ownerId && !(await membersAmong(tx, ctx.org.id, [data.ownerId])).has(data.ownerId)) {
    issues.push({ path: 'ownerId', message: 'Not a member of this organisation' });
  }
  if (issues.length) throw invalid('The control refers to things that do not exist', issues);
}

const dedupeRefs = (refs: RequirementRef[]): RequirementRef[] => [
  ...new Map(refs.map((r) => [`${r.framework}|${r.requirementId}`, r])).values(),
];

export async function createControl(ctx: OrgContext, catalog: FrameworkCatalog, input: CreateControlInput): Promise<ControlView> {
  if (!can(ctx.role, 'control.manage')) throw forbidden();
  const data = parseOrThrow(createControlInput, input);
  const id = await withAudit(ctx, async (tx, audit) => {
    await checkReferences(ctx, tx, catalog, data);
    return insertWithLinks(ctx, tx, audit, { ...data, suggestionId: null });
  });
  return getControl(ctx, catalog, id);
}

type NewControl = Omit<ReturnType<typeof createControlInput.parse>, never> & { suggestionId: string | null };

async function insertWithLinks(
  ctx: OrgContext,
  tx: OrgContext['db'],
  audit: Parameters<Parameters<typeof withAudit>[1]>[1],
  c: NewControl,
) {
  const requirements = dedupeRefs(c.requirements);
  const systemIds = [...new Set(c.systemIds)];
  const row = await repo.insertControl(tx, {
    orgId: ctx.org.id,
    name: c.name,
    description: c.description ?? null,
    ownerId: c.ownerId ?? null,
    status: c.status,
    frequency: c.frequency,
    suggestionId: c.suggestionId,
  });
  await repo.replaceRequirements(tx, ctx.org.id, row.id, requirements);
  await repo.replaceSystems(tx, ctx.org.id, row.id, systemIds);
  await syncDerivedStatuses(tx, ctx.org.id, requirements);
  audit({ action: 'control.create', entityType: 'control', entityId: row.id, after: snapshot(row, requirements, systemIds) });
  return row.id;
}

export async function updateControl(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  id: string,
  input: UpdateControlInput,
): Promise<ControlView> {
  if (!can(ctx.role, 'control.manage')) throw forbidden();
  const { version, requirements, systemIds, ...changes } = parseOrThrow(updateControlInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findControl(tx, ctx.org.id, id, true);
    if (!before) throw notFound('Control');
    if (before.archivedAt) throw new AppError('conflict', 'This control is archived; restore it before editing');
    if (version !== undefined && version !== before.version) {
      throw new AppError('conflict', 'Someone else changed this control since you opened it; reload and try again', {
        currentVersion: before.version,
      });
    }
    await checkReferences(ctx, tx, catalog, { requirements, systemIds, ownerId: changes.ownerId });
    const oldRefs = await repo.requirementsOf(tx, ctx.org.id, id);
    const oldSystems = await repo.systemIdsOf(tx, ctx.org.id, id);
    const newRefs = requirements ? dedupeRefs(requirements) : oldRefs;
    const newSystems = systemIds ? [...new Set(systemIds)] : oldSystems;
    const after = await repo.updateControl(tx, ctx.org.id, id, changes);
    if (!after) throw notFound('Control');
    if (requirements) await repo.replaceRequirements(tx, ctx.org.id, id, newRefs);
    if (systemIds) await repo.replaceSystems(tx, ctx.org.id, id, newSystems);
    // Both the requirements it left and those it joined may change status.
    await syncDerivedStatuses(tx, ctx.org.id, [...oldRefs, ...newRefs]);
    audit({
      action: 'control.update',
      entityType: 'control',
      entityId: id,
      before: snapshot(before, oldRefs, oldSystems),
      after: snapshot(after, newRefs, newSystems),
    });
  });
  return getControl(ctx, catalog, id);
}

async function setArchived(ctx: OrgContext, catalog: FrameworkCatalog, id: string, archived: boolean): Promise<ControlView> {
  if (!can(ctx.role, 'control.manage')) throw forbidden();
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findControl(tx, ctx.org.id, id, true);
    if (!before) throw notFound('Control');
    if (!!before.archivedAt === archived) return;
    const after = await repo.updateControl(tx, ctx.org.id, id, { archivedAt: archived ? new Date() : null });
    if (!after) throw notFound('Control');
    const refs = await repo.requirementsOf(tx, ctx.org.id, id);
    const systems = await repo.systemIdsOf(tx, ctx.org.id, id);
    await syncDerivedStatuses(tx, ctx.org.id, refs);
    audit({
      action: archived ? 'control.archive' : 'control.restore',
      entityType: 'control',
      entityId: id,
      before: snapshot(before, refs, systems),
      after: snapshot(after, refs, systems),
    });
  });
  return getControl(ctx, catalog, id);
}

export const archiveControl = (ctx: OrgContext, catalog: FrameworkCatalog, id: string) => setArchived(ctx, catalog, id, true);
export const restoreControl = (ctx: OrgContext, catalog: FrameworkCatalog, id: string) => setArchived(ctx, catalog, id, false);

/**
 * Adopts suggested controls from the starter library as the organisation's own, planned and unowned, linked to the
 * requirements the suggestion serves. A suggestion already adopted is skipped, so adopting twice is harmless.
 */
export async function adoptSuggestions(ctx: OrgContext, catalog: FrameworkCatalog, input: AdoptSuggestionsInput): Promise<AdoptResult> {
  if (!can(ctx.role, 'control.manage')) throw forbidden();
  const data = parseOrThrow(adoptSuggestionsInput, input);
  const library = new Map(catalog.starterControls().map((s) => [s.id, s]));
  const unknown = data.suggestionIds.filter((id) => !library.has(id));
  if (unknown.length) {
    throw invalid(
      'Unknown suggested controls',
      unknown.map((id) => ({ path: 'suggestionIds', message: `No suggested control "${id}" in the starter library` })),
    );
  }
  const skipped: AdoptResult['skipped'] = [];
  const created = await withAudit(ctx, async (tx, audit) => {
    const adopted = await repo.adoptedSuggestions(tx, ctx.org.id);
    const ids: string[] = [];
    for (const sid of new Set(data.suggestionIds)) {
      if (adopted.has(sid)) {
        skipped.push({ suggestionId: sid, reason: 'Already adopted as a control of this organisation' });
        continue;
      }
      const s = library.get(sid);
      if (!s) continue;
      ids.push(
        await insertWithLinks(ctx, tx, audit, {
          name: s.name[data.language],
          description: s.description[data.language],
          ownerId: null,
          status: 'planned',
          frequency: s.frequency,
          requirements: s.requirements.map((r) => ({ framework: r.framework, requirementId: r.id })),
          systemIds: [],
          suggestionId: s.id,
        }),
      );
    }
    return ids;
  });
  const rows = [];
  for (const id of created) {
    const row = await repo.findControl(ctx.db, ctx.org.id, id);
    if (row) rows.push(row);
  }
  return { created: await present(ctx, catalog, rows), skipped };
}
