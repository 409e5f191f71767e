import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { profileFile } from '../../lib/tabular/profile.js';
import type { TabularFile } from '../../lib/tabular/records.js';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can, type Capability } from '../auth/permissions.js';
import { allowedOnSystem } from '../systems/present.js';
import type { AssuranceEnv } from './env.js';
import { presentDataset, snapshotDataset } from './present.js';
import * as repo from './repo.js';
import { DATASET_MAX_BYTES, datasetName, type DatasetFormat, type DatasetList, type DatasetListQuery, type DatasetView } from './schema.js';

export interface DatasetUpload {
  fileName: string;
  /** the name field of the form; the file name without its extension when absent */
  name: string | undefined;
  content: Readable;
  truncated: () => boolean;
}

const formats: Record<string, DatasetFormat> = { '.csv': 'csv', '.parquet': 'parquet' };

/** The system, if the caller may use `capability` on it: 404 for a system not in the organisation, 403 when not theirs. */
export async function systemFor(ctx: OrgContext, systemId: string, capability: Capability): Promise<repo.SystemOwnership> {
  if (!can(ctx.role, capability)) throw forbidden();
  const system = await repo.findSystem(ctx.db, ctx.org.id, systemId);
  if (!system) throw notFound('AI system');
  if (!allowedOnSystem(ctx.role, ctx.actor, capability, system)) throw forbidden('You can only do this on the AI systems you own');
  return system;
}

/** The stored file of a data set, its hash checked first: a file changed on disk is refused (409). */
export async function verifiedFile(env: AssuranceEnv, d: repo.DatasetRow): Promise<TabularFile> {
  await env.datasets.verify(d.sha256);
  return { path: env.datasets.pathOf(d.sha256), label: `data set "${d.name}"`, format: d.format as DatasetFormat };
}

export async function listDatasets(ctx: OrgContext, systemId: string, query: DatasetListQuery): Promise<DatasetList> {
  await systemFor(ctx, systemId, 'assurance.read');
  return { items: (await repo.listDatasets(ctx.db, ctx.org.id, systemId, query)).map(presentDataset) };
}

export async function getDataset(ctx: OrgContext, id: string): Promise<DatasetView> {
  if (!can(ctx.role, 'assurance.read')) throw forbidden();
  const row = await repo.findDataset(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Data set');
  return presentDataset(row);
}

/**
 * Streams the upload into the content-addressed store (at most DATASET_MAX_BYTES), profiles it, and records it. A
 * file that is not a usable table is refused and its bytes removed: nothing stays behind.
 */
export async function uploadDataset(ctx: OrgContext, env: AssuranceEnv, systemId: string, upload: DatasetUpload): Promise<DatasetView> {
  const system = await systemFor(ctx, systemId, 'assurance.run');
  if (system.archivedAt) throw new AppError('conflict', 'This AI system is archived; restore it before adding data sets');
  const fileName = path.basename(upload.fileName || '').slice(0, 255);
  const ext = path.extname(fileName).toLowerCase();
  const format = formats[ext];
  if (!format) throw new AppError('unsupported_media_type', 'Upload a .csv or .parquet file', { fileName });
  const name = parseOrThrow(datasetName, upload.name ?? (path.basename(fileName, ext) || fileName));
  const blob = await env.datasets.put(upload.content, { maxBytes: DATASET_MAX_BYTES, truncated: upload.truncated });
  let profile;
  try {
    if (blob.size === 0) throw new AppError('unprocessable', `${fileName} is empty: a header row and data rows are expected`);
    profile = await profileFile({ path: env.datasets.pathOf(blob.sha256), label: fileName, format });
  } catch (err) {
    // Bytes that are not a data set are never referenced by one: remove them.
    if ((await repo.datasetsWithHash(ctx.db, ctx.org.id, blob.sha256)) === 0)
      await fsp.rm(env.datasets.pathOf(blob.sha256), { force: true });
    if (err instanceof AppError) throw err.code === 'bad_request' ? new AppError('unprocessable', err.message, err.details) : err;
    throw err;
  }
  const id = await withAudit(ctx, async (tx, audit) => {
    const row = await repo.insertDataset(tx, {
      orgId: ctx.org.id,
      systemId,
      name,
      fileName,
      format,
      sha256: blob.sha256,
      size: blob.size,
      rowCount: profile.rowCount,
      columns: profile.columns,
      uploadedBy: ctx.actor.label,
    });
    audit({ action: 'dataset.create', entityType: 'dataset', entityId: row.id, after: snapshotDataset(row) });
    return row.id;
  });
  return getDataset(ctx, id);
}

/** Archiving keeps the file and every run made from it; archived data sets are not offered for new runs. */
export async function archiveDataset(ctx: OrgContext, id: string): Promise<DatasetView> {
  if (!can(ctx.role, 'assurance.run')) throw forbidden();
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockDataset(tx, ctx.org.id, id);
    if (!before) throw notFound('Data set');
    const system = await repo.findSystem(tx, ctx.org.id, before.systemId);
    if (!system || !allowedOnSystem(ctx.role, ctx.actor, 'assurance.run', system)) {
      throw forbidden('You can only do this on the AI systems you own');
    }
    if (before.archivedAt) return;
    const after = await repo.setDatasetArchived(tx, ctx.org.id, id, new Date());
    if (!after) throw notFound('Data set');
    audit({
      action: 'dataset.archive',
      entityType: 'dataset',
      entityId: id,
      before: snapshotDataset(before),
      after: snapshotDataset(after),
    });
  });
  return getDataset(ctx, id);
}
