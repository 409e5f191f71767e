// The whole path of an alert on real telemetry: OTLP/JSON spans through the receiver, the per-minute rollups, the
// job runner's periodic evaluation, the alert and the owner's notification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertPage, AlertRuleView } from '../../src/modules/alerts/schema.js';
import { startJobRunner } from '../../src/modules/jobs/runner.js';
import { nextBoundary } from '../../src/modules/jobs/schedule.js';
import { jobHandlers, periodicJobs } from '../../src/modules/jobs/setup.js';
import type { NotificationPage } from '../../src/modules/notifications/schema.js';
import { telemetryIngestFor } from '../../src/modules/telemetry/ingest.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, PASSWORD, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** `count` GenAI chat spans of one system, `errors` of them failed, starting at `start`. */
function otlpSpans(systemId: string, start: Date, count: number, errors: number) {
  const ns = BigInt(start.getTime()) * 1_000_000n;
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'claims-triage' } },
            { key: 'aims.system.id', value: { stringValue: systemId } },
          ],
        },
        scopeSpans: [
          {
            scope: { name: 'aims-test' },
            spans: Array.from({ length: count }, (_, i) => ({
              traceId: hex(i + 1, 32),
              spanId: hex(i + 1, 16),
              name: 'chat gpt-4o',
              kind: 3,
              startTimeUnixNano: String(ns + BigInt(i) * 1_000_000n),
              endTimeUnixNano: String(ns + BigInt(i) * 1_000_000n + 250_000_000n),
              attributes: [
                { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
                { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
                { key: 'gen_ai.usage.input_tokens', value: { intValue: '100' } },
              ],
              status: { code: i < errors ? 2 : 1 },
            })),
          },
        ],
      },
    ],
  };
}

describe.each(engines)('alerts on ingested telemetry (%s)', (engine) => {
  let t: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestApp(engine);
    org = await buildOrg(t.database.db, 'pipeline');
  });
  afterAll(async () => t?.close());

  it('fires from OTLP spans on the runner’s next minute and tells the system owner', async () => {
    const owner = bearer(org.tokens.owner);
    const url = (path: string) => `/api/v1/orgs/pipeline${path}`;
    const system = await t.app.inject({
      method: 'POST',
      url: url('/systems'),
      headers: owner,
      payload: buildSystem({ name: 'Claims triage', models: ['gpt-4o'], accountableOwnerId: org.users.system_owner.id }),
    });
    const systemId = system.json<{ id: string }>().id;
    const rule = await t.app.inject({
      method: 'POST',
      url: url('/alert-rules'),
      headers: owner,
      payload: { name: 'Triage errors', systemId, metric: 'error_rate', comparator: 'above', threshold: 0.2, windowMinutes: 10 },
    });
    expect(rule.statusCode, rule.body).toBe(201);

    const sent = new Date(Date.now() - 60_000);
    const ingest = await t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { ...owner, 'content-type': 'application/json' },
      payload: otlpSpans(systemId, sent, 20, 6),
    });
    expect(ingest.statusCode, ingest.body).toBe(200);
    await telemetryIngestFor(t.database.db).queue.flush();

    let now = new Date();
    const runner = startJobRunner(t.database.db, {
      handlers: jobHandlers,
      periodic: periodicJobs,
      log: { warn: () => undefined },
      intervalMs: 3_600_000,
      clock: () => now,
    });
    try {
      await runner.tick(); // schedules the evaluation for the next minute
      expect((await t.app.inject({ method: 'GET', url: url('/alerts'), headers: owner })).json<AlertPage>().total).toBe(0);
      now = nextBoundary(now, 'minute');
      expect((await runner.tick()).done).toBe(1);
    } finally {
      await runner.stop();
    }

    const alerts = (await t.app.inject({ method: 'GET', url: url('/alerts'), headers: owner })).json<AlertPage>();
    expect(alerts.items).toHaveLength(1);
    expect(alerts.items[0]).toMatchObject({ ruleId: rule.json<AlertRuleView>().id, systemId, value: 0.3, status: 'open' });
    expect(alerts.items[0]!.evidence).toMatchObject({ figures: { requests: 20, errors: 6, inputTokens: 2000 } });

    const session = await signIn(t.app, org.users.system_owner.email, PASSWORD);
    const inbox = (await t.app.inject({ method: 'GET', url: url('/notifications'), headers: session })).json<NotificationPage>();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]?.alertId).toBe(alerts.items[0]!.id);
  });
});
