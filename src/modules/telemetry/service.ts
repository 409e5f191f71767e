import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { telemetryDirectoryChanged } from './ingest.js';
import { presentUnregistered, Totals } from './present.js';
import * as repo from './repo.js';
import {
  bindingInput,
  defaultTelemetrySettings,
  resolveUnregisteredInput,
  seriesSteps,
  telemetryLimits,
  telemetrySettingsInput,
  type BindingInput,
  type BindingList,
  type BindingView,
  type OverviewView,
  type ResolveResult,
  type ResolveUnregisteredInput,
  type SeriesQuery,
  type SeriesView,
  type SubjectSummary,
  type TelemetrySettingsInput,
  type TelemetrySettingsView,
  type UnregisteredList,
  type UnregisteredQuery,
  type MetricsView,
  type WindowQuery,
} from './schema.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600 * 1000;
/** With no step asked for, the finest step that keeps a chart at most this many points. */
const DEFAULT_POINTS = 300;

function windowOf(query: WindowQuery, now = new Date()): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DAY_MS);
  if (!(from < to))
    throw new AppError('unprocessable', '"from" must be before "to"', { issues: [{ path: 'from', message: 'Must be before "to"' }] });
  if (to.getTime() - from.getTime() > telemetryLimits.windowDays * DAY_MS) {
    throw new AppError('unprocessable', `A window covers at most ${telemetryLimits.windowDays} days`, {
      issues: [{ path: 'from', message: `At most ${telemetryLimits.windowDays} days before "to"` }],
    });
  }
  return { from, to };
}

export async function telemetryOverview(ctx: OrgContext, query: WindowQuery): Promise<OverviewView> {
  if (!can(ctx.role, 'telemetry.read')) throw forbidden();
  const { from, to } = windowOf(query);
  const [rows, names] = await Promise.all([repo.rollupsBetween(ctx.db, ctx.org.id, from, to), repo.systemNames(ctx.db, ctx.org.id)]);
  const bySubject = new Map<string, { totals: Totals; systemId: string | null; serviceName: string }>();
  for (const row of rows) {
    let s = bySubject.get(row.subject);
    if (!s) bySubject.set(row.subject, (s = { totals: new Totals(), systemId: row.systemId, serviceName: row.serviceName }));
    s.totals.add(row);
  }
  const subjects: SubjectSummary[] = [...bySubject].map(([subject, s]) => ({
    subject,
    systemId: s.systemId,
    systemName: s.systemId ? (names.get(s.systemId) ?? null) : null,
    serviceName: s.serviceName,
    ...s.totals.figures(),
    models: s.totals.modelList(),
  }));
  subjects.sort((a, b) => b.requests - a.requests || a.subject.localeCompare(b.subject));
  return { from: from.toISOString(), to: to.toISOString(), subjects };
}

export async function telemetrySeries(ctx: OrgContext, systemId: string, query: SeriesQuery): Promise<SeriesView> {
  if (!can(ctx.role, 'telemetry.read')) throw forbidden();
  const { from, to } = windowOf(query);
  if (!(await repo.hasSystem(ctx.db, ctx.org.id, systemId))) throw notFound('System');
  const span = to.getTime() - from.getTime();
  const step = query.step ?? seriesSteps.find((s) => span / (s * MINUTE_MS) <= DEFAULT_POINTS) ?? seriesSteps[seriesSteps.length - 1]!;
  const stepMs = step * MINUTE_MS;
  const start = Math.floor(from.getTime() / stepMs) * stepMs;
  const count = Math.ceil((to.getTime() - start) / stepMs);
  if (count > telemetryLimits.seriesPoints) {
    throw new AppError('unprocessable', `That is more than ${telemetryLimits.seriesPoints} points; choose a coarser step`, {
      issues: [{ path: 'step', message: 'Too fine for this window' }],
    });
  }
  const buckets = Array.from({ length: count }, () => new Totals());
  for (const row of await repo.rollupsBetween(ctx.db, ctx.org.id, new Date(start), to, systemId)) {
    buckets[Math.floor((row.minute.getTime() - start) / stepMs)]?.add(row);
  }
  return {
    systemId,
    from: from.toISOString(),
    to: to.toISOString(),
    stepMinutes: step,
    points: buckets.map((b, i) => ({ t: new Date(start + i * stepMs).toISOString(), ...b.figures() })),
  };
}

/** The metrics a system reported through /v1/metrics within the window, totalled per metric and series. */
export async function telemetryMetrics(ctx: OrgContext, systemId: string, query: WindowQuery): Promise<MetricsView> {
  if (!can(ctx.role, 'telemetry.read')) throw forbidden();
  const { from, to } = windowOf(query);
  if (!(await repo.hasSystem(ctx.db, ctx.org.id, systemId))) throw notFound('System');
  const rows = await repo.metricTotalsBetween(ctx.db, ctx.org.id, systemId, from, to);
  return {
    systemId,
    from: from.toISOString(),
    to: to.toISOString(),
    metrics: rows.map((r) => ({ ...r, mean: r.count > 0 ? r.sum / r.count : null, lastMinute: r.lastMinute.toISOString() })),
  };
}

export async function listUnregistered(ctx: OrgContext, query: UnregisteredQuery): Promise<UnregisteredList> {
  if (!can(ctx.role, 'telemetry.read')) throw forbidden();
  const status = query.status === 'all' ? undefined : (query.status ?? 'open');
  return { items: (await repo.listUnregistered(ctx.db, ctx.org.id, status)).map(presentUnregistered) };
}

async function liveSystemOrThrow(ctx: OrgContext, db: OrgContext['db'], systemId: string) {
  const system = await repo.findLiveSystem(db, ctx.org.id, systemId);
  if (!system) {
    throw new AppError('unprocessable', 'Choose a live system of this organisation', {
      issues: [{ path: 'systemId', message: 'Unknown or archived system' }],
    });
  }
  return system;
}

/** Bind an unknown service to a registered system (its open sightings become "registered"), or ignore it with a reason. */
export async function resolveUnregistered(ctx: OrgContext, input: ResolveUnregisteredInput): Promise<ResolveResult> {
  if (!can(ctx.role, 'telemetry.manage')) throw forbidden();
  const data = parseOrThrow(resolveUnregisteredInput, input);
  const updated = await withAudit(ctx, async (tx, audit) => {
    if (data.action === 'bind') {
      await liveSystemOrThrow(ctx, tx, data.systemId);
      const before = await repo.findBinding(tx, ctx.org.id, data.serviceName);
      const after = await repo.upsertBinding(tx, ctx.org.id, data.serviceName, data.systemId);
      audit({
        action: before ? 'telemetry.binding.update' : 'telemetry.binding.create',
        entityType: 'telemetry_binding',
        entityId: data.serviceName,
        ...(before ? { before: { systemId: before.systemId } } : {}),
        after: { systemId: after.systemId },
      });
    }
    const rows = await repo.lockUnregistered(tx, ctx.org.id, data.serviceName, data.action === 'ignore' ? data.model : undefined);
    const targets = rows.filter((r) =>
      data.action === 'bind' ? r.reason === 'unknown_service' && r.status === 'open' : r.status !== 'ignored',
    );
    for (const r of targets) {
      const changes =
        data.action === 'bind'
          ? { status: 'registered', resolvedSystemId: data.systemId, note: null }
          : { status: 'ignored', resolvedSystemId: null, note: data.note };
      await repo.setUnregisteredStatus(tx, ctx.org.id, r.serviceName, r.model, changes);
      audit({
        action: `telemetry.unregistered.${data.action === 'bind' ? 'register' : 'ignore'}`,
        entityType: 'telemetry_unregistered',
        entityId: `${r.serviceName}|${r.model}`,
        before: { status: r.status, resolvedSystemId: r.resolvedSystemId, note: r.note },
        after: changes,
      });
    }
    return targets.length;
  });
  if (data.action === 'bind') telemetryDirectoryChanged(ctx.db, ctx.org.id);
  return { updated };
}

export async function listBindings(ctx: OrgContext): Promise<BindingList> {
  if (!can(ctx.role, 'telemetry.read')) throw forbidden();
  const rows = await repo.listBindings(ctx.db, ctx.org.id);
  return {
    items: rows.map((r) => ({
      serviceName: r.binding.serviceName,
      systemId: r.binding.systemId,
      systemName: r.systemName,
      createdAt: r.binding.createdAt.toISOString(),
    })),
  };
}

export async function putBinding(ctx: OrgContext, input: BindingInput): Promise<BindingView> {
  if (!can(ctx.role, 'telemetry.manage')) throw forbidden();
  const data = parseOrThrow(bindingInput, input);
  const view = await withAudit(ctx, async (tx, audit) => {
    const system = await liveSystemOrThrow(ctx, tx, data.systemId);
    const before = await repo.findBinding(tx, ctx.org.id, data.serviceName);
    const after = await repo.upsertBinding(tx, ctx.org.id, data.serviceName, data.systemId);
    if (before?.systemId !== after.systemId) {
      audit({
        action: before ? 'telemetry.binding.update' : 'telemetry.binding.create',
        entityType: 'telemetry_binding',
        entityId: data.serviceName,
        ...(before ? { before: { systemId: before.systemId } } : {}),
        after: { systemId: after.systemId },
      });
    }
    return { serviceName: after.serviceName, systemId: after.systemId, systemName: system.name, createdAt: after.createdAt.toISOString() };
  });
  telemetryDirectoryChanged(ctx.db, ctx.org.id);
  return view;
}

/** Idempotent: deleting a binding that does not exist answers { deleted: false }. */
export async function deleteBinding(ctx: OrgContext, serviceName: string): Promise<{ deleted: boolean }> {
  if (!can(ctx.role, 'telemetry.manage')) throw forbidden();
  const deleted = await withAudit(ctx, async (tx, audit) => {
    const before = await repo.deleteBinding(tx, ctx.org.id, serviceName);
    if (before) {
      audit({
        action: 'telemetry.binding.delete',
        entityType: 'telemetry_binding',
        entityId: serviceName,
        before: { systemId: before.systemId },
      });
    }
    return !!before;
  });
  telemetryDirectoryChanged(ctx.db, ctx.org.id);
  return { deleted };
}

export async function getTelemetrySettings(ctx: OrgContext): Promise<TelemetrySettingsView> {
  if (!can(ctx.role, 'telemetry.read')) throw forbidden();
  const row = await repo.findSettings(ctx.db, ctx.org.id);
  return {
    spanRetentionDays: row?.spanRetentionDays ?? defaultTelemetrySettings.spanRetentionDays,
    rollupRetentionDays: row?.rollupRetentionDays ?? defaultTelemetrySettings.rollupRetentionDays,
    can: { manage: can(ctx.role, 'telemetry.manage') },
  };
}

export async function updateTelemetrySettings(ctx: OrgContext, input: TelemetrySettingsInput): Promise<TelemetrySettingsView> {
  if (!can(ctx.role, 'telemetry.manage')) throw forbidden();
  const data = parseOrThrow(telemetrySettingsInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockSettings(tx, ctx.org.id);
    const after = await repo.upsertSettings(tx, ctx.org.id, data);
    audit({
      action: 'telemetry.settings.update',
      entityType: 'telemetry_settings',
      entityId: ctx.org.id,
      before: before
        ? { spanRetentionDays: before.spanRetentionDays, rollupRetentionDays: before.rollupRetentionDays }
        : defaultTelemetrySettings,
      after: { spanRetentionDays: after.spanRetentionDays, rollupRetentionDays: after.rollupRetentionDays },
    });
  });
  return getTelemetrySettings(ctx);
}
