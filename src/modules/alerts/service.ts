import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import type { Db } from '../../db/connect.js';
import { mayManage, type Owners, presentAlert, presentRule, snapshotAlert, snapshotRule } from './present.js';
import * as repo from './repo.js';
import {
  alertRuleIssues,
  createAlertRuleInput,
  updateAlertRuleInput,
  type AlertListQuery,
  type AlertPage,
  type AlertRuleList,
  type AlertRuleListQuery,
  type AlertRuleView,
  type AlertView,
  type CreateAlertRuleInput,
  type UpdateAlertRuleInput,
} from './schema.js';

const requireRead = (ctx: OrgContext) => {
  if (!can(ctx.role, 'alert.read')) throw forbidden();
};
const requireManage = (ctx: OrgContext) => {
  if (!can(ctx.role, 'alert.manage')) throw forbidden();
};

function checkRules(v: Parameters<typeof alertRuleIssues>[0]): void {
  const issues = alertRuleIssues(v);
  if (issues.length) throw invalid(issues[0]!.message, issues);
}

/** The rule's system, which must be a live one of the organisation; null for an organisation-wide rule. */
async function scopeOf(db: Db, ctx: OrgContext, systemId: string | null): Promise<repo.SystemRef | null> {
  if (!systemId) return null;
  const system = await repo.findSystemRef(db, ctx.org.id, systemId);
  if (!system)
    throw invalid('There is no such AI system in this organisation', [{ path: 'systemId', message: 'Not a system of this organisation' }]);
  if (system.archivedAt) throw invalid('This AI system is archived', [{ path: 'systemId', message: 'The system is archived' }]);
  return system;
}

/** A system that has gone: only the `all` grant reaches its rules. */
const noOwners: Owners = { accountableOwnerId: null, technicalOwnerId: null };

function requireScope(ctx: OrgContext, system: Owners | null): void {
  if (mayManage(ctx.role, ctx.actor, system)) return;
  throw forbidden(
    system
      ? 'You can only manage alert rules of the AI systems you own'
      : 'Only governance leads and administrators manage organisation-wide rules',
  );
}

/** The systems named by rules, for the `can` flags of a list. */
async function rulePresenter(ctx: OrgContext, rules: repo.AlertRuleRow[]) {
  const systems = new Map<string, repo.SystemRef | undefined>();
  for (const id of new Set(rules.map((r) => r.systemId).filter((v): v is string => !!v)))
    systems.set(id, await repo.findSystemRef(ctx.db, ctx.org.id, id));
  return (r: repo.AlertRuleRow, systemName: string | null) =>
    presentRule(r, systemName, mayManage(ctx.role, ctx.actor, r.systemId ? (systems.get(r.systemId) ?? noOwners) : null));
}

export async function listAlertRules(ctx: OrgContext, query: AlertRuleListQuery): Promise<AlertRuleList> {
  requireRead(ctx);
  const rows = await repo.listRules(ctx.db, ctx.org.id, query);
  const present = await rulePresenter(
    ctx,
    rows.map((r) => r.rule),
  );
  return { items: rows.map((r) => present(r.rule, r.systemName)), total: rows.length };
}

export async function getAlertRule(ctx: OrgContext, id: string): Promise<AlertRuleView> {
  requireRead(ctx);
  const row = await repo.findRule(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Alert rule');
  return (await rulePresenter(ctx, [row.rule]))(row.rule, row.systemName);
}

export async function createAlertRule(ctx: OrgContext, input: CreateAlertRuleInput): Promise<AlertRuleView> {
  requireManage(ctx);
  const data = parseOrThrow(createAlertRuleInput, input);
  checkRules(data);
  const id = await withAudit(ctx, async (tx, audit) => {
    requireScope(ctx, await scopeOf(tx, ctx, data.systemId));
    const row = await repo.insertRule(tx, { ...data, orgId: ctx.org.id });
    audit({ action: 'alert_rule.create', entityType: 'alert_rule', entityId: row.id, after: snapshotRule(row) });
    return row.id;
  });
  return getAlertRule(ctx, id);
}

/** Locks the rule and checks the actor may manage it where it is now. */
async function lockManaged(tx: Db, ctx: OrgContext, id: string): Promise<repo.AlertRuleRow> {
  const before = await repo.lockRule(tx, ctx.org.id, id);
  if (!before) throw notFound('Alert rule');
  requireScope(ctx, before.systemId ? ((await repo.findSystemRef(tx, ctx.org.id, before.systemId)) ?? noOwners) : null);
  return before;
}

export async function updateAlertRule(ctx: OrgContext, id: string, input: UpdateAlertRuleInput): Promise<AlertRuleView> {
  requireManage(ctx);
  const { version, ...changes } = parseOrThrow(updateAlertRuleInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await lockManaged(tx, ctx, id);
    if (before.archivedAt) throw new AppError('conflict', 'This alert rule is archived; restore it before editing');
    if (version !== undefined && version !== before.version) {
      throw new AppError('conflict', 'Someone else changed this alert rule since you opened it; reload and try again', {
        currentVersion: before.version,
      });
    }
    const merged = { ...before, ...changes };
    // Changing the metric away from fairness drops the figure it named.
    if (changes.metric && changes.metric !== 'fairness_metric' && changes.metricKey === undefined) merged.metricKey = null;
    checkRules(merged);
    if (changes.systemId !== undefined && changes.systemId !== before.systemId) requireScope(ctx, await scopeOf(tx, ctx, changes.systemId));
    const after = await repo.updateRule(tx, ctx.org.id, id, { ...changes, metricKey: merged.metricKey });
    if (!after) throw notFound('Alert rule');
    audit({
      action: 'alert_rule.update',
      entityType: 'alert_rule',
      entityId: id,
      before: snapshotRule(before),
      after: snapshotRule(after),
    });
  });
  return getAlertRule(ctx, id);
}

async function setArchived(ctx: OrgContext, id: string, archived: boolean): Promise<AlertRuleView> {
  requireManage(ctx);
  await withAudit(ctx, async (tx, audit) => {
    const before = await lockManaged(tx, ctx, id);
    if (!!before.archivedAt === archived) return;
    const after = await repo.updateRule(tx, ctx.org.id, id, { archivedAt: archived ? new Date() : null });
    if (!after) throw notFound('Alert rule');
    audit({
      action: archived ? 'alert_rule.archive' : 'alert_rule.restore',
      entityType: 'alert_rule',
      entityId: id,
      before: snapshotRule(before),
      after: snapshotRule(after),
    });
  });
  return getAlertRule(ctx, id);
}

export const archiveAlertRule = (ctx: OrgContext, id: string) => setArchived(ctx, id, true);
export const restoreAlertRule = (ctx: OrgContext, id: string) => setArchived(ctx, id, false);

/* ---------- fired alerts ---------- */

export async function listAlerts(ctx: OrgContext, query: AlertListQuery): Promise<AlertPage> {
  requireRead(ctx);
  const { rows, total } = await repo.listAlerts(ctx.db, ctx.org.id, query);
  return { items: rows.map((r) => presentAlert(r, ctx.role, ctx.actor)), total, limit: query.limit, offset: query.offset };
}

export async function getAlert(ctx: OrgContext, id: string): Promise<AlertView> {
  requireRead(ctx);
  const row = await repo.findAlert(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Alert');
  return presentAlert(row, ctx.role, ctx.actor);
}

/** Acknowledging an acknowledged or resolved alert, or resolving a resolved one, changes nothing. */
async function moveAlert(ctx: OrgContext, id: string, to: 'acknowledged' | 'resolved'): Promise<AlertView> {
  requireManage(ctx);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockAlert(tx, ctx.org.id, id);
    if (!before) throw notFound('Alert');
    const joined = await repo.findAlert(tx, ctx.org.id, id);
    if (!mayManage(ctx.role, ctx.actor, before.systemId ? (joined ?? null) : null))
      throw forbidden(
        before.systemId
          ? 'You can only handle alerts of the AI systems you own'
          : 'Only governance leads and administrators handle organisation-wide alerts',
      );
    if (before.status === 'resolved' || before.status === to) return;
    const now = new Date();
    const set =
      to === 'acknowledged'
        ? { status: to, acknowledgedBy: ctx.actor.label, acknowledgedAt: now }
        : { status: to, resolvedAt: now, ...(before.acknowledgedAt ? {} : { acknowledgedBy: ctx.actor.label, acknowledgedAt: now }) };
    const after = await repo.updateAlert(tx, ctx.org.id, id, set);
    if (!after) throw notFound('Alert');
    audit({
      action: to === 'acknowledged' ? 'alert.acknowledge' : 'alert.resolve',
      entityType: 'alert',
      entityId: id,
      before: snapshotAlert(before),
      after: snapshotAlert(after),
    });
  });
  return getAlert(ctx, id);
}

export const acknowledgeAlert = (ctx: OrgContext, id: string) => moveAlert(ctx, id, 'acknowledged');
export const resolveAlert = (ctx: OrgContext, id: string) => moveAlert(ctx, id, 'resolved');
