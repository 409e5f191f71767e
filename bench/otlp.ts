// Issue 5: OTLP ingest end to end. Targets: ≥ 20,000 spans/s sustained on PGlite, ≥ 50,000 on PostgreSQL.
//
// The server runs as its own process (`aims serve`, as in production, request log included). Senders post OTLP/JSON
// requests of 512 GenAI spans each (64 distinct bodies, unique ids, 1 in 20 spans an error, 1 in 10 from a service
// the inventory does not know) over keep-alive HTTP with autocannon. Sustained spans/s = spans accepted (2xx × 512)
// / (time from the first request until the receiver's queue has drained into the database, read back through the
// overview API: its request count must reach the accepted spans). p99 is autocannon's request latency. Requests the
// queue refuses (503/429) are counted and reported, not retried. The ceiling: JSON.parse alone of the same bodies,
// in this process; the receiver's decode-and-map step without HTTP or the database is reported next to it, and so is
// the writer alone (a flush of queued spans into a fresh database in this process, no HTTP), which shows how much of
// the end-to-end figure the database side could carry with the machine to itself.
// PostgreSQL runs on a private throw-away cluster (bench/postgres.ts); without server binaries that part is skipped.
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openDatabase } from '../src/db/connect.js';
import { createOrganization } from '../src/modules/orgs/service.js';
import { TelemetryIngest } from '../src/modules/telemetry/ingest.js';
import { decoderOptionsFromEnv } from '../src/modules/telemetry/trace-decoder.js';
import { extractSpans } from '../src/modules/telemetry/otlp/genai-spans.js';
import { systemActor } from '../src/server/context.js';
import { startPostgres } from './postgres.js';
import { cliOk, log, round, startServer, tempDir, type BenchResult, type Store, type SummaryRow } from './support.js';

export interface OtlpOptions {
  connections?: number;
  durationS?: number;
  bodies?: number;
}

const SPANS_PER_REQUEST = 512;
const TARGETS = { pglite: 20_000, postgres: 50_000 } as const;
const SYSTEM = 'Bench Chat';
/** settled() waits this long to see that the count no longer moves; not part of the drain */
const SETTLE_S = 1;

function body(seed: number, now: number): string {
  const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });
  const resource = (service: string, spans: unknown[]) => ({
    resource: { attributes: [str('service.name', service), str('service.version', '1.4.2'), str('deployment.environment', 'production')] },
    scopeSpans: [{ scope: { name: 'openai-instrumentation', version: '0.9.0' }, spans }],
  });
  const span = (i: number) => {
    const start = BigInt(now - 5_000 + ((seed * 37 + i) % 4_000)) * 1_000_000n;
    const duration = BigInt(80 + ((seed * 131 + i * 17) % 2_400)) * 1_000_000n;
    const error = (seed + i) % 20 === 0;
    return {
      traceId: randomBytes(16).toString('hex'),
      spanId: randomBytes(8).toString('hex'),
      parentSpanId: randomBytes(8).toString('hex'),
      name: 'chat gpt-4o',
      kind: 3,
      startTimeUnixNano: start.toString(),
      endTimeUnixNano: (start + duration).toString(),
      attributes: [
        str('gen_ai.system', 'openai'),
        str('gen_ai.operation.name', 'chat'),
        str('gen_ai.request.model', i % 3 === 0 ? 'gpt-4o-mini' : 'gpt-4o'),
        str('gen_ai.response.model', i % 3 === 0 ? 'gpt-4o-mini-2024-07-18' : 'gpt-4o-2024-08-06'),
        int('gen_ai.usage.input_tokens', 200 + (i % 700)),
        int('gen_ai.usage.output_tokens', 20 + (i % 300)),
        str('server.address', 'api.openai.com'),
        ...(error ? [str('error.type', '429')] : []),
      ],
      status: { code: error ? 2 : 0 },
    };
  };
  const known = Array.from({ length: SPANS_PER_REQUEST - 52 }, (_, i) => span(i));
  const unknown = Array.from({ length: 52 }, (_, i) => span(SPANS_PER_REQUEST + i));
  return JSON.stringify({ resourceSpans: [resource(SYSTEM, known), resource(`shadow-tool-${seed % 4}`, unknown)] });
}

/** JSON.parse alone, and JSON.parse plus the receiver's GenAI extraction, over the same bodies: spans/s. */
function ceiling(bodies: string[]): { jsonParseSpansPerS: number; decodeAndMapSpansPerS: number } {
  const rounds = Math.max(1, Math.ceil(200 / bodies.length));
  const spans = rounds * bodies.length * SPANS_PER_REQUEST;
  for (const b of bodies) JSON.parse(b); // warm-up
  let t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const b of bodies) JSON.parse(b);
  const parse = spans / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const b of bodies) extractSpans(JSON.parse(b) as Record<string, unknown>);
  const map = spans / ((performance.now() - t0) / 1000);
  return { jsonParseSpansPerS: Math.round(parse), decodeAndMapSpansPerS: Math.round(map) };
}

/**
 * The writer alone, in this process: the bodies decoded and queued (not timed), then one timed flush into a fresh
 * database. What the database side can take when it has the machine to itself.
 */
async function writerOnly(location: { dataDir: string } | { databaseUrl: string }, bodies: string[]): Promise<number> {
  const database = await openDatabase('databaseUrl' in location ? { dataDir: '', databaseUrl: location.databaseUrl } : location);
  try {
    const org = await createOrganization(database.db, systemActor('bench'), { name: 'Writer bench', slug: 'otlp-writer' });
    const ingest = new TelemetryIngest(database.db, {
      maxItems: 1e9,
      maxBytes: 1e12,
      orgShare: 1,
      flushIntervalMs: 1e9,
      flushItems: 1e9,
      batchItems: 40_000,
    });
    const rounds = [];
    for (let r = 0; r < 3; r++) {
      for (const b of bodies.slice(0, 80)) await ingest.traces(org.id, JSON.parse(b) as Record<string, unknown>);
      const spans = ingest.queue.queuedItems;
      const t0 = performance.now();
      await ingest.queue.flush();
      rounds.push(spans / ((performance.now() - t0) / 1000));
    }
    return Math.round(rounds.sort((a, b) => a - b)[1]!);
  } finally {
    await database.close();
  }
}

async function api(url: string, token: string, method: string, pathname: string, payload?: unknown): Promise<unknown> {
  const res = await fetch(`${url}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
    body: payload ? JSON.stringify(payload) : null,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${text}`);
  return JSON.parse(text);
}

async function storedSpans(url: string, token: string, slug: string, from: Date): Promise<number> {
  const q = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`;
  const view = (await api(url, token, 'GET', `/api/v1/orgs/${slug}/telemetry/overview?${q}`)) as { subjects: { requests: number }[] };
  return view.subjects.reduce((n, s) => n + s.requests, 0);
}

interface EngineRun {
  engine: 'pglite' | 'postgres';
  requests2xx: number;
  refused: number;
  errors: number;
  spansAccepted: number;
  spansStored: number;
  sendS: number;
  drainS: number;
  spansPerS: number;
  p50Ms: number;
  p99Ms: number;
  target: number;
  /** the writer alone, in the bench process, spans/s */
  writerOnlySpansPerS: number;
}

async function runEngine(
  engine: 'pglite' | 'postgres',
  store: Store,
  bodies: string[],
  o: Required<OtlpOptions>,
  writer: () => Promise<number>,
): Promise<EngineRun> {
  const slug = `otlp-${engine}`;
  await cliOk(store, ['orgs', 'create', '--name', `OTLP bench ${engine}`, '--slug', slug]);
  const tokenRun = await cliOk(store, ['tokens', 'create', '--org', slug, '--role', 'governance_lead', '--name', 'otlp-bench']);
  const token = /aims_\S+/.exec(tokenRun.stdout)?.[0];
  if (!token) throw new Error(`no token in: ${tokenRun.stdout}`);
  const server = await startServer(store);
  try {
    await api(server.url, token, 'POST', `/api/v1/orgs/${slug}/systems`, {
      name: SYSTEM,
      purpose: 'Answers customer questions',
      type: 'vendor_saas_ai',
      hosting: 'vendor',
      decisionRole: 'informs',
      humanOversight: 'human_on_the_loop',
      models: ['gpt-4o'],
    });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const requests = bodies.map((b) => ({ method: 'POST', path: '/v1/traces', headers, body: b }));
    const from = new Date(Date.now() - 3_600_000);
    // warm-up: a few requests, drained, not counted
    const warmUp = await autocannon({ url: server.url, connections: 2, amount: 8, requests });
    await waitForDrain(server.url, token, slug, from, warmUp['2xx'] * SPANS_PER_REQUEST, 0);
    const warm = await settled(server.url, token, slug, from);
    log(`otlp ${engine}: warm-up stored ${warm} spans; ${o.connections} connections for ${o.durationS} s`);
    const t0 = performance.now();
    const r = await autocannon({ url: server.url, connections: o.connections, duration: o.durationS, requests, timeout: 30 });
    const sendS = (performance.now() - t0) / 1000;
    const accepted = r['2xx'] * SPANS_PER_REQUEST;
    // autocannon stops counting at the deadline while some requests are still in flight: the stored count, once
    // it stops moving, is what the server accepted
    await waitForDrain(server.url, token, slug, from, warm + accepted, 120_000);
    const stored = (await settled(server.url, token, slug, from)) - warm;
    const totalS = (performance.now() - t0) / 1000 - SETTLE_S;
    const run: EngineRun = {
      engine,
      requests2xx: r['2xx'],
      refused: r.non2xx,
      errors: r.errors + r.timeouts,
      spansAccepted: accepted,
      spansStored: stored,
      sendS: round(sendS, 2),
      drainS: round(totalS - sendS, 2),
      spansPerS: Math.round(stored / totalS),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      target: TARGETS[engine],
      writerOnlySpansPerS: 0,
    };
    await server.stop();
    run.writerOnlySpansPerS = await writer();
    log(`otlp ${engine}: ${JSON.stringify(run)}`);
    return run;
  } finally {
    await server.stop();
  }
}

/** The stored count once it has not moved for a second (requests still in flight when the warm-up stopped). */
async function settled(url: string, token: string, slug: string, from: Date): Promise<number> {
  let last = -1;
  for (;;) {
    const n = await storedSpans(url, token, slug, from);
    if (n === last) return n;
    last = n;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Polls the overview until it counts `expected` spans (or the time is up); returns the count. */
async function waitForDrain(url: string, token: string, slug: string, from: Date, expected: number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + Math.max(timeoutMs, 30_000);
  for (;;) {
    const n = await storedSpans(url, token, slug, from);
    if (n >= expected || performance.now() > deadline) return n;
    // not faster: each poll is an aggregate query that competes with the writer it is waiting for
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function runOtlp(options: OtlpOptions = {}): Promise<BenchResult> {
  const o: Required<OtlpOptions> = { connections: 16, durationS: 10, bodies: 64, ...options };
  const now = Date.now();
  const bodies = Array.from({ length: o.bodies }, (_, i) => body(i, now));
  const bodyKiB = round(bodies.reduce((n, b) => n + b.length, 0) / bodies.length / 1024, 1);
  log(`otlp: ${o.bodies} bodies of ${SPANS_PER_REQUEST} spans, ${bodyKiB} KiB each`);
  const ceil = ceiling(bodies);
  log(`otlp: ceiling ${JSON.stringify(ceil)}`);

  const runs: EngineRun[] = [];
  const skipped: Record<string, string> = {};
  const dir = tempDir('otlp');
  runs.push(
    await runEngine('pglite', { dataDir: path.join(dir, 'data') }, bodies, o, () =>
      writerOnly({ dataDir: path.join(dir, 'writer') }, bodies),
    ),
  );
  const cluster = await startPostgres();
  if ('skipped' in cluster) {
    skipped.postgres = cluster.skipped;
    log(`otlp: PostgreSQL skipped: ${cluster.skipped}`);
  } else {
    try {
      const writerUrl = cluster.url.replace(/\/postgres$/, '/otlp_writer');
      runs.push(
        await runEngine('postgres', { databaseUrl: cluster.url }, bodies, o, async () => {
          const admin = await openDatabase({ dataDir: '', databaseUrl: cluster.url });
          await admin.db.execute(sql.raw('create database otlp_writer'));
          await admin.close();
          return writerOnly({ databaseUrl: writerUrl }, bodies);
        }),
      );
    } finally {
      await cluster.stop();
    }
  }

  const summary: SummaryRow[] = [
    {
      benchmark: 'otlp',
      metric: 'JSON.parse alone (ceiling), spans/s',
      value: ceil.jsonParseSpansPerS.toLocaleString('en'),
      target: '',
      pass: null,
    },
    {
      benchmark: 'otlp',
      metric: 'JSON.parse + GenAI mapping, spans/s',
      value: ceil.decodeAndMapSpansPerS.toLocaleString('en'),
      target: '',
      pass: null,
    },
  ];
  summary.push({
    benchmark: 'otlp',
    metric: 'server decoding threads (bodies ≥ 64 KiB)',
    value: `pglite ${decoderOptionsFromEnv(process.env, 'pglite').threads}, postgres ${decoderOptionsFromEnv(process.env, 'postgres').threads}`,
    target: '',
    pass: null,
  });
  for (const r of runs) {
    summary.push(
      {
        benchmark: 'otlp',
        metric: `${r.engine}: spans/s sustained, stored (512-span JSON)`,
        value: `${r.spansPerS.toLocaleString('en')} (${round((r.spansPerS / ceil.jsonParseSpansPerS) * 100, 1)}% of JSON.parse)`,
        target: `>= ${r.target.toLocaleString('en')}`,
        pass: r.spansPerS >= r.target && r.spansStored >= r.spansAccepted,
      },
      { benchmark: 'otlp', metric: `${r.engine}: request p99 / p50`, value: `${r.p99Ms} ms / ${r.p50Ms} ms`, target: '', pass: null },
      {
        benchmark: 'otlp',
        metric: `${r.engine}: writer alone (no HTTP), spans/s`,
        value: r.writerOnlySpansPerS.toLocaleString('en'),
        target: '',
        pass: null,
      },
      { benchmark: 'otlp', metric: `${r.engine}: refused 503/429, errors`, value: `${r.refused}, ${r.errors}`, target: '', pass: null },
    );
  }
  for (const [engine, reason] of Object.entries(skipped))
    summary.push({ benchmark: 'otlp', metric: `${engine}: skipped`, value: reason.slice(0, 80), target: '', pass: null });
  return {
    name: 'otlp',
    summary,
    data: {
      options: o,
      spansPerRequest: SPANS_PER_REQUEST,
      bodyKiB,
      decodeThreads: {
        pglite: decoderOptionsFromEnv(process.env, 'pglite').threads,
        postgres: decoderOptionsFromEnv(process.env, 'postgres').threads,
      },
      ceiling: ceil,
      runs,
      skipped,
    },
  };
}
