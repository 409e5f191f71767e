import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { telemetryRollups, telemetrySpans } from '../../src/db/schema.js';
import { createSystem } from '../../src/modules/systems/service.js';
import { telemetryIngestFor } from '../../src/modules/telemetry/ingest.js';
import { defaultQueueLimits } from '../../src/modules/telemetry/queue.js';
import { pruneTelemetry } from '../../src/modules/telemetry/retention.js';
import type { OverviewView } from '../../src/modules/telemetry/schema.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';
import { otlpJson, type SpanSpec } from '../support/otlp.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const PROTO_TYPE = { 'content-type': 'application/x-protobuf' };
const spans = (n: number, spec: SpanSpec = { model: 'gpt-4o', inputTokens: 3, outputTokens: 4 }): SpanSpec[] =>
  Array.from({ length: n }, () => spec);

describe.each(engines)('OTLP receiver: bad input, tenancy, overload and retention (%s)', (engine) => {
  let t: TestApp;
  let alpha: TestOrg;
  let bravo: TestOrg;
  let alphaSystem: { id: string };
  const ingest = () => telemetryIngestFor(t.database.db);
  const post = (token: string | null, payload: unknown, headers: Record<string, string> = JSON_TYPE, url = '/v1/traces') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...(token ? bearer(token) : {}), ...headers },
      payload: Buffer.isBuffer(payload) || typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const overview = async (org: TestOrg) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${org.slug}/telemetry/overview`, headers: bearer(org.tokens.viewer) })
    ).json<OverviewView>();
  const requestsOf = async (org: TestOrg, subject: string) =>
    (await overview(org)).subjects.find((s) => s.subject === subject)?.requests ?? 0;

  const threadsBefore = process.env.AIMS_TELEMETRY_DECODE_THREADS;
  beforeAll(async () => {
    // large bodies go through a decoding thread on both engines here (PGlite has none by default)
    process.env.AIMS_TELEMETRY_DECODE_THREADS = '1';
    t = await startTestApp(engine);
    alpha = await buildOrg(t.database.db, 'otlp-alpha');
    bravo = await buildOrg(t.database.db, 'otlp-bravo');
    alphaSystem = await createSystem(alpha.ctx, buildSystem({ name: 'Alpha Assistant', models: ['gpt-4o'] }));
  });
  afterAll(async () => {
    if (threadsBefore === undefined) delete process.env.AIMS_TELEMETRY_DECODE_THREADS;
    else process.env.AIMS_TELEMETRY_DECODE_THREADS = threadsBefore;
    await t?.close();
  });

  it('answers 401 without a valid API token, 403 without telemetry.ingest, and never takes a session cookie', async () => {
    const body = otlpJson('Alpha Assistant', spans(1));
    expect((await post(null, body)).statusCode).toBe(401);
    expect((await post('aims_not-a-real-token', body)).statusCode).toBe(401);
    const forbidden = await post(alpha.tokens.auditor, body);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await post(alpha.tokens.viewer, body, PROTO_TYPE)).statusCode).toBe(403);
    const cookie = await signIn(t.app, alpha.users.owner.email, 'correct-horse-battery');
    const withCookie = await t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { ...cookie, ...JSON_TYPE },
      payload: JSON.stringify(body),
    });
    expect(withCookie.statusCode).toBe(401);
    await ingest().queue.flush();
    expect(await requestsOf(alpha, alphaSystem.id)).toBe(0);
  });

  it('answers 400 to undecodable bodies, 415 to other content types, 413 to oversized ones; the API keeps its own parsers', async () => {
    const token = alpha.tokens.contributor;
    const badJson = await post(token, '{"resourceSpans": [', JSON_TYPE);
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ error: { code: 'bad_request' } });
    expect((await post(token, '[1,2]', JSON_TYPE)).statusCode).toBe(400);
    expect((await post(token, { resourceSpans: 5 }, JSON_TYPE)).statusCode).toBe(400);
    expect((await post(token, { resourceSpans: [{ scopeSpans: [{ spans: [7] }] }] }, JSON_TYPE)).statusCode).toBe(400);
    const badProto = await post(token, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), PROTO_TYPE);
    expect(badProto.statusCode).toBe(400);
    expect(badProto.headers['content-type']).toContain('application/x-protobuf');
    expect((await post(token, Buffer.from('not gzip'), { ...JSON_TYPE, 'content-encoding': 'gzip' })).statusCode).toBe(400);
    expect((await post(token, 'hello', { 'content-type': 'text/plain' })).statusCode).toBe(415);
    expect((await post(token, '<a/>', { 'content-type': 'application/xml' })).statusCode).toBe(415);
    expect((await post(token, Buffer.alloc(9 * 1024 * 1024, 0x20), JSON_TYPE)).statusCode).toBe(413);
    // malformed spans inside a valid request: a partial success, the rest is kept
    const body = otlpJson('Alpha Assistant', spans(2));
    (body.resourceSpans as { scopeSpans: { spans: { traceId: string }[] }[] }[])[0]!.scopeSpans[0]!.spans[0]!.traceId = 'xyz';
    const partial = await post(token, body);
    expect(partial.statusCode).toBe(200);
    expect(partial.json()).toMatchObject({ partialSuccess: { rejectedSpans: 1 } });
    // gzip JSON is fine
    const gz = await post(token, gzipSync(JSON.stringify(otlpJson('Alpha Assistant', spans(3)))), {
      ...JSON_TYPE,
      'content-encoding': 'gzip',
    });
    expect(gz.statusCode, gz.body).toBe(200);
    expect(gz.json()).toEqual({});
    await ingest().queue.flush();
    expect(await requestsOf(alpha, alphaSystem.id)).toBe(4);
    // the rest of the API still refuses text/plain and still parses JSON
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs/otlp-alpha/vendors',
      headers: { ...bearer(alpha.tokens.owner), 'content-type': 'text/plain' },
      payload: '{}',
    });
    expect(api.statusCode).toBe(415);
  });

  it('stores every column of a span as sent, from a body large enough to be decoded on a decoding thread', async () => {
    const body = otlpJson('Alpha Assistant', spans(400, { model: 'gpt-4o', inputTokens: 7, error: true, durationMs: 12.5 }));
    const sent = (body.resourceSpans as { scopeSpans: { spans: Record<string, unknown>[] }[] }[])[0]!.scopeSpans[0]!.spans;
    sent[0]!.name = 'say "hi" \\ 你好, {braces} NULL';
    (sent[0]!.attributes as unknown[]).push({ key: 'error.type', value: { stringValue: 'rate_limit' } });
    const payload = JSON.stringify(body);
    expect(payload.length).toBeGreaterThan(64 * 1024);
    const res = await post(alpha.tokens.contributor, payload);
    expect(res.statusCode, res.body).toBe(200);
    await ingest().queue.flush();
    const [row] = await t.database.db
      .select()
      .from(telemetrySpans)
      .where(eq(telemetrySpans.traceId, sent[0]!.traceId as string));
    expect(row).toMatchObject({
      orgId: alpha.ctx.org.id,
      systemId: alphaSystem.id,
      serviceName: 'Alpha Assistant',
      genAiSystem: 'openai',
      model: 'gpt-4o',
      operation: 'chat',
      spanId: sent[0]!.spanId,
      name: 'say "hi" \\ 你好, {braces} NULL',
      durationMs: 12.5,
      inputTokens: 7,
      outputTokens: null,
      error: true,
      errorType: 'rate_limit',
    });
    expect(row!.startTime.getTime()).toBe(Math.floor(Number(BigInt(sent[0]!.startTimeUnixNano as string) / 1_000_000n)));
    expect(await requestsOf(alpha, alphaSystem.id)).toBe(404);
  });

  it("files another organisation's token under that organisation: aims.system.id of a foreign system is unknown", async () => {
    const res = await post(bravo.tokens.system_owner, otlpJson('Alpha Assistant', spans(2), { 'aims.system.id': alphaSystem.id }));
    expect(res.statusCode).toBe(200);
    await ingest().queue.flush();
    const before = await requestsOf(alpha, alphaSystem.id);
    expect(before).toBe(404);
    const bravoView = await overview(bravo);
    expect(bravoView.subjects).toMatchObject([{ subject: 'service:Alpha Assistant', systemId: null, requests: 2 }]);
    const bravoSpans = await t.database.db.select().from(telemetrySpans).where(eq(telemetrySpans.orgId, bravo.ctx.org.id));
    expect(bravoSpans.every((s) => s.systemId === null)).toBe(true);
    // alpha's API does not show bravo's unregistered services
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/orgs/otlp-alpha/telemetry/unregistered?status=all',
      headers: bearer(alpha.tokens.viewer),
    });
    expect(list.json<{ items: { serviceName: string }[] }>().items.map((i) => i.serviceName)).not.toContain('Alpha Assistant');
  });

  it('refuses whole requests with 503 / 429 and Retry-After when the queue is full, and takes them again after a flush', async () => {
    const queue = ingest().queue;
    await queue.flush();
    const start = await requestsOf(alpha, alphaSystem.id);
    // only explicit flushes write in this test
    queue.setLimits({ maxItems: 2000, orgShare: 0.3, flushIntervalMs: 3_600_000, flushItems: 1_000_000 });
    try {
      const req = otlpJson('Alpha Assistant', spans(512));
      expect((await post(alpha.tokens.contributor, req)).statusCode).toBe(200);
      const tooMuch = await post(alpha.tokens.contributor, req);
      expect(tooMuch.statusCode).toBe(429);
      expect(Number(tooMuch.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // other organisations still get their share, until the queue as a whole is full
      expect((await post(bravo.tokens.contributor, otlpJson('Bravo svc', spans(512)))).statusCode).toBe(200);
      const third = await buildOrg(t.database.db, `otlp-third-${engine}`);
      expect((await post(third.tokens.contributor, otlpJson('Third svc', spans(512)))).statusCode).toBe(200);
      const fourth = await buildOrg(t.database.db, `otlp-fourth-${engine}`);
      const full = await post(fourth.tokens.contributor, otlpJson('Fourth svc', spans(512)), JSON_TYPE);
      expect(full.statusCode).toBe(503);
      expect(full.headers['retry-after']).toMatch(/^\d+$/);
      expect(queue.queuedItems).toBe(1536);
      await queue.flush();
      expect(queue.queuedItems).toBe(0);
      expect((await post(alpha.tokens.contributor, req)).statusCode).toBe(200);
      await queue.flush();
      // all or nothing: exactly the two accepted requests of alpha are stored
      expect(await requestsOf(alpha, alphaSystem.id)).toBe(start + 1024);
    } finally {
      queue.setLimits(defaultQueueLimits);
    }
  });

  it('keeps memory bounded while senders push far more than the queue holds', async () => {
    const queue = ingest().queue;
    await queue.flush();
    queue.setLimits({ maxItems: 4096, orgShare: 1, flushIntervalMs: 3_600_000, flushItems: 1_000_000 });
    try {
      const payload = JSON.stringify(otlpJson('Alpha Assistant', spans(512)));
      const before = await requestsOf(alpha, alphaSystem.id);
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      let accepted = 0;
      let refused = 0;
      for (let wave = 0; wave < 12; wave++) {
        const results = await Promise.all(Array.from({ length: 16 }, () => post(alpha.tokens.contributor, payload)));
        for (const r of results) {
          if (r.statusCode === 200) accepted++;
          else {
            expect(r.statusCode).toBe(503);
            expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
            refused++;
          }
        }
        expect(queue.queuedItems).toBeLessThanOrEqual(4096);
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        // the senders retry later; meanwhile the writer drains the queue
        await queue.flush();
      }
      // 192 requests of 512 spans were offered (98,304 spans); each wave the queue took 8 and refused the rest
      expect(accepted).toBe(12 * 8);
      expect(refused).toBe(12 * 8);
      expect(await requestsOf(alpha, alphaSystem.id)).toBe(before + accepted * 512);
      expect(peak - baseline).toBeLessThan(256 * 1024 * 1024);
    } finally {
      queue.setLimits(defaultQueueLimits);
    }
  });

  it('prunes spans and rollups past each organisation’s retention', async () => {
    const old = Date.now() - 20 * 24 * 3600 * 1000;
    await post(bravo.tokens.contributor, otlpJson('Retention svc', spans(3, { model: 'm', startMs: old })));
    await ingest().queue.flush();
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/orgs/otlp-bravo/telemetry/settings',
      headers: bearer(bravo.tokens.owner),
      payload: { spanRetentionDays: 10, rollupRetentionDays: 30 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/orgs/otlp-bravo/telemetry/settings',
      headers: bearer(bravo.tokens.owner),
      payload: { spanRetentionDays: 0, rollupRetentionDays: 30 },
    });
    expect(bad.statusCode).toBe(400);
    const first = await pruneTelemetry(t.database.db, new Date());
    // bravo: the three 20-day-old spans go (10 days), their rollup stays (30 days); alpha keeps the defaults
    expect(first.spans).toBe(3);
    expect(first.rollups).toBe(0);
    const alphaSpans = await t.database.db.select().from(telemetrySpans).where(eq(telemetrySpans.orgId, alpha.ctx.org.id));
    expect(alphaSpans.length).toBeGreaterThan(0);
    const later = await pruneTelemetry(t.database.db, new Date(Date.now() + 15 * 24 * 3600 * 1000));
    expect(later.rollups).toBeGreaterThanOrEqual(1);
    const bravoRollups = await t.database.db.select().from(telemetryRollups).where(eq(telemetryRollups.subject, 'service:Retention svc'));
    expect(bravoRollups).toHaveLength(0);
  });
});
