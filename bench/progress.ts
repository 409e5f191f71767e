// Target: "with every pack loaded, 2,000 applied controls and 5,000 evidence items, progress for all frameworks of
// one organisation is computed in < 200 ms p99 through the API".
//
// The server runs as its own process on the compliance data directory (bench/compliance-fixture.ts). Each endpoint
// of the compliance core's read side is requested one at a time (sequential p50/p90/p99/max), then under load with
// autocannon; GET /healthz (no authentication, no database) is the baseline measured in the same run. The target
// is judged on the sequential p99 of GET /progress (the time one request takes to compute); the p99 under load is
// reported next to it. A report, not an assertion.
import autocannon from 'autocannon';
import { buildComplianceFixture, type ComplianceFixture } from './compliance-fixture.js';
import { fetchTimed, timeEndpoints, type Endpoint, type Sequential } from './endpoints.js';
import { summariseLoad, type LoadSummary } from './list.js';
import { log, ms, round, startServer, type BenchResult, type SummaryRow } from './support.js';

export interface ProgressOptions {
  fixture?: ComplianceFixture;
  /** sequential requests per endpoint (after warm-up) */
  sequential?: number;
  connections?: number;
  durationS?: number;
}

const TARGET_P99_MS = 200;

function endpoints(f: ComplianceFixture): Endpoint[] {
  const org = `/api/v1/orgs/${f.slug}`;
  return [
    {
      name: 'GET /progress (all frameworks)',
      path: `${org}/progress`,
      check: (b) => {
        const n = (b as { frameworks: unknown[] }).frameworks.length;
        if (n !== f.counts.frameworkPacks) throw new Error(`progress lists ${n} frameworks, expected ${f.counts.frameworkPacks}`);
        return `${n} frameworks`;
      },
    },
    {
      name: 'GET /assessments',
      path: `${org}/assessments`,
      check: (b) => {
        const n = (b as { items: unknown[] }).items.length;
        if (n !== f.counts.assessments) throw new Error(`${n} assessments listed, expected ${f.counts.assessments}`);
        return `${n} assessments`;
      },
    },
    {
      name: 'GET /assessments/:id (ISO/IEC 42001)',
      path: `${org}/assessments/${f.isoAssessmentId}`,
      check: (b) => {
        const d = b as { items: { controls: unknown[] }[] };
        const links = d.items.reduce((s, i) => s + i.controls.length, 0);
        if (d.items.length === 0 || links === 0) throw new Error('the ISO/IEC 42001 assessment has no items or no linked controls');
        return `${d.items.length} items, ${links} control links`;
      },
    },
    {
      name: 'GET /gaps',
      path: `${org}/gaps`,
      check: (b) => {
        const n = (b as { items: unknown[] }).items.length;
        if (n === 0) throw new Error('the gap register is empty');
        return `${n} gaps`;
      },
    },
    { name: 'GET /healthz (baseline)', path: '/healthz', check: () => 'ok' },
  ];
}

export async function runProgress(options: ProgressOptions = {}): Promise<BenchResult> {
  const sequentialRuns = options.sequential ?? 300;
  const connections = options.connections ?? 8;
  const durationS = options.durationS ?? 10;
  const fixture = options.fixture ?? (await buildComplianceFixture());
  const headers = { authorization: `Bearer ${fixture.token}` };
  const list = endpoints(fixture);

  log('progress: starting the server on the compliance data directory');
  const server = await startServer(fixture.store);
  const sequential: Sequential[] = [];
  const load: (LoadSummary & { name: string; path: string })[] = [];
  let firstProgressMs: number;
  try {
    // The first /progress after the start is timed alone: it pays for whatever the server loads lazily (and runs
    // while the server may still be gathering planner statistics).
    const first = await fetchTimed(server.url + list[0]!.path, headers);
    firstProgressMs = round(first.ms, 1);
    sequential.push(...(await timeEndpoints('progress', server.url, headers, list, sequentialRuns, connections)));

    for (const e of list) {
      log(`progress: ${e.name} under load, ${connections} connections, ${durationS} s`);
      const r = await autocannon({ url: server.url + e.path, connections, duration: durationS, headers });
      load.push({ name: e.name, path: e.path, ...summariseLoad(r) });
    }
  } finally {
    await server.stop();
  }

  const progressSeq = sequential[0]!;
  const progressLoad = load[0]!;
  const pass = progressSeq.p99Ms < TARGET_P99_MS;
  const summary: SummaryRow[] = [
    {
      benchmark: 'progress',
      metric: `GET /progress p99, sequential (${sequentialRuns} requests)`,
      value: ms(progressSeq.p99Ms),
      target: '< 200 ms',
      pass,
    },
    {
      benchmark: 'progress',
      metric: 'GET /progress p50 / p90 / max, sequential',
      value: `${ms(progressSeq.p50Ms)} / ${ms(progressSeq.p90Ms)} / ${ms(progressSeq.maxMs)}`,
      target: '',
      pass: null,
    },
    {
      benchmark: 'progress',
      metric: `GET /progress under load (${connections} conns): req/s, p99`,
      value: `${progressLoad.requestsPerSecond} req/s, ${ms(progressLoad.latencyMs.p99)}`,
      target: '',
      pass: null,
    },
    ...sequential.slice(1).map((s, i): SummaryRow => ({
      benchmark: 'progress',
      metric: `${s.name}: p50 / p99 seq; req/s, p99 loaded`,
      value: `${ms(s.p50Ms)} / ${ms(s.p99Ms)}; ${load[i + 1]!.requestsPerSecond} req/s, ${ms(load[i + 1]!.latencyMs.p99)}`,
      target: '',
      pass: null,
    })),
    { benchmark: 'progress', metric: 'first GET /progress after start', value: ms(firstProgressMs), target: '', pass: null },
  ];
  return {
    name: 'progress',
    summary,
    data: {
      target: { p99Ms: TARGET_P99_MS, judgedOn: `sequential p99 of GET /progress over ${sequentialRuns} requests after warm-up` },
      pass,
      underLoad: {
        note: `the same endpoint at ${connections} concurrent connections: a queue in front of the single database connection, so p99 ≈ connections × the cost of one request`,
        p99Ms: progressLoad.latencyMs.p99,
        wouldPass: progressLoad.latencyMs.p99 < TARGET_P99_MS,
      },
      dataset: {
        organisation: fixture.slug,
        counts: fixture.counts,
        itemStatuses: fixture.itemStatuses,
        fixtureTimingsMs: fixture.timings,
      },
      firstProgressAfterStartMs: firstProgressMs,
      sequential: {
        note: 'one request at a time after warm-up; firstMs is the first request to that endpoint (before warm-up)',
        perEndpoint: sequential,
      },
      load: { connections, durationS, perEndpoint: load },
    },
  };
}
