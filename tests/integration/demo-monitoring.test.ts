import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import type { MetricsView, OverviewView, UnregisteredList } from '../../src/modules/telemetry/schema.js';
import { engines } from '../support/engines.js';
import { signIn, startTestApp, type TestApp } from '../support/harness.js';

describe.each(engines)('the demo monitoring data on %s', (engine) => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(engine);
    await seedDemo(t.database.db, { evidenceDir: t.evidenceDir });
    headers = await signIn(t.app, 'grace.wong@harbourpoint.example', 'harbour-demo-2026');
  });
  afterAll(async () => t?.close());

  const get = async <T>(url: string): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/harbour-point${url}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  it("shows six hours of the knowledge assistant's LLM traffic, with latency percentiles and both models", async () => {
    const from = new Date(Date.now() - 7 * 3_600_000).toISOString();
    const overview = await get<OverviewView>(`/telemetry/overview?from=${encodeURIComponent(from)}`);
    const assistant = overview.subjects.find((s) => s.systemName === 'Harbour Knowledge Assistant');
    expect(assistant?.requests).toBeGreaterThan(1000);
    expect(assistant?.errorRate).toBeGreaterThan(0);
    expect(assistant?.errorRate).toBeLessThan(0.05);
    expect(assistant!.p50!).toBeLessThan(assistant!.p95!);
    expect(assistant?.inputTokens).toBeGreaterThan(0);
    expect(new Set(assistant?.models.map((m) => m.model))).toEqual(new Set(['gpt-4o-mini', 'text-embedding-3-large']));
    expect(overview.subjects.some((s) => s.serviceName === 'marketing-copy-helper' && s.systemId === null)).toBe(true);

    // its GenAI client metrics were summed from the same spans: the input-token totals agree with the traces
    const metrics = await get<MetricsView>(`/telemetry/systems/${assistant!.systemId}/metrics?from=${encodeURIComponent(from)}`);
    const input = metrics.metrics.find((m) => m.metric === 'gen_ai.client.token.usage' && m.series === 'input');
    expect(input).toMatchObject({ count: assistant!.requests, sum: assistant!.inputTokens });
    const duration = metrics.metrics.find((m) => m.metric === 'gen_ai.client.operation.duration');
    expect(duration?.count).toBe(assistant!.requests);
    expect(duration!.mean!).toBeGreaterThan(0.1);
  });

  it('flags the unregistered marketing tool and the chat model the register does not declare', async () => {
    const list = await get<UnregisteredList>('/telemetry/unregistered');
    const found = list.items.map((i) => [i.serviceName, i.model, i.reason]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['marketing-copy-helper', 'deepseek-chat', 'unknown_service'],
        ['harbour-knowledge-assistant', 'gpt-4o-mini', 'unknown_model'],
      ]),
    );
    // the embedding model is in the register entry, so it is not flagged
    expect(found.some(([, model]) => model === 'text-embedding-3-large')).toBe(false);
  });

  it('starts with two alert rules on the knowledge assistant, none fired', async () => {
    const rules = await get<{ items: { name: string; metric: string }[] }>('/alert-rules');
    expect(rules.items.map((r) => r.metric).sort()).toEqual(['error_rate', 'latency_p95']);
    const alerts = await get<{ items: unknown[] }>('/alerts?status=all');
    expect(alerts.items).toHaveLength(0);
  });
});
