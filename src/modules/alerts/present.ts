import type { Actor } from '../../server/context.js';
import { grantOf, type Role } from '../auth/permissions.js';
import { allowedOnSystem } from '../systems/present.js';
import type { AlertRuleRow, JoinedAlert } from './repo.js';
import type { AlertMetric, AlertRuleView, AlertStatus, AlertView, AlertComparator } from './schema.js';

export interface Owners {
  accountableOwnerId: string | null;
  technicalOwnerId: string | null;
}

/**
 * Whether the actor may manage rules or alerts of this scope: a system's (`own` grants need its ownership) or the
 * whole organisation's (null: only the `all` grant).
 */
export function mayManage(role: Role, actor: Actor, system: Owners | null): boolean {
  if (!system) return grantOf(role, 'alert.manage') === 'all';
  return allowedOnSystem(role, actor, 'alert.manage', system);
}

export function snapshotRule(r: AlertRuleRow): Record<string, unknown> {
  const { orgId: _org, createdAt, updatedAt, archivedAt, lastEvaluatedAt, ...rest } = r;
  return {
    ...rest,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    archivedAt: archivedAt?.toISOString() ?? null,
    lastEvaluatedAt: lastEvaluatedAt?.toISOString() ?? null,
  };
}

export function presentRule(r: AlertRuleRow, systemName: string | null, canUpdate: boolean): AlertRuleView {
  return {
    id: r.id,
    name: r.name,
    systemId: r.systemId,
    systemName,
    metric: r.metric as AlertMetric,
    metricKey: r.metricKey,
    comparator: r.comparator as AlertComparator,
    threshold: r.threshold,
    windowMinutes: r.windowMinutes,
    cooldownMinutes: r.cooldownMinutes,
    enabled: r.enabled,
    lastEvaluatedAt: r.lastEvaluatedAt?.toISOString() ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    archivedAt: r.archivedAt?.toISOString() ?? null,
    can: { update: canUpdate },
  };
}

export function presentAlert(j: JoinedAlert, role: Role, actor: Actor): AlertView {
  const a = j.alert;
  return {
    id: a.id,
    ruleId: a.ruleId,
    ruleName: j.ruleName,
    systemId: a.systemId,
    systemName: j.systemName,
    metric: a.metric as AlertMetric,
    value: a.value,
    threshold: a.threshold,
    evidence: (a.evidence ?? {}) as Record<string, unknown>,
    evidenceId: a.evidenceId,
    status: a.status as AlertStatus,
    firedAt: a.firedAt.toISOString(),
    acknowledgedBy: a.acknowledgedBy,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    can: { manage: mayManage(role, actor, a.systemId ? j : null) },
  };
}

export function snapshotAlert(a: JoinedAlert['alert']): Record<string, unknown> {
  const { orgId: _org, firedAt, acknowledgedAt, resolvedAt, ...rest } = a;
  return {
    ...rest,
    firedAt: firedAt.toISOString(),
    acknowledgedAt: acknowledgedAt?.toISOString() ?? null,
    resolvedAt: resolvedAt?.toISOString() ?? null,
  };
}
