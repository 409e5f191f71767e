import type { Db } from '../../db/connect.js';
import { can, type Role } from '../auth/permissions.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import { expiryState, type ExpiryWindow } from './expiry.js';
import { linkId, linkLabels } from './links.js';
import * as repo from './repo.js';
import type { EvidenceFileView, EvidenceKind, EvidenceLinkView, EvidenceTargetType, EvidenceView } from './schema.js';

/** The audit trail's picture of an item. */
export function snapshotEvidence(v: repo.EvidenceRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, archivedAt, ...rest } = v;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), archivedAt: archivedAt?.toISOString() ?? null };
}

export function presentFile(f: repo.EvidenceFileRow): EvidenceFileView {
  return {
    versionNo: f.versionNo,
    fileName: f.fileName,
    mediaType: f.mediaType,
    size: f.size,
    sha256: f.sha256,
    uploadedBy: f.uploadedBy,
    uploadedAt: f.uploadedAt.toISOString(),
  };
}

/** Everything the views of `rows` show besides the rows themselves, fetched in a few queries for the whole set. */
export async function loadRelated(db: Db, catalog: FrameworkCatalog, orgId: string, rows: repo.EvidenceRow[]) {
  const ids = rows.map((r) => r.id);
  const ownerIds = [...new Set(rows.map((r) => r.ownerId).filter((v): v is string => !!v))];
  const [files, links, owners] = await Promise.all([
    repo.filesOf(db, orgId, ids),
    repo.linksOf(db, orgId, ids),
    repo.membersAmong(db, orgId, ownerIds),
  ]);
  const labels = await linkLabels(db, catalog, orgId, links);
  const group = <T extends { evidenceId: string }>(items: T[]) => {
    const out = new Map<string, T[]>();
    for (const item of items) out.set(item.evidenceId, [...(out.get(item.evidenceId) ?? []), item]);
    return out;
  };
  return {
    files: group(files),
    links: new Map(
      [...group(links)].map(([id, ls]) => [
        id,
        ls.map((l): EvidenceLinkView => ({
          targetType: l.targetType as EvidenceTargetType,
          targetKey: l.targetKey,
          label: labels.get(linkId(l)) ?? l.targetKey,
        })),
      ]),
    ),
    owners: new Map(owners.map((o) => [o.id, o])),
  };
}
export type Related = Awaited<ReturnType<typeof loadRelated>>;

export function presentEvidence(row: repo.EvidenceRow, related: Related, role: Role, window: ExpiryWindow): EvidenceView {
  const manage = can(role, 'evidence.manage');
  const live = !row.archivedAt;
  return {
    id: row.id,
    kind: row.kind as EvidenceKind,
    title: row.title,
    description: row.description,
    url: row.url,
    note: row.note,
    owner: (row.ownerId && related.owners.get(row.ownerId)) || null,
    collectedOn: row.collectedOn,
    expiresOn: row.expiresOn,
    expiryState: expiryState(row.expiresOn, window),
    versions: (related.files.get(row.id) ?? []).map(presentFile),
    links: related.links.get(row.id) ?? [],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    can: { update: manage && live, archive: manage, upload: manage && live && row.kind === 'file', link: manage && live },
  };
}
