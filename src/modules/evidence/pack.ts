import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { OrgContext } from '../../server/context.js';
import { forbidden } from '../../server/errors.js';
import { can } from '../auth/permissions.js';
import { loadRelated } from './present.js';
import { packFilePath, renderPackIndex, type PackFile, type PackItem, type PackManifest } from './pack-content.js';
import * as repo from './repo.js';
import type { EvidencePackQuery } from './schema.js';
import type { EvidenceEnv } from './service.js';

export interface EvidencePack {
  fileName: string;
  manifest: PackManifest;
  stream: Readable;
}

/** The ids the filters allow (all of them must hold), or undefined when there is no filter. */
async function selectedIds(ctx: OrgContext, q: EvidencePackQuery): Promise<string[] | undefined> {
  const sets: string[][] = [];
  const { db } = ctx;
  const org = ctx.org.id;
  if (q.framework) sets.push(await repo.evidenceIdsForFramework(db, org, q.framework));
  if (q.requirement) sets.push(await repo.evidenceIdsForTarget(db, org, 'requirement', q.requirement));
  if (q.control) sets.push(await repo.evidenceIdsForTarget(db, org, 'control', q.control));
  if (q.system) sets.push(await repo.evidenceIdsForTarget(db, org, 'system', q.system));
  if (q.ids) sets.push(q.ids);
  if (sets.length === 0) return undefined;
  return sets.reduce((acc, s) => acc.filter((id) => s.includes(id)));
}

function filtersOf(q: EvidencePackQuery): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && !(k === 'archived' && v === 'exclude')) out[k] = v as string | string[];
  return out;
}

/**
 * A zip of the selected evidence: the latest version of every file, manifest.json and index.html. Every file is
 * checked against its SHA-256 before the first byte is sent, so a file changed on disk fails the export with a clear
 * error instead of shipping; the bytes are checked again while they stream, and a change in between breaks the
 * download rather than completing it.
 */
export async function exportEvidencePack(ctx: OrgContext, env: EvidenceEnv, q: EvidencePackQuery, now = new Date()): Promise<EvidencePack> {
  if (!can(ctx.role, 'evidence.read')) throw forbidden();
  const ids = await selectedIds(ctx, q);
  const rows = await repo.packItems(ctx.db, ctx.org.id, { ...(ids ? { ids } : {}), includeArchived: q.archived === 'include' });
  const related = await loadRelated(ctx.db, env.catalog, ctx.org.id, rows);

  const entries: { file: PackFile; uploadedAt: Date }[] = [];
  const items: PackItem[] = rows.map((row) => {
    const latest = related.files.get(row.id)?.[0];
    const files: PackFile[] = latest
      ? [
          {
            path: packFilePath(row.id, latest.versionNo, latest.fileName),
            sha256: latest.sha256,
            size: latest.size,
            mediaType: latest.mediaType,
            versionNo: latest.versionNo,
          },
        ]
      : [];
    for (const file of files) entries.push({ file, uploadedAt: latest!.uploadedAt });
    const owner = row.ownerId ? related.owners.get(row.ownerId) : undefined;
    return {
      id: row.id,
      title: row.title,
      kind: row.kind,
      owner: owner ? { name: owner.name, email: owner.email } : null,
      collectedOn: row.collectedOn,
      expiresOn: row.expiresOn,
      url: row.url,
      note: row.note,
      files,
      links: (related.links.get(row.id) ?? []).map((l) => ({ type: l.targetType, key: l.targetKey, label: l.label })),
    };
  });

  for (const { file } of entries) await env.store.verify(file.sha256);

  const manifest: PackManifest = {
    generatedAt: now.toISOString(),
    organization: { slug: ctx.org.slug, name: ctx.org.name },
    generatedBy: ctx.actor.label,
    filters: filtersOf(q),
    items,
  };
  const zip = new ZipFile();
  const output = new PassThrough();
  zip.on('error', (err: Error) => output.destroy(err));
  zip.outputStream.on('error', (err: Error) => output.destroy(err));
  zip.outputStream.pipe(output);
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', { mtime: now });
  zip.addBuffer(Buffer.from(renderPackIndex(manifest)), 'index.html', { mtime: now });
  for (const { file, uploadedAt } of entries) {
    zip.addReadStreamLazy(file.path, { mtime: uploadedAt, size: file.size }, (cb) => {
      env.store.stream(file.sha256).then(
        (s) => cb(null, s),
        (err: unknown) => cb(err, undefined as unknown as Readable),
      );
    });
  }
  zip.end();
  return { fileName: `evidence-pack-${ctx.org.slug}-${manifest.generatedAt.slice(0, 10)}.zip`, manifest, stream: output };
}
