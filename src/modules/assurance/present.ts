import { can, type Role } from '../auth/permissions.js';
import type { DatasetRow, ProfileRow, RunRow } from './repo.js';
import type { ColumnProfileView, DatasetFormat, DatasetView, ProfileView, RunSummary, RunView, Thresholds } from './schema.js';

/** The stored fields as the audit trail keeps them. */
export function snapshotDataset(d: DatasetRow): Record<string, unknown> {
  const { orgId: _org, columns: _columns, createdAt, archivedAt, ...rest } = d;
  return { ...rest, createdAt: createdAt.toISOString(), archivedAt: archivedAt?.toISOString() ?? null };
}

export function presentDataset(d: DatasetRow): DatasetView {
  return {
    id: d.id,
    systemId: d.systemId,
    name: d.name,
    fileName: d.fileName,
    format: d.format as DatasetFormat,
    sha256: d.sha256,
    size: d.size,
    rowCount: d.rowCount,
    columns: d.columns as ColumnProfileView[],
    uploadedBy: d.uploadedBy,
    createdAt: d.createdAt.toISOString(),
    archivedAt: d.archivedAt?.toISOString() ?? null,
  };
}

export function snapshotProfile(p: ProfileRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, archivedAt, ...rest } = p;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), archivedAt: archivedAt?.toISOString() ?? null };
}

export function presentProfile(p: ProfileRow, role: Role): ProfileView {
  return {
    id: p.id,
    builtInKey: p.builtInKey,
    name: p.name,
    rationale: p.rationale,
    sensitiveAttributes: p.sensitiveAttributes,
    thresholds: p.thresholds as Thresholds,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    archivedAt: p.archivedAt?.toISOString() ?? null,
    can: { update: p.builtInKey === null && can(role, 'assurance.configure') },
  };
}

export interface RunNames {
  datasets: Map<string, string>;
  profiles: Map<string, string>;
}

export function presentRunSummary(r: RunRow, names: RunNames): RunSummary {
  return {
    id: r.id,
    systemId: r.systemId,
    kind: r.kind as RunSummary['kind'],
    datasetId: r.datasetId,
    datasetName: names.datasets.get(r.datasetId) ?? '',
    referenceDatasetId: r.referenceDatasetId,
    referenceDatasetName: r.referenceDatasetId ? (names.datasets.get(r.referenceDatasetId) ?? '') : null,
    profileId: r.profileId,
    profileName: r.profileId ? (names.profiles.get(r.profileId) ?? '') : null,
    outcome: r.outcome as RunSummary['outcome'],
    score: r.score,
    evidenceId: r.evidenceId,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}

export function presentRun(r: RunRow, names: RunNames): RunView {
  return {
    ...presentRunSummary(r, names),
    parameters: r.parameters as Record<string, unknown>,
    inputHashes: r.inputHashes as RunView['inputHashes'],
    libraryVersion: r.libraryVersion,
    results: r.results as RunView['results'],
  };
}
