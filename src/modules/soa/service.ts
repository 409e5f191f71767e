import type { Db } from '../../db/connect.js';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import { soaDocument } from './export/document.js';
import { renderSoa, type SoaFile } from './export/index.js';
import * as repo from './repo.js';
import {
  acceptSuggestionsInput,
  approveSoaInput,
  soaFramework,
  soaSnapshot,
  updateSoaEntryInput,
  type AcceptSuggestionsInput,
  type AcceptSuggestionsResult,
  type ApproveSoaInput,
  type SoaEntryView,
  type SoaExportQuery,
  type SoaSnapshot,
  type SoaVersionList,
  type SoaVersionSummary,
  type SoaVersionView,
  type SoaView,
  type UpdateSoaEntryInput,
} from './schema.js';
import { annexControls, buildEntries, snapshotHash, statementEntry, type EntryRecord } from './statement.js';
import { orgFactsOf } from './suggest.js';

function annexPack(catalog: FrameworkCatalog) {
  const pack = catalog.pack(soaFramework);
  if (!pack) throw new AppError('unavailable', `The framework pack ${soaFramework} is not loaded`);
  return pack;
}

function presentVersion(v: Omit<repo.SoaVersionRow, 'snapshot'>): SoaVersionSummary {
  return {
    versionNo: v.versionNo,
    approvedAt: v.approvedAt.toISOString(),
    approvedBy: v.approvedBy,
    approverName: v.approverName,
    note: v.note,
    snapshotHash: v.snapshotHash,
  };
}

/** Links by Annex A control: applied controls directly, evidence directly or through those controls. */
async function links(db: Db, orgId: string) {
  const controls = await repo.linkedControls(db, orgId, soaFramework);
  const byRef = new Map<string, { id: string; name: string; status: string }[]>();
  const refsOfControl = new Map<string, string[]>();
  for (const c of controls) {
    byRef.set(c.requirementId, [...(byRef.get(c.requirementId) ?? []), { id: c.id, name: c.name, status: c.status }]);
    refsOfControl.set(c.id, [...(refsOfControl.get(c.id) ?? []), c.requirementId]);
  }
  const evidence = await repo.linkedEvidence(db, orgId, soaFramework, [...refsOfControl.keys()]);
  const evidenceByRef = new Map<string, Map<string, { id: string; title: string; expiresOn: string | null }>>();
  for (const e of evidence) {
    const refs = e.targetType === 'requirement' ? [e.targetKey.slice(soaFramework.length + 1)] : (refsOfControl.get(e.targetKey) ?? []);
    for (const ref of refs) {
      const items = evidenceByRef.get(ref) ?? new Map<string, { id: string; title: string; expiresOn: string | null }>();
      items.set(e.id, { id: e.id, title: e.title, expiresOn: e.expiresOn });
      evidenceByRef.set(ref, items);
    }
  }
  return { controls: byRef, evidence: new Map([...evidenceByRef].map(([ref, items]) => [ref, [...items.values()]])) };
}

/** The working statement, read through `db` (the caller's transaction when approving). */
async function loadStatement(db: Db, ctx: OrgContext, catalog: FrameworkCatalog): Promise<SoaView> {
  const pack = annexPack(catalog);
  const orgId = ctx.org.id;
  // one after the other: a transaction's connection runs one query at a time
  const entryRows = await repo.entries(db, orgId);
  const systems = await repo.systemFacts(db, orgId);
  const vendorCount = await repo.liveVendorCount(db, orgId);
  const linked = await links(db, orgId);
  const names = await repo.memberNames(db, orgId);
  const versions = await repo.versions(db, orgId);
  const facts = orgFactsOf(systems, vendorCount);
  const entries = buildEntries({
    controls: annexControls(pack),
    entries: new Map(entryRows.map((r): [string, EntryRecord] => [r.controlRef, r])),
    linkedControls: linked.controls,
    linkedEvidence: linked.evidence,
    memberNames: names,
    facts,
    canUpdate: can(ctx.role, 'soa.manage'),
  });
  const decided = entries.filter((e) => e.applicable !== null);
  return {
    framework: { id: pack.id, version: pack.version, title: pack.title },
    entries,
    facts,
    summary: {
      total: entries.length,
      applicable: decided.filter((e) => e.applicable).length,
      notApplicable: decided.filter((e) => !e.applicable).length,
      undecided: entries.length - decided.length,
      implemented: decided.filter((e) => e.applicable && e.implementationStatus === 'implemented').length,
    },
    latestVersion: versions[0] ? presentVersion(versions[0]) : null,
    can: { update: can(ctx.role, 'soa.manage'), approve: can(ctx.role, 'soa.approve') },
  };
}

export async function getSoa(ctx: OrgContext, catalog: FrameworkCatalog): Promise<SoaView> {
  if (!can(ctx.role, 'soa.read')) throw forbidden();
  return loadStatement(ctx.db, ctx, catalog);
}

function snapshotEntry(row: repo.SoaEntryRow | undefined): Record<string, unknown> | undefined {
  if (!row) return undefined;
  return {
    controlRef: row.controlRef,
    applicable: row.applicable,
    justification: row.justification,
    implementationStatus: row.implementationStatus,
    ownerId: row.ownerId,
    version: row.version,
  };
}

export async function updateSoaEntry(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  controlRef: string,
  input: UpdateSoaEntryInput,
): Promise<SoaEntryView> {
  if (!can(ctx.role, 'soa.manage')) throw forbidden();
  const known = new Set(annexControls(annexPack(catalog)).map((c) => c.ref));
  if (!known.has(controlRef)) throw notFound('Annex A control');
  const { version, ...changes } = parseOrThrow(updateSoaEntryInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockEntry(tx, ctx.org.id, controlRef);
    if (version !== undefined && version !== (before?.version ?? 0)) {
      throw new AppError('conflict', 'Someone else changed this control since you opened it; reload and try again', {
        currentVersion: before?.version ?? 0,
      });
    }
    const merged = {
      applicable: before?.applicable ?? null,
      justification: before?.justification ?? null,
      ...changes,
    };
    if (merged.applicable === false && !merged.justification) {
      throw invalid('Explain why the control is not applicable', [
        { path: 'justification', message: 'A justification is required when the control is not applicable' },
      ]);
    }
    if (changes.ownerId && !(await repo.isMember(tx, ctx.org.id, changes.ownerId))) {
      throw invalid('The owner must be a member of the organisation', [
        { path: 'ownerId', message: 'Choose a member of the organisation' },
      ]);
    }
    if (Object.keys(changes).length === 0) return;
    const after = before
      ? await repo.updateEntry(tx, ctx.org.id, controlRef, changes)
      : await repo.insertEntry(tx, { orgId: ctx.org.id, controlRef, ...changes });
    audit({
      action: 'soa.update',
      entityType: 'soa_entry',
      entityId: controlRef,
      before: snapshotEntry(before),
      after: snapshotEntry(after),
    });
  });
  const view = await loadStatement(ctx.db, ctx, catalog);
  const entry = view.entries.find((e) => e.controlRef === controlRef);
  if (!entry) throw notFound('Annex A control');
  return entry;
}

/** Copies suggestions into undecided controls only: a decision a person made is never overwritten. */
export async function acceptSuggestions(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  input: AcceptSuggestionsInput,
): Promise<AcceptSuggestionsResult> {
  if (!can(ctx.role, 'soa.manage')) throw forbidden();
  const { controlRefs, lang } = parseOrThrow(acceptSuggestionsInput, input);
  const known = new Set(annexControls(annexPack(catalog)).map((c) => c.ref));
  const unknown = (controlRefs ?? []).filter((r) => !known.has(r));
  if (unknown.length > 0) {
    throw invalid(`Unknown Annex A controls: ${unknown.join(', ')}`, [{ path: 'controlRefs', message: `Unknown: ${unknown.join(', ')}` }]);
  }
  const wanted = new Set(controlRefs ?? known);
  return withAudit(ctx, async (tx, audit) => {
    const statement = await loadStatement(tx, ctx, catalog);
    const result: AcceptSuggestionsResult = { accepted: [], alreadyDecided: [] };
    for (const entry of statement.entries.filter((e) => wanted.has(e.controlRef))) {
      if (entry.applicable !== null) {
        result.alreadyDecided.push(entry.controlRef);
        continue;
      }
      const before = await repo.lockEntry(tx, ctx.org.id, entry.controlRef);
      // the row may have been decided since the statement was read
      if (before && before.applicable !== null) {
        result.alreadyDecided.push(entry.controlRef);
        continue;
      }
      // a justification someone already drafted is kept
      const set = { applicable: entry.suggestion.applicable, justification: before?.justification ?? entry.suggestion.reason[lang] };
      const after = before
        ? await repo.updateEntry(tx, ctx.org.id, entry.controlRef, set)
        : await repo.insertEntry(tx, { orgId: ctx.org.id, controlRef: entry.controlRef, ...set });
      audit({
        action: 'soa.accept_suggestion',
        entityType: 'soa_entry',
        entityId: entry.controlRef,
        before: snapshotEntry(before),
        after: { ...snapshotEntry(after), ruleId: entry.suggestion.ruleId, facts: entry.suggestion.facts },
      });
      result.accepted.push(entry.controlRef);
    }
    return result;
  });
}

function versionView(row: repo.SoaVersionRow): SoaVersionView {
  return { ...presentVersion(row), snapshot: row.snapshot as SoaSnapshot, hashValid: snapshotHash(row.snapshot) === row.snapshotHash };
}

/** Freezes the working statement as the next approved version; every control must be decided first. */
export async function approveSoa(ctx: OrgContext, catalog: FrameworkCatalog, input: ApproveSoaInput): Promise<SoaVersionView> {
  if (!can(ctx.role, 'soa.approve')) throw forbidden();
  const { note } = parseOrThrow(approveSoaInput, input ?? {});
  const row = await withAudit(ctx, async (tx, audit) => {
    await repo.lockOrgForApproval(tx, ctx.org.id);
    const statement = await loadStatement(tx, ctx, catalog);
    const undecided = statement.entries.filter((e) => e.applicable === null).map((e) => e.controlRef);
    if (undecided.length > 0) {
      throw new AppError('unprocessable', `Decide every control before approving; ${undecided.length} undecided: ${undecided.join(', ')}`, {
        issues: [{ path: 'entries', message: `Undecided: ${undecided.join(', ')}` }],
        undecided,
      });
    }
    const approvedAt = new Date();
    const approverName = (ctx.actor.userId ? await repo.userName(tx, ctx.actor.userId) : undefined) ?? ctx.actor.label;
    const snapshot: SoaSnapshot = soaSnapshot.parse({
      framework: { id: statement.framework.id, version: statement.framework.version },
      versionNo: (statement.latestVersion?.versionNo ?? 0) + 1,
      approvedAt: approvedAt.toISOString(),
      approverName,
      note: note ?? null,
      entries: statement.entries.map(statementEntry),
    });
    const hash = snapshotHash(snapshot);
    const inserted = await repo.insertVersion(tx, {
      orgId: ctx.org.id,
      versionNo: snapshot.versionNo,
      approvedBy: ctx.actor.userId,
      approverName,
      approvedAt,
      note: snapshot.note,
      snapshot,
      snapshotHash: hash,
    });
    audit({
      action: 'soa.approve',
      entityType: 'soa_version',
      entityId: String(snapshot.versionNo),
      after: { versionNo: snapshot.versionNo, snapshotHash: hash, note: snapshot.note, approverName },
    });
    return inserted;
  });
  return versionView(row);
}

export async function listSoaVersions(ctx: OrgContext): Promise<SoaVersionList> {
  if (!can(ctx.role, 'soa.read')) throw forbidden();
  return { items: (await repo.versions(ctx.db, ctx.org.id)).map(presentVersion) };
}

export async function getSoaVersion(ctx: OrgContext, versionNo: number): Promise<SoaVersionView> {
  if (!can(ctx.role, 'soa.read')) throw forbidden();
  const row = await repo.findVersion(ctx.db, ctx.org.id, versionNo);
  if (!row) throw notFound('Approved version');
  return versionView(row);
}

/** The working draft (marked as such) or an approved version exactly as frozen, as XLSX, DOCX or PDF. */
export async function exportSoa(ctx: OrgContext, catalog: FrameworkCatalog, query: SoaExportQuery): Promise<SoaFile> {
  if (!can(ctx.role, 'soa.read')) throw forbidden();
  let source: { entries: SoaSnapshot['entries']; approval: SoaVersionSummary | null };
  if (query.version === undefined) {
    const view = await loadStatement(ctx.db, ctx, catalog);
    source = { entries: view.entries.map(statementEntry), approval: null };
  } else {
    const version = await getSoaVersion(ctx, query.version);
    source = { entries: version.snapshot.entries, approval: version };
  }
  const doc = soaDocument({ ...source, orgName: ctx.org.name, orgSlug: ctx.org.slug, lang: query.lang, generatedAt: new Date() });
  return renderSoa(doc, query.format);
}
