import type { Db } from '../../src/db/connect.js';
import { telemetryRollups } from '../../src/db/schema.js';
import { evaluateAlerts } from '../../src/modules/alerts/evaluate.js';
import { bucketOf } from '../../src/modules/telemetry/histogram.js';
import type { App } from '../../src/server/types.js';

export interface AlertFixtures {
  alertRule: string;
  toggleAlertRule: string;
  alert: string;
  resolveAlert: string;
}

/** One minute of a system's traffic, written straight into the rollups (what the OTLP ingest would store). */
export async function insertRollup(
  db: Db,
  orgId: string,
  systemId: string,
  minute: Date,
  figures: { requests: number; errors: number; latencyMs?: number; inputTokens?: number; outputTokens?: number },
): Promise<void> {
  await db.insert(telemetryRollups).values({
    orgId,
    subject: systemId,
    systemId,
    serviceName: `svc-${systemId.slice(0, 8)}`,
    minute,
    requests: figures.requests,
    errors: figures.errors,
    latencySumMs: (figures.latencyMs ?? 100) * figures.requests,
    latencyBuckets: { [String(bucketOf(figures.latencyMs ?? 100))]: figures.requests },
    inputTokens: figures.inputTokens ?? 0,
    outputTokens: figures.outputTokens ?? 0,
    models: {},
  });
}

/**
 * Through the API, as `headers`' caller: two rules on `systemId` (error rate, p95 latency) and an
 * organisation-wide one; then a minute of failing, slow traffic of the system and one evaluation, so each system
 * rule has fired an open alert.
 */
export async function seedAlertFixtures(
  app: App,
  db: Db,
  slug: string,
  headers: Record<string, string>,
  label: string,
  systemId: string,
): Promise<AlertFixtures> {
  const base = `/api/v1/orgs/${slug}`;
  const call = async (method: 'GET' | 'POST', path: string, payload: object | undefined, expected: number) => {
    const res = await app.inject({ method, url: `${base}${path}`, headers, ...(payload ? { payload } : {}) });
    if (res.statusCode !== expected) throw new Error(`seed ${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; items?: { id: string }[] }>();
  };
  const rule = (name: string, over: object) =>
    call('POST', '/alert-rules', { name: `${label} ${name}`, comparator: 'above', windowMinutes: 15, cooldownMinutes: 60, ...over }, 201);
  const alertRule = (await rule('error rate', { systemId, metric: 'error_rate', threshold: 0.05 })).id;
  const latencyRule = (await rule('latency', { systemId, metric: 'latency_p95', threshold: 100 })).id;
  const toggleAlertRule = (await rule('token spend', { metric: 'token_spend', threshold: 1e12 })).id;

  const orgId = (await call('GET', '', undefined, 200)).id;
  const now = new Date();
  await insertRollup(db, orgId, systemId, new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 120_000), {
    requests: 50,
    errors: 10,
    latencyMs: 900,
  });
  await evaluateAlerts(db, orgId, { now });
  const firstAlert = async (ruleId: string) => {
    const id = (await call('GET', `/alerts?ruleId=${ruleId}`, undefined, 200)).items?.[0]?.id;
    if (!id) throw new Error(`seed: rule ${ruleId} did not fire`);
    return id;
  };
  return { alertRule, toggleAlertRule, alert: await firstAlert(alertRule), resolveAlert: await firstAlert(latencyRule) };
}
