import type { Db } from '../../db/connect.js';
import { systemActor, type OrgRef } from '../../server/context.js';
import { withAudit } from '../audit-log/service.js';
import { snapshotEvidence } from '../evidence/present.js';
import * as evidenceRepo from '../evidence/repo.js';
import { insertNotifications } from '../notifications/repo.js';
import { findOrgById } from '../orgs/repo.js';
import { telemetryWindow } from '../telemetry/window.js';
import { breaches, driftShare, fairnessFigure, mayFire, telemetryValue, type TelemetryFigures } from './decide.js';
import * as repo from './repo.js';
import { isTelemetryMetric, type AlertComparator, type AlertMetric, type EvaluationSummary } from './schema.js';

/** Reads one system's telemetry over [from, to); the real one is telemetryWindow, tests may pass their own. */
export type TelemetryReader = (db: Db, orgId: string, systemId: string, from: Date, to: Date) => Promise<TelemetryFigures>;

export interface EvaluateOptions {
  now?: Date;
  telemetry?: TelemetryReader;
}

/** The ISO/IEC 42001 control an alert records evidence for: A.6.2.6, AI system operation and monitoring. */
export const ALERT_REQUIREMENT = 'iso-iec-42001-2023:A.6.2.6';

/** Who is told when a system has no owner who is still a member. */
export const FALLBACK_ROLES = ['owner', 'admin', 'governance_lead'] as const;

interface Observation {
  value: number;
  window: { from: string; to: string } | null;
  figures: Record<string, unknown>;
  runId: string | null;
}

async function observe(
  db: Db,
  orgId: string,
  rule: repo.AlertRuleRow,
  systemId: string,
  now: Date,
  read: TelemetryReader,
): Promise<Observation | null> {
  const metric = rule.metric as AlertMetric;
  if (isTelemetryMetric(metric)) {
    const from = new Date(now.getTime() - rule.windowMinutes * 60_000);
    const w = await read(db, orgId, systemId, from, now);
    const value = telemetryValue(metric, w);
    if (value === null) return null;
    return { value, window: { from: from.toISOString(), to: now.toISOString() }, figures: { ...w }, runId: null };
  }
  const run = await repo.latestRun(db, orgId, systemId, metric === 'drift_score' ? 'drift' : 'fairness');
  if (!run) return null;
  const value = metric === 'drift_score' ? driftShare(run.score, run.results) : fairnessFigure(run.results, rule.metricKey ?? '');
  if (value === null) return null;
  const figures: Record<string, unknown> =
    metric === 'drift_score'
      ? { share: value, outcome: run.outcome, datasetDrift: (run.results as { datasetDrift?: unknown } | null)?.datasetDrift ?? null }
      : { [rule.metricKey ?? 'figure']: value, outcome: run.outcome };
  return { value, window: null, figures, runId: run.id };
}

const runIdOf = (evidence: unknown): string | null => {
  const id = (evidence as { runId?: unknown } | null)?.runId;
  return typeof id === 'string' ? id : null;
};

const metricWords: Record<AlertMetric, string> = {
  error_rate: 'error rate',
  latency_p95: 'p95 latency (ms)',
  latency_p99: 'p99 latency (ms)',
  token_spend: 'tokens used',
  drift_score: 'drift share',
  fairness_metric: 'fairness figure',
};

const round = (v: number): string => String(Math.round(v * 10_000) / 10_000);

function sentence(rule: repo.AlertRuleRow, system: repo.SystemRef, value: number): string {
  const what = rule.metric === 'fairness_metric' ? `${rule.metricKey}` : metricWords[rule.metric as AlertMetric];
  const window = isTelemetryMetric(rule.metric) ? ` over the last ${rule.windowMinutes} min` : '';
  return `${system.name}: ${what} ${round(value)}${window} is ${rule.comparator as AlertComparator} the threshold ${round(rule.threshold)}.`;
}

/** The system's owners who are still members; else the organisation's owners, admins and governance leads. */
async function recipients(db: Db, orgId: string, system: repo.SystemRef): Promise<string[]> {
  const owners = [...new Set([system.accountableOwnerId, system.technicalOwnerId].filter((v): v is string => !!v))];
  const members = await repo.membersAmong(db, orgId, owners);
  return members.length ? members : repo.membersWithRoles(db, orgId, FALLBACK_ROLES);
}

/**
 * Fires one alert in one transaction: re-checks the cooldown under the rule's row lock (two evaluations of the same
 * organisation queue here and the second sees the first's alert), records an evidence note linked to the system and
 * A.6.2.6, stores the alert and notifies. Returns whether it fired.
 */
async function fire(db: Db, org: OrgRef, rule: repo.AlertRuleRow, system: repo.SystemRef, seen: Observation, now: Date): Promise<boolean> {
  const ctx = { db, actor: systemActor('alert evaluator'), org, requestId: null };
  return withAudit(ctx, async (tx, audit) => {
    const locked = await repo.lockRule(tx, org.id, rule.id);
    if (!locked?.enabled || locked.archivedAt) return false;
    const previous = await repo.lastAlert(tx, org.id, rule.id, system.id);
    if (!mayFire(previous && { ...previous, runId: runIdOf(previous.evidence) }, now, rule.cooldownMinutes, seen.runId)) return false;

    const text = sentence(rule, system, seen.value);
    const evidence = {
      rule: {
        id: rule.id,
        name: rule.name,
        metric: rule.metric,
        metricKey: rule.metricKey,
        comparator: rule.comparator,
        threshold: rule.threshold,
        windowMinutes: rule.windowMinutes,
        cooldownMinutes: rule.cooldownMinutes,
      },
      system: { id: system.id, name: system.name },
      window: seen.window,
      value: seen.value,
      threshold: rule.threshold,
      figures: seen.figures,
      runId: seen.runId,
    };
    const item = await evidenceRepo.insertEvidence(tx, {
      orgId: org.id,
      kind: 'note',
      title: `Alert: ${rule.name} (${system.name})`.slice(0, 200),
      description: 'Recorded automatically when an alert rule fired (AI system operation and monitoring).',
      note: `${text}\n\nFired at ${now.toISOString()}.\n\n${JSON.stringify(evidence, null, 2)}`,
      collectedOn: now.toISOString().slice(0, 10),
    });
    const links = [
      { targetType: 'system', targetKey: system.id },
      { targetType: 'requirement', targetKey: ALERT_REQUIREMENT },
    ];
    for (const l of links) await evidenceRepo.insertLink(tx, { orgId: org.id, evidenceId: item.id, ...l });
    audit({ action: 'evidence.create', entityType: 'evidence', entityId: item.id, after: { ...snapshotEvidence(item), links } });

    const alert = await repo.insertAlert(tx, {
      orgId: org.id,
      ruleId: rule.id,
      systemId: system.id,
      metric: rule.metric,
      value: seen.value,
      threshold: rule.threshold,
      evidence,
      evidenceId: item.id,
      status: 'open',
      firedAt: now,
    });
    const userIds = await recipients(tx, org.id, system);
    await insertNotifications(
      tx,
      userIds.map((userId) => ({
        orgId: org.id,
        userId,
        kind: 'alert.fired',
        title: `Alert: ${rule.name}`.slice(0, 300),
        body: text,
        link: `/o/${org.slug}/alerts?alert=${alert.id}`,
        alertId: alert.id,
        createdAt: now,
      })),
    );
    audit({
      action: 'alert.fired',
      entityType: 'alert',
      entityId: alert.id,
      after: { ...evidence, alertId: alert.id, evidenceId: item.id, notified: userIds },
    });
    return true;
  });
}

/**
 * Evaluates every enabled rule of the organisation at `now` for each system it covers (its own, or every live
 * system) and fires the breaches that are not held back by an open alert, the cooldown or an already-seen run.
 * The job "alerts.evaluate" calls this every minute; it may also be called directly.
 */
export async function evaluateAlerts(db: Db, orgId: string, options: EvaluateOptions = {}): Promise<EvaluationSummary> {
  const now = options.now ?? new Date();
  const read = options.telemetry ?? telemetryWindow;
  const summary: EvaluationSummary = { rules: 0, checked: 0, fired: 0 };
  const org = await findOrgById(db, orgId);
  if (!org) return summary;
  const rules = await repo.enabledRules(db, orgId);
  if (rules.length === 0) return summary;
  const live = await repo.liveSystems(db, orgId);
  const byId = new Map(live.map((s) => [s.id, s]));
  for (const rule of rules) {
    summary.rules++;
    const systems = rule.systemId ? [byId.get(rule.systemId)].filter((s): s is repo.SystemRef => !!s) : live;
    for (const system of systems) {
      const seen = await observe(db, orgId, rule, system.id, now, read);
      if (!seen) continue;
      summary.checked++;
      if (!breaches(seen.value, rule.comparator as AlertComparator, rule.threshold)) continue;
      // A cheap check outside the transaction; fire() decides again under the lock.
      const previous = await repo.lastAlert(db, orgId, rule.id, system.id);
      if (!mayFire(previous && { ...previous, runId: runIdOf(previous.evidence) }, now, rule.cooldownMinutes, seen.runId)) continue;
      if (await fire(db, { id: org.id, slug: org.slug, name: org.name }, rule, system, seen, now)) summary.fired++;
    }
  }
  await repo.touchEvaluated(
    db,
    orgId,
    rules.map((r) => r.id),
    now,
  );
  return summary;
}
