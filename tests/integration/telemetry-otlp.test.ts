import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanStatusCode } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { and, eq } from 'drizzle-orm';
import { telemetryMetricRollups } from '../../src/db/schema.js';
import { createSystem } from '../../src/modules/systems/service.js';
import { telemetryIngestFor } from '../../src/modules/telemetry/ingest.js';
import type { OverviewView, SeriesView, UnregisteredList } from '../../src/modules/telemetry/schema.js';
import { telemetryWindow } from '../../src/modules/telemetry/window.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, type TestOrg } from '../support/factories.js';
import type { MetricsView } from '../../src/modules/telemetry/schema.js';
import { bearer, startTestApp, type TestApp } from '../support/harness.js';
import { listenLocally } from '../support/otlp.js';

/** Sends spans through the real OpenTelemetry JS SDK and its OTLP exporter, then waits until they are stored. */
async function sendWithSdk(
  exporter: SpanExporter,
  resource: Record<string, string>,
  spans: { model?: string; input?: number; output?: number; error?: boolean; genAi?: boolean; legacy?: boolean }[],
  batch = false,
): Promise<void> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [batch ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('aims-test', '1.0.0');
  for (const s of spans) {
    const span = tracer.startSpan(`chat ${s.model ?? ''}`);
    if (s.genAi !== false) {
      span.setAttributes({
        'gen_ai.system': 'openai',
        'gen_ai.operation.name': 'chat',
        ...(s.model ? { 'gen_ai.request.model': s.model } : {}),
        ...(s.input !== undefined ? { [s.legacy ? 'gen_ai.usage.prompt_tokens' : 'gen_ai.usage.input_tokens']: s.input } : {}),
        ...(s.output !== undefined ? { [s.legacy ? 'gen_ai.usage.completion_tokens' : 'gen_ai.usage.output_tokens']: s.output } : {}),
      });
    } else span.setAttribute('http.route', '/healthz');
    if (s.error) span.setStatus({ code: SpanStatusCode.ERROR, message: 'rate limited upstream' });
    span.end();
  }
  await provider.forceFlush();
  await provider.shutdown();
}

describe.each(engines)('OTLP receiver with the OpenTelemetry JS SDK (%s)', (engine) => {
  let t: TestApp;
  let org: TestOrg;
  let base: string;
  let chat: { id: string };
  let triage: { id: string };
  const get = async <T>(url: string): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url, headers: bearer(org.tokens.auditor) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const flush = () => telemetryIngestFor(t.database.db).queue.flush();

  beforeAll(async () => {
    t = await startTestApp(engine);
    org = await buildOrg(t.database.db, 'otel');
    chat = await createSystem(org.ctx, buildSystem({ name: 'Demo Chat', models: ['gpt-4o'] }));
    triage = await createSystem(org.ctx, buildSystem({ name: 'Triage Bot', models: ['gpt-4o-mini'] }));
    base = await listenLocally(t.app);
  });
  afterAll(async () => t?.close());

  it('stores GenAI spans sent as OTLP/JSON and protobuf, mapped to systems by name and by aims.system.id', async () => {
    const headers = bearer(org.tokens.system_owner);
    // OTLP/JSON: service.name is the system's name in another case; one error, one span without GenAI attributes
    await sendWithSdk(new JsonTraceExporter({ url: `${base}/v1/traces`, headers }), { 'service.name': 'demo chat' }, [
      { model: 'gpt-4o-2024-08-06', input: 10, output: 20 },
      { model: 'gpt-4o', input: 5, output: 7 },
      { model: 'gpt-4o', input: 1, output: 0, error: true },
      { genAi: false },
    ]);
    // protobuf, gzip: a pod name as service.name, the system named by aims.system.id; legacy token names; a model the
    // system did not declare
    await sendWithSdk(
      new ProtoTraceExporter({ url: `${base}/v1/traces`, headers, compression: 'gzip' as never }),
      { 'service.name': 'triage-pod-7f9c', 'aims.system.id': triage.id },
      [
        { model: 'gpt-4o-mini', input: 100, output: 50, legacy: true },
        { model: 'llama-3.1-70b', input: 30, output: 3 },
      ],
      true,
    );
    // an unknown service: unregistered AI
    await sendWithSdk(new ProtoTraceExporter({ url: `${base}/v1/traces`, headers }), { 'service.name': 'shadow-helper' }, [
      { model: 'claude-3-5-sonnet', input: 4, output: 2 },
    ]);
    await flush();

    const overview = await get<OverviewView>('/api/v1/orgs/otel/telemetry/overview');
    const bySubject = new Map(overview.subjects.map((s) => [s.subject, s]));
    const chatRow = bySubject.get(chat.id);
    expect(chatRow).toMatchObject({
      systemId: chat.id,
      systemName: 'Demo Chat',
      serviceName: 'demo chat',
      requests: 3,
      errors: 1,
      inputTokens: 16,
      outputTokens: 27,
    });
    expect(chatRow?.errorRate).toBeCloseTo(1 / 3, 10);
    expect(chatRow?.models).toEqual([
      { model: 'gpt-4o', requests: 2 },
      { model: 'gpt-4o-2024-08-06', requests: 1 },
    ]);
    expect(chatRow?.p50).not.toBeNull();
    expect(bySubject.get(triage.id)).toMatchObject({
      requests: 2,
      errors: 0,
      inputTokens: 130,
      outputTokens: 53,
      serviceName: 'triage-pod-7f9c',
    });
    expect(bySubject.get('service:shadow-helper')).toMatchObject({ systemId: null, requests: 1, inputTokens: 4, outputTokens: 2 });
    expect(overview.subjects).toHaveLength(3);

    const open = await get<UnregisteredList>('/api/v1/orgs/otel/telemetry/unregistered');
    expect(open.items.map((i) => [i.serviceName, i.model, i.reason, i.systemId, i.spans]).sort()).toEqual(
      [
        ['shadow-helper', 'claude-3-5-sonnet', 'unknown_service', null, 1],
        ['triage-pod-7f9c', 'llama-3.1-70b', 'unknown_model', triage.id, 1],
      ].sort(),
    );

    const series = await get<SeriesView>(`/api/v1/orgs/otel/telemetry/systems/${chat.id}/series?step=5`);
    expect(series.stepMinutes).toBe(5);
    expect(series.points.reduce((n, p) => n + p.requests, 0)).toBe(3);
    expect(series.points.reduce((n, p) => n + p.errors, 0)).toBe(1);

    const w = await telemetryWindow(t.database.db, org.ctx.org.id, chat.id, new Date(Date.now() - 3600_000), new Date(Date.now() + 60_000));
    expect(w).toMatchObject({ requests: 3, errors: 1, inputTokens: 16, outputTokens: 27 });
    expect(w.errorRate).toBeCloseTo(1 / 3, 10);
    expect(w.p99).toBeGreaterThanOrEqual(w.p50 ?? Infinity);
  });

  it('binds an unregistered service to a system: its open sightings are registered and later spans count for the system', async () => {
    const manage = { ...bearer(org.tokens.governance_lead) };
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs/otel/telemetry/unregistered/resolve',
      headers: bearer(org.tokens.contributor),
      payload: { action: 'bind', serviceName: 'shadow-helper', systemId: chat.id },
    });
    expect(denied.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs/otel/telemetry/unregistered/resolve',
      headers: manage,
      payload: { action: 'bind', serviceName: 'shadow-helper', systemId: chat.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 1 });
    const registered = await get<UnregisteredList>('/api/v1/orgs/otel/telemetry/unregistered?status=registered');
    expect(registered.items).toMatchObject([{ serviceName: 'shadow-helper', status: 'registered', resolvedSystemId: chat.id }]);

    await sendWithSdk(
      new JsonTraceExporter({ url: `${base}/v1/traces`, headers: bearer(org.tokens.system_owner) }),
      { 'service.name': 'shadow-helper' },
      [{ model: 'gpt-4o', input: 1, output: 1 }],
    );
    await flush();
    const overview = await get<OverviewView>('/api/v1/orgs/otel/telemetry/overview');
    expect(overview.subjects.find((s) => s.subject === chat.id)?.requests).toBe(4);
    expect(overview.subjects.find((s) => s.subject === 'service:shadow-helper')?.requests).toBe(1);

    const ignore = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs/otel/telemetry/unregistered/resolve',
      headers: manage,
      payload: { action: 'ignore', serviceName: 'triage-pod-7f9c', model: 'llama-3.1-70b', note: 'Evaluation only' },
    });
    expect(ignore.json()).toEqual({ updated: 1 });
    const ignored = await get<UnregisteredList>('/api/v1/orgs/otel/telemetry/unregistered?status=ignored');
    expect(ignored.items).toMatchObject([{ serviceName: 'triage-pod-7f9c', note: 'Evaluation only' }]);
    // without its binding the service is unknown again: its sighting opens again
    const unbind = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/orgs/otel/telemetry/bindings?serviceName=shadow-helper',
      headers: manage,
    });
    expect(unbind.json()).toEqual({ deleted: true });
    await sendWithSdk(
      new JsonTraceExporter({ url: `${base}/v1/traces`, headers: bearer(org.tokens.system_owner) }),
      { 'service.name': 'shadow-helper' },
      [{ model: 'claude-3-5-sonnet', input: 1, output: 1 }],
    );
    await flush();
    const reopened = await get<UnregisteredList>('/api/v1/orgs/otel/telemetry/unregistered');
    expect(reopened.items.find((i) => i.serviceName === 'shadow-helper')).toMatchObject({
      status: 'open',
      spans: 2,
      resolvedSystemId: null,
    });
    const audit = await get<{ items: { action: string }[] }>('/api/v1/orgs/otel/audit-log?limit=10');
    expect(audit.items.map((i) => i.action)).toEqual(
      expect.arrayContaining([
        'telemetry.binding.create',
        'telemetry.unregistered.register',
        'telemetry.unregistered.ignore',
        'telemetry.binding.delete',
      ]),
    );
  });

  it('sums GenAI client metrics per minute from the SDK metrics exporter, cumulative totals turned into deltas', async () => {
    const exporter = new OTLPMetricExporter({ url: `${base}/v1/metrics`, headers: bearer(org.tokens.system_owner) });
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
    const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'Demo Chat' }), readers: [reader] });
    const meter = provider.getMeter('aims-test');
    const usage = meter.createHistogram('gen_ai.client.token.usage', { unit: '{token}' });
    const duration = meter.createHistogram('gen_ai.client.operation.duration', { unit: 's' });
    usage.record(100, { 'gen_ai.token.type': 'input', 'gen_ai.request.model': 'gpt-4o' });
    usage.record(40, { 'gen_ai.token.type': 'output', 'gen_ai.request.model': 'gpt-4o' });
    duration.record(1.5, { 'gen_ai.request.model': 'gpt-4o' });
    await provider.forceFlush();
    usage.record(30, { 'gen_ai.token.type': 'input', 'gen_ai.request.model': 'gpt-4o' });
    await provider.forceFlush();
    await provider.shutdown();
    await flush();

    const rows = await t.database.db
      .select()
      .from(telemetryMetricRollups)
      .where(and(eq(telemetryMetricRollups.orgId, org.ctx.org.id), eq(telemetryMetricRollups.subject, chat.id)));
    const total = (metric: string, series: string) =>
      rows
        .filter((r) => r.metric === metric && r.series === series)
        .reduce((acc, r) => ({ count: acc.count + r.count, sum: acc.sum + r.sum }), { count: 0, sum: 0 });
    expect(total('gen_ai.client.token.usage', 'input')).toEqual({ count: 2, sum: 130 });
    expect(total('gen_ai.client.token.usage', 'output')).toEqual({ count: 1, sum: 40 });
    expect(total('gen_ai.client.operation.duration', '')).toEqual({ count: 1, sum: 1.5 });

    // the same totals through the API, to anyone with telemetry.read; another organisation's system is not found
    const view = await get<MetricsView>(`/api/v1/orgs/otel/telemetry/systems/${chat.id}/metrics`);
    const minute: unknown = expect.stringMatching(/:00\.000Z$/);
    expect(view.metrics).toEqual([
      { metric: 'gen_ai.client.operation.duration', series: '', count: 1, sum: 1.5, mean: 1.5, lastMinute: minute },
      { metric: 'gen_ai.client.token.usage', series: 'input', count: 2, sum: 130, mean: 65, lastMinute: minute },
      { metric: 'gen_ai.client.token.usage', series: 'output', count: 1, sum: 40, mean: 40, lastMinute: minute },
    ]);
    const past = await get<MetricsView>(
      `/api/v1/orgs/otel/telemetry/systems/${chat.id}/metrics?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`,
    );
    expect(past.metrics).toEqual([]);
    const other = await buildOrg(t.database.db, `otel-other-${engine}`);
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${other.slug}/telemetry/systems/${chat.id}/metrics`,
      headers: bearer(other.tokens.owner),
    });
    expect(foreign.statusCode).toBe(404);
    const backwards = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/otel/telemetry/systems/${chat.id}/metrics?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z`,
      headers: bearer(org.tokens.viewer),
    });
    expect(backwards.statusCode).toBe(422);
  });
});
