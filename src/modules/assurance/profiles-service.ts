import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { builtInProfiles } from './builtins.js';
import { matchSensitiveColumns } from './column-match.js';
import { presentProfile, snapshotProfile } from './present.js';
import * as repo from './repo.js';
import {
  copyProfileInput,
  createProfileInput,
  updateProfileInput,
  type ColumnProfileView,
  type ColumnSuggestion,
  type CopyProfileInput,
  type CreateProfileInput,
  type ProfileList,
  type ProfileView,
  type UpdateProfileInput,
} from './schema.js';

const duplicateName = (name: string) =>
  invalid(`A profile named "${name}" already exists`, [{ path: 'name', message: 'A profile with this name already exists' }]);

/**
 * Creates the built-in profiles the organisation does not have yet (the first time anyone lists them). Recorded in
 * the audit trail like any other write; a concurrent creation of the same one is simply skipped.
 */
async function ensureBuiltIns(ctx: OrgContext): Promise<void> {
  const have = await repo.builtInKeys(ctx.db, ctx.org.id);
  const missing = builtInProfiles.filter((b) => !have.has(b.builtInKey));
  if (missing.length === 0) return;
  await withAudit(ctx, async (tx, audit) => {
    for (const b of missing) {
      const row = await repo.insertProfile(tx, { orgId: ctx.org.id, ...b });
      if (row)
        audit({ action: 'threshold_profile.create', entityType: 'threshold_profile', entityId: row.id, after: snapshotProfile(row) });
    }
  });
}

/** The profile used when none is chosen: the organisation's Hong Kong (EOC ordinances) built-in. */
export async function defaultProfile(ctx: OrgContext): Promise<repo.ProfileRow> {
  await ensureBuiltIns(ctx);
  const rows = await repo.listProfiles(ctx.db, ctx.org.id, true);
  const hk = rows.find((p) => p.builtInKey === 'hk_eoc');
  if (!hk) throw new Error('the Hong Kong built-in profile is missing');
  return hk;
}

export async function listProfiles(ctx: OrgContext, query: { archived: 'exclude' | 'include' }): Promise<ProfileList> {
  if (!can(ctx.role, 'assurance.read')) throw forbidden();
  await ensureBuiltIns(ctx);
  const rows = await repo.listProfiles(ctx.db, ctx.org.id, query.archived === 'include');
  // built-ins first (Hong Kong leading), then the organisation's own by name
  const order = (key: string | null) => (key === null ? builtInProfiles.length : builtInProfiles.findIndex((b) => b.builtInKey === key));
  rows.sort((a, b) => order(a.builtInKey) - order(b.builtInKey) || a.name.localeCompare(b.name));
  return { items: rows.map((r) => presentProfile(r, ctx.role)) };
}

export async function getProfile(ctx: OrgContext, id: string): Promise<ProfileView> {
  if (!can(ctx.role, 'assurance.read')) throw forbidden();
  const row = await repo.findProfile(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Threshold profile');
  return presentProfile(row, ctx.role);
}

export async function createProfile(ctx: OrgContext, input: CreateProfileInput): Promise<ProfileView> {
  if (!can(ctx.role, 'assurance.configure')) throw forbidden();
  const data = parseOrThrow(createProfileInput, input);
  await ensureBuiltIns(ctx);
  const id = await withAudit(ctx, async (tx, audit) => {
    if (await repo.findProfileByName(tx, ctx.org.id, data.name)) throw duplicateName(data.name);
    const row = await repo.insertProfile(tx, { orgId: ctx.org.id, builtInKey: null, ...data });
    if (!row) throw duplicateName(data.name);
    audit({ action: 'threshold_profile.create', entityType: 'threshold_profile', entityId: row.id, after: snapshotProfile(row) });
    return row.id;
  });
  return getProfile(ctx, id);
}

/** A custom copy of any profile (built-ins included), named "<name> (copy)" unless a name is given. */
export async function copyProfile(ctx: OrgContext, id: string, input: CopyProfileInput): Promise<ProfileView> {
  if (!can(ctx.role, 'assurance.configure')) throw forbidden();
  const data = parseOrThrow(copyProfileInput, input ?? {});
  const newId = await withAudit(ctx, async (tx, audit) => {
    const source = await repo.findProfile(tx, ctx.org.id, id);
    if (!source) throw notFound('Threshold profile');
    let name = data.name;
    if (name) {
      if (await repo.findProfileByName(tx, ctx.org.id, name)) throw duplicateName(name);
    } else {
      const taken = await repo.profileNames(tx, ctx.org.id);
      const base = `${source.name} (copy)`.slice(0, 190);
      name = base;
      for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
    }
    const row = await repo.insertProfile(tx, {
      orgId: ctx.org.id,
      builtInKey: null,
      name,
      rationale: source.rationale,
      sensitiveAttributes: source.sensitiveAttributes,
      thresholds: source.thresholds,
    });
    if (!row) throw duplicateName(name);
    audit({
      action: 'threshold_profile.create',
      entityType: 'threshold_profile',
      entityId: row.id,
      after: { ...snapshotProfile(row), copiedFrom: id },
    });
    return row.id;
  });
  return getProfile(ctx, newId);
}

export async function updateProfile(ctx: OrgContext, id: string, input: UpdateProfileInput): Promise<ProfileView> {
  if (!can(ctx.role, 'assurance.configure')) throw forbidden();
  const { version, ...changes } = parseOrThrow(updateProfileInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockProfile(tx, ctx.org.id, id);
    if (!before) throw notFound('Threshold profile');
    if (before.builtInKey) throw new AppError('conflict', 'Built-in profiles cannot be changed; copy it and change the copy');
    if (before.archivedAt) throw new AppError('conflict', 'This profile is archived; restore it before editing');
    if (version !== undefined && version !== before.version) {
      throw new AppError('conflict', 'Someone else changed this profile since you opened it; reload and try again', {
        currentVersion: before.version,
      });
    }
    if (changes.name && changes.name !== before.name && (await repo.findProfileByName(tx, ctx.org.id, changes.name))) {
      throw duplicateName(changes.name);
    }
    const after = await repo.updateProfile(tx, ctx.org.id, id, changes);
    if (!after) throw notFound('Threshold profile');
    audit({
      action: 'threshold_profile.update',
      entityType: 'threshold_profile',
      entityId: id,
      before: snapshotProfile(before),
      after: snapshotProfile(after),
    });
  });
  return getProfile(ctx, id);
}

async function setArchived(ctx: OrgContext, id: string, archived: boolean): Promise<ProfileView> {
  if (!can(ctx.role, 'assurance.configure')) throw forbidden();
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockProfile(tx, ctx.org.id, id);
    if (!before) throw notFound('Threshold profile');
    if (before.builtInKey) throw new AppError('conflict', 'Built-in profiles cannot be archived');
    if (!!before.archivedAt === archived) return;
    const after = await repo.updateProfile(tx, ctx.org.id, id, { archivedAt: archived ? new Date() : null });
    if (!after) throw notFound('Threshold profile');
    audit({
      action: archived ? 'threshold_profile.archive' : 'threshold_profile.restore',
      entityType: 'threshold_profile',
      entityId: id,
      before: snapshotProfile(before),
      after: snapshotProfile(after),
    });
  });
  return getProfile(ctx, id);
}

export const archiveProfile = (ctx: OrgContext, id: string) => setArchived(ctx, id, true);
export const restoreProfile = (ctx: OrgContext, id: string) => setArchived(ctx, id, false);

/** The data set's columns that the profile pre-selects as sensitive. */
export async function suggestColumns(ctx: OrgContext, datasetId: string, profileId: string | undefined): Promise<ColumnSuggestion> {
  if (!can(ctx.role, 'assurance.read')) throw forbidden();
  const dataset = await repo.findDataset(ctx.db, ctx.org.id, datasetId);
  if (!dataset) throw notFound('Data set');
  const profile = profileId ? await repo.findProfile(ctx.db, ctx.org.id, profileId) : await defaultProfile(ctx);
  if (!profile) throw invalid('There is no such threshold profile', [{ path: 'profileId', message: 'Not a profile of this organisation' }]);
  const columns = (dataset.columns as ColumnProfileView[]).map((c) => c.name);
  return { profileId: profile.id, ...matchSensitiveColumns(columns, profile.sensitiveAttributes) };
}
