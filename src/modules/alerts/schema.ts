import { z } from 'zod';
import '../../lib/zod-messages.js';

/**
 * Contracts of alert rules and fired alerts (issue 5 "Alert rules"). What each metric's value is:
 * - error_rate: errors / requests over the window (0–1); latency_p95 / latency_p99: ms, from the merged histograms;
 * - token_spend: input + output tokens over the window. No price field: spend is linear in tokens, so a budget in
 *   money is the same rule with threshold = budget / price per token, and prices change more often than rules;
 * - drift_score: the latest drift run's share of drifted columns (its stored score, else results.datasetDrift.share);
 *   per-column rules are left for later (a column's test and statistic differ by type, so one threshold rarely fits);
 * - fairness_metric: the figure named by metricKey in the latest fairness run (`aims fairness --json` shape).
 * Telemetry metrics with no requests in the window have no value and never fire; assurance metrics fire at most once
 * per run.
 */
export const alertMetrics = ['error_rate', 'latency_p95', 'latency_p99', 'token_spend', 'drift_score', 'fairness_metric'] as const;
export type AlertMetric = (typeof alertMetrics)[number];

/** Metrics read from the telemetry rollups over the rule's window; the others from the latest assurance run. */
export const telemetryMetrics = ['error_rate', 'latency_p95', 'latency_p99', 'token_spend'] as const satisfies readonly AlertMetric[];
export const isTelemetryMetric = (m: string): boolean => (telemetryMetrics as readonly string[]).includes(m);

/** The figures of a fairness run (`aims fairness --json`) a rule may watch. */
export const fairnessMetricKeys = [
  'demographicParity.difference',
  'demographicParity.ratio',
  'equalizedOdds.difference',
  'equalizedOdds.ratio',
  'equalOpportunity.difference',
  'equalOpportunity.ratio',
] as const;
export type FairnessMetricKey = (typeof fairnessMetricKeys)[number];

export const alertComparators = ['above', 'below'] as const;
export type AlertComparator = (typeof alertComparators)[number];

export const alertStatuses = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export const alertLimits = { name: 200, windowMinutes: 24 * 60, cooldownMinutes: 7 * 24 * 60 } as const;

const fields = {
  name: z.string().trim().min(1, 'Name is required').max(alertLimits.name),
  systemId: z
    .uuid('Choose an AI system')
    .nullish()
    .transform((v) => v ?? null),
  metric: z.enum(alertMetrics),
  metricKey: z
    .enum(fairnessMetricKeys)
    .nullish()
    .transform((v) => v ?? null),
  comparator: z.enum(alertComparators),
  threshold: z.number().finite('Enter a number'),
  windowMinutes: z.number().int().min(1).max(alertLimits.windowMinutes),
  cooldownMinutes: z.number().int().min(0).max(alertLimits.cooldownMinutes),
  enabled: z.boolean(),
};

export const createAlertRuleInput = z
  .object({
    ...fields,
    systemId: fields.systemId.default(null),
    metricKey: fields.metricKey.default(null),
    windowMinutes: fields.windowMinutes.default(15),
    cooldownMinutes: fields.cooldownMinutes.default(60),
    enabled: fields.enabled.default(true),
  })
  .strict();
export type CreateAlertRuleInput = z.input<typeof createAlertRuleInput>;
export type AlertRuleData = z.output<typeof createAlertRuleInput>;

export const updateAlertRuleInput = z
  .object(fields)
  .partial()
  .extend({
    /** the version the editor started from; a stale one answers 409 */
    version: z.number().int().positive().optional(),
  })
  .strict();
export type UpdateAlertRuleInput = z.input<typeof updateAlertRuleInput>;

export interface AlertRuleRules {
  metric: string;
  metricKey: string | null;
  threshold: number;
}

/** Rules across fields, checked on create and on the merged record of an update. */
export function alertRuleIssues(v: AlertRuleRules): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (v.metric === 'fairness_metric' && !v.metricKey)
    issues.push({ path: 'metricKey', message: 'Choose which fairness figure the rule watches' });
  if (v.metric !== 'fairness_metric' && v.metricKey) issues.push({ path: 'metricKey', message: 'Only a fairness rule names a figure' });
  if ((v.metric === 'error_rate' || v.metric === 'drift_score') && (v.threshold < 0 || v.threshold > 1))
    issues.push({ path: 'threshold', message: 'A rate or share is between 0 and 1' });
  if ((v.metric === 'latency_p95' || v.metric === 'latency_p99' || v.metric === 'token_spend') && v.threshold < 0)
    issues.push({ path: 'threshold', message: 'The threshold cannot be negative' });
  return issues;
}

export const alertRuleListQuery = z.object({
  systemId: z.uuid('Not a valid id').optional(),
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
});
export type AlertRuleListQuery = z.infer<typeof alertRuleListQuery>;

export const alertRuleView = z.object({
  id: z.string(),
  name: z.string(),
  systemId: z.string().nullable(),
  systemName: z.string().nullable(),
  metric: z.enum(alertMetrics),
  metricKey: z.string().nullable(),
  comparator: z.enum(alertComparators),
  threshold: z.number(),
  windowMinutes: z.number(),
  cooldownMinutes: z.number(),
  enabled: z.boolean(),
  lastEvaluatedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  can: z.object({ update: z.boolean() }),
});
export type AlertRuleView = z.infer<typeof alertRuleView>;

export const alertRuleList = z.object({ items: z.array(alertRuleView), total: z.number() });
export type AlertRuleList = z.infer<typeof alertRuleList>;

export const alertListQuery = z.object({
  /** `active`: open or acknowledged */
  status: z.enum(['all', 'active', ...alertStatuses]).default('all'),
  systemId: z.uuid('Not a valid id').optional(),
  ruleId: z.uuid('Not a valid id').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AlertListQuery = z.infer<typeof alertListQuery>;

export const alertView = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  systemId: z.string().nullable(),
  systemName: z.string().nullable(),
  metric: z.enum(alertMetrics),
  value: z.number(),
  threshold: z.number(),
  /** what the rule saw: the rule, window, value, threshold, figures, run id */
  evidence: z.record(z.string(), z.unknown()),
  evidenceId: z.string().nullable(),
  status: z.enum(alertStatuses),
  firedAt: z.string(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  can: z.object({ manage: z.boolean() }),
});
export type AlertView = z.infer<typeof alertView>;

export const alertPage = z.object({ items: z.array(alertView), total: z.number(), limit: z.number(), offset: z.number() });
export type AlertPage = z.infer<typeof alertPage>;

export const evaluationSummary = z.object({ rules: z.number(), checked: z.number(), fired: z.number() });
export type EvaluationSummary = z.infer<typeof evaluationSummary>;
