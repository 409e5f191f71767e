import type { ImpactRow } from './repo.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The record as the audit trail keeps it. */
export function snapshotImpact(r: ImpactRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, submittedAt, approvedAt, ...rest } = r;
  return {
    ...rest,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    submittedAt: iso(submittedAt),
    approvedAt: iso(approvedAt),
  };
}
