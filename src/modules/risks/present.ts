import { can, type Role } from '../auth/permissions.js';
import { bandOf, riskScore, statusTransitions } from './matrix.js';
import type { RiskListRow, RiskRefs, RiskRow } from './repo.js';
import type { RiskListItem, RiskMatrix, RiskStatus, RiskView, Treatment } from './schema.js';

export function snapshotRisk(r: RiskRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, archivedAt, acceptedAt, ...rest } = r;
  return {
    ...rest,
    acceptedAt: acceptedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    archivedAt: archivedAt?.toISOString() ?? null,
  };
}

export function presentListItem(r: RiskListRow, refs: RiskRefs, m: RiskMatrix): RiskListItem {
  const inherentScore = riskScore(r.likelihood, r.impact);
  const residualScore =
    r.residualLikelihood !== null && r.residualImpact !== null ? riskScore(r.residualLikelihood, r.residualImpact) : null;
  return {
    id: r.id,
    title: r.title,
    system: r.systemId ? { id: r.systemId, name: refs.systemName ?? '' } : null,
    riskSource: r.riskSource,
    objective: r.objective,
    likelihood: r.likelihood,
    impact: r.impact,
    inherentScore,
    inherentBand: bandOf(m, inherentScore),
    treatment: r.treatment as Treatment | null,
    residualLikelihood: r.residualLikelihood,
    residualImpact: r.residualImpact,
    residualScore,
    residualBand: residualScore === null ? null : bandOf(m, residualScore),
    owner: r.ownerId ? { id: r.ownerId, name: refs.ownerName ?? '' } : null,
    reviewDate: r.reviewDate,
    status: r.status as RiskStatus,
    controlCount: refs.controlCount,
    suggestionKey: r.suggestionKey,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
    archivedAt: r.archivedAt?.toISOString() ?? null,
  };
}

export function presentRisk(r: RiskRow, refs: RiskRefs, controls: RiskView['controls'], m: RiskMatrix, role: Role): RiskView {
  return {
    ...presentListItem(r, refs, m),
    description: r.description,
    treatmentJustification: r.treatmentJustification,
    controls,
    acceptance:
      r.acceptedAt && r.acceptedByName
        ? { byId: r.acceptedBy, byName: r.acceptedByName, at: r.acceptedAt.toISOString(), note: r.acceptanceNote }
        : null,
    nextStatuses: [...statusTransitions[r.status as RiskStatus]],
    createdAt: r.createdAt.toISOString(),
    can: { manage: can(role, 'risk.manage'), accept: can(role, 'risk.accept') },
  };
}
