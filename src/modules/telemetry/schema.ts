import { z } from 'zod';
import '../../lib/zod-messages.js';

/** Contracts of LLM and model telemetry: rollups read back, unregistered AI, bindings and retention settings. */
export const telemetryLimits = {
  serviceName: 200,
  note: 1000,
  spanRetentionDays: { min: 1, max: 365 },
  rollupRetentionDays: { min: 7, max: 3650 },
  /** at most this many points in one series answer */
  seriesPoints: 2000,
  /** the longest window one read covers */
  windowDays: 400,
} as const;

export const defaultTelemetrySettings = { spanRetentionDays: 7, rollupRetentionDays: 400 } as const;

/** The series step in minutes. */
export const seriesSteps = [1, 5, 15, 60, 360, 1440] as const;

const isoDate = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z' });

export const windowQuery = z.object({
  /** default: 24 hours before `to` */
  from: isoDate.optional(),
  /** default: now */
  to: isoDate.optional(),
});
export type WindowQuery = z.infer<typeof windowQuery>;

export const seriesQuery = windowQuery.extend({
  step: z.coerce
    .number()
    .int()
    .refine((n) => (seriesSteps as readonly number[]).includes(n), `Use one of ${seriesSteps.join(', ')} minutes`)
    .optional(),
});
export type SeriesQuery = z.infer<typeof seriesQuery>;

const latency = { p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() };

export const modelUse = z.object({ model: z.string(), requests: z.number() });

export const subjectSummary = z.object({
  /** a system id, or "service:<service.name>" for an unregistered service */
  subject: z.string(),
  systemId: z.uuid().nullable(),
  systemName: z.string().nullable(),
  serviceName: z.string(),
  requests: z.number(),
  errors: z.number(),
  errorRate: z.number().nullable(),
  ...latency,
  inputTokens: z.number(),
  outputTokens: z.number(),
  models: z.array(modelUse),
});
export type SubjectSummary = z.infer<typeof subjectSummary>;

export const overviewView = z.object({ from: z.string(), to: z.string(), subjects: z.array(subjectSummary) });
export type OverviewView = z.infer<typeof overviewView>;

export const seriesPoint = z.object({
  t: z.string(),
  requests: z.number(),
  errors: z.number(),
  errorRate: z.number().nullable(),
  ...latency,
  inputTokens: z.number(),
  outputTokens: z.number(),
});
export const seriesView = z.object({
  systemId: z.uuid(),
  from: z.string(),
  to: z.string(),
  stepMinutes: z.number(),
  points: z.array(seriesPoint),
});
export type SeriesView = z.infer<typeof seriesView>;

/** One metric series reported through /v1/metrics, totalled over a window. */
export const metricTotal = z.object({
  metric: z.string(),
  /** e.g. the token type of gen_ai.client.token.usage; '' when the metric has one series */
  series: z.string(),
  /** data points (histogram observations, or sums) received */
  count: z.number(),
  sum: z.number(),
  /** sum ÷ count; null without data points */
  mean: z.number().nullable(),
  lastMinute: z.string(),
});
export const metricsView = z.object({ systemId: z.uuid(), from: z.string(), to: z.string(), metrics: z.array(metricTotal) });
export type MetricsView = z.infer<typeof metricsView>;

export const unregisteredStatuses = ['open', 'registered', 'ignored'] as const;
export const unregisteredReasons = ['unknown_service', 'unknown_model'] as const;

export const unregisteredQuery = z.object({ status: z.enum([...unregisteredStatuses, 'all']).default('open') });
export type UnregisteredQuery = z.input<typeof unregisteredQuery>;

export const unregisteredView = z.object({
  serviceName: z.string(),
  model: z.string(),
  genAiSystem: z.string().nullable(),
  systemId: z.uuid().nullable(),
  reason: z.enum(unregisteredReasons),
  firstSeen: z.string(),
  lastSeen: z.string(),
  spans: z.number(),
  status: z.enum(unregisteredStatuses),
  resolvedSystemId: z.uuid().nullable(),
  note: z.string().nullable(),
});
export type UnregisteredView = z.infer<typeof unregisteredView>;
export const unregisteredList = z.object({ items: z.array(unregisteredView) });
export type UnregisteredList = z.infer<typeof unregisteredList>;

const serviceName = z.string().trim().min(1, 'Service name is required').max(telemetryLimits.serviceName);

export const resolveUnregisteredInput = z.discriminatedUnion('action', [
  /** bind the service to an existing system: spans from it count for that system from now on */
  z.object({ action: z.literal('bind'), serviceName, systemId: z.uuid() }).strict(),
  /** ignore the service (all its models, or one model) with a reason */
  z
    .object({
      action: z.literal('ignore'),
      serviceName,
      model: z.string().max(200).optional(),
      note: z.string().trim().min(1, 'Say why this is ignored').max(telemetryLimits.note),
    })
    .strict(),
]);
export type ResolveUnregisteredInput = z.input<typeof resolveUnregisteredInput>;
export const resolveResult = z.object({ updated: z.number() });
export type ResolveResult = z.infer<typeof resolveResult>;

export const bindingView = z.object({
  serviceName: z.string(),
  systemId: z.uuid(),
  systemName: z.string().nullable(),
  createdAt: z.string(),
});
export type BindingView = z.infer<typeof bindingView>;
export const bindingList = z.object({ items: z.array(bindingView) });
export type BindingList = z.infer<typeof bindingList>;
export const bindingInput = z.object({ serviceName, systemId: z.uuid() }).strict();
export type BindingInput = z.input<typeof bindingInput>;
export const bindingDeleteQuery = z.object({ serviceName });
export const bindingDeleteResult = z.object({ deleted: z.boolean() });

export const telemetrySettingsView = z.object({
  spanRetentionDays: z.number(),
  rollupRetentionDays: z.number(),
  can: z.object({ manage: z.boolean() }),
});
export type TelemetrySettingsView = z.infer<typeof telemetrySettingsView>;
const days = (r: { min: number; max: number }) =>
  z.number().int('Whole days only').min(r.min, `At least ${r.min} day(s)`).max(r.max, `At most ${r.max} days`);
export const telemetrySettingsInput = z
  .object({
    spanRetentionDays: days(telemetryLimits.spanRetentionDays),
    rollupRetentionDays: days(telemetryLimits.rollupRetentionDays),
  })
  .strict();
export type TelemetrySettingsInput = z.input<typeof telemetrySettingsInput>;
