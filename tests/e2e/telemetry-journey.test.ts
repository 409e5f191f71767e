// LLM telemetry in a real browser on the demo organisation: spans sent over OTLP/JSON with an API token appear
// per system with charts; an unknown service shows as unregistered AI and is bound to its system from the page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers } from '../../src/demo/harbour-point.js';
import type { SystemPage } from '../../src/modules/systems/schema.js';
import type { MetricsView, OverviewView, UnregisteredList } from '../../src/modules/telemetry/schema.js';
import { otlpJson } from '../support/otlp.js';
import { apiGet, CHROMIUM, hasChromium, signInAs, startBrowserSession, type BrowserSession } from './browser.js';

const admin = demoUsers.find((u) => u.role === 'admin');
if (!admin) throw new Error('the demo lacks its IT administrator');

describe.skipIf(!hasChromium)(`telemetry journey (skipped without ${CHROMIUM}: apt-get install -y chromium)`, () => {
  let session: BrowserSession;
  let page: Page;
  const api = <T>(path: string): Promise<T> => apiGet<T>(session, 'harbour-point', path);

  beforeAll(async () => {
    session = await startBrowserSession('aims-e2e-telemetry-');
    page = session.page;
  }, 120_000);
  afterAll(async () => session?.close());

  it('shows spans per system with charts, and binds an unregistered service to its system', async () => {
    await signInAs(session, admin.email, DEMO_PASSWORD);
    const systems = await api<SystemPage>('/systems?q=Knowledge');
    const knowledge = systems.items[0];
    if (!knowledge) throw new Error('the demo has no knowledge assistant');

    // an ingest token, made through the API with the browser's session
    const { csrfToken } = (await (await page.request.get(`${session.base}/api/v1/auth/session`)).json()) as { csrfToken: string };
    const created = await page.request.post(`${session.base}/api/v1/orgs/harbour-point/tokens`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { name: 'otel collector', role: 'contributor' },
    });
    expect(created.status()).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const send = async (service: string, n: number, error = false) => {
      const res = await fetch(`${session.base}/v1/traces`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(
          otlpJson(
            service,
            Array.from({ length: n }, (_, i) => ({
              model: 'gpt-4o',
              inputTokens: 100,
              outputTokens: 20,
              error: error && i === 0,
              durationMs: 200 + i * 10,
            })),
          ),
        ),
      });
      expect(res.status).toBe(200);
    };
    // the demo already has six hours of traffic: count what this test adds on top of it
    const overview = () => api<OverviewView>('/telemetry/overview');
    const total = async () => (await overview()).subjects.reduce((n, s) => n + s.requests, 0);
    const before = await total();
    await send(knowledge.name, 12, true);
    await send('shadow-gpt-helper', 3);
    await expect.poll(total, { timeout: 10_000 }).toBe(before + 15);
    // metrics sent to /v1/metrics (a delta histogram the demo does not report) appear under the charts of that system
    const metrics = await fetch(`${session.base}/v1/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceMetrics: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: knowledge.name } }] },
            scopeMetrics: [
              {
                metrics: [
                  {
                    name: 'gen_ai.server.time_to_first_token',
                    histogram: {
                      aggregationTemporality: 1,
                      dataPoints: [
                        {
                          attributes: [],
                          timeUnixNano: String(BigInt(Date.now() - 30_000) * 1_000_000n),
                          count: '4',
                          sum: 1.234,
                        },
                      ],
                    },
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(metrics.status).toBe(200);
    await expect
      .poll(
        async () =>
          (await api<MetricsView>(`/telemetry/systems/${knowledge.id}/metrics`)).metrics.some(
            (m) => m.metric === 'gen_ai.server.time_to_first_token',
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    const mine = (await overview()).subjects.find((s) => s.subject === knowledge.id);
    if (!mine?.errorRate) throw new Error('no traffic for the knowledge assistant');

    await page.goto(`${session.base}/o/harbour-point/telemetry`);
    const row = page.locator(`[data-testid="telemetry-row"][data-subject="${knowledge.id}"]`);
    await row.waitFor();
    // the row shows the same figures as the API, formatted for English
    expect(await row.textContent()).toContain(new Intl.NumberFormat('en').format(mine.requests));
    expect(await row.textContent()).toContain(
      new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(mine.errorRate),
    );
    await page.locator('[data-chart="Requests and errors over time"] svg').waitFor();
    await page.locator('[data-chart="Latency p50, p95 and p99 over time"] svg').waitFor();

    await row.click();
    const metricRow = page.getByTestId('telemetry-metric-row').filter({ hasText: 'gen_ai.server.time_to_first_token' });
    await metricRow.waitFor();
    // 4 data points summing to 1.234 s: a mean of 0.3085, shown to three places
    expect(await metricRow.textContent()).toContain('1.234');
    expect(await metricRow.textContent()).toContain('0.309');
    // the demo's own metrics are listed too
    expect(await page.getByTestId('telemetry-metric-row').filter({ hasText: 'gen_ai.client.token.usage' }).count()).toBe(2);

    const shadow = page.locator('[data-testid="unregistered-row"][data-service="shadow-gpt-helper"]');
    await shadow.waitFor();
    await shadow.getByTestId('unregistered-bind').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('bind-system').click();
    await page.getByRole('option', { name: knowledge.name }).click();
    await dialog.getByTestId('unregistered-confirm').click();
    await expect
      .poll(async () => (await api<UnregisteredList>('/telemetry/unregistered?status=registered')).items.map((i) => i.serviceName))
      .toContain('shadow-gpt-helper');
    await expect.poll(() => shadow.count()).toBe(0);
  }, 120_000);
});
