import type { Capability, Role } from '../auth/permissions.js';
import { grantOf } from '../auth/permissions.js';
import type { Actor } from '../../server/context.js';
import type { JoinedSystem, SystemRow } from './repo.js';
import type { SystemView } from './schema.js';

/** Whether the actor may use a capability on this particular system ("own" grants need ownership). */
export function allowedOnSystem(
  role: Role,
  actor: Actor,
  capability: Capability,
  system: Pick<SystemRow, 'accountableOwnerId' | 'technicalOwnerId'>,
): boolean {
  const grant = grantOf(role, capability);
  if (grant === 'all') return true;
  if (grant !== 'own' || !actor.userId) return false;
  return system.accountableOwnerId === actor.userId || system.technicalOwnerId === actor.userId;
}

/** The record as the audit trail keeps it: the stored fields, no derived ones. */
export function snapshotSystem(s: SystemRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, archivedAt, ...rest } = s;
  return {
    ...rest,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    archivedAt: archivedAt?.toISOString() ?? null,
  };
}

export function presentSystem(j: JoinedSystem, role: Role, actor: Actor): SystemView {
  const s = j.system;
  return {
    id: s.id,
    name: s.name,
    purpose: s.purpose,
    intendedUsers: s.intendedUsers,
    businessUnit: s.businessUnit,
    accountableOwner: j.accountable,
    technicalOwner: j.technical,
    type: s.type as SystemView['type'],
    lifecycleStage: s.lifecycleStage as SystemView['lifecycleStage'],
    hosting: s.hosting as SystemView['hosting'],
    regionsUsed: s.regionsUsed as SystemView['regionsUsed'],
    outputRegions: s.outputRegions as SystemView['outputRegions'],
    models: s.models,
    modelProviders: s.modelProviders,
    vendor: j.vendor,
    dataCategories: s.dataCategories as SystemView['dataCategories'],
    affectedPersons: s.affectedPersons as SystemView['affectedPersons'],
    decisionRole: s.decisionRole as SystemView['decisionRole'],
    humanOversight: s.humanOversight as SystemView['humanOversight'],
    tags: s.tags,
    nextReviewDate: s.nextReviewDate,
    registrationStatus: s.registrationStatus as SystemView['registrationStatus'],
    source: s.source as SystemView['source'],
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    archivedAt: s.archivedAt?.toISOString() ?? null,
    can: {
      update: allowedOnSystem(role, actor, 'system.update', s),
      archive: allowedOnSystem(role, actor, 'system.archive', s),
    },
  };
}
