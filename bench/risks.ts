// Target: "the risk register page's API for an organisation with 5,000 risks answers in < 100 ms p99".
//
// The server runs as its own process on the risk data directory (bench/risk-fixture.ts). Each list query of the
// register page (the default page, filters, sorts, a text search, a deep page), the heatmap and the summary are
// requested one at a time (sequential p50/p90/p99/max), then under load with autocannon; GET /healthz (no
// authentication, no database) is the baseline measured in the same run. The target is judged on the worst
// sequential p99 of the list queries; p99 under load is reported next to it. A report, not an assertion.
import autocannon, { type Options as AutocannonOptions } from 'autocannon';
import { buildRiskFixture, type RiskFixture } from './risk-fixture.js';
import { fetchTimed, timeEndpoints, type Endpoint, type Sequential } from './endpoints.js';
import { summariseLoad, type LoadSummary } from './list.js';
import { log, ms, round, startServer, type BenchResult, type SummaryRow } from './support.js';

export interface RisksOptions {
  fixture?: RiskFixture;
  /** sequential requests per endpoint (after warm-up) */
  sequential?: number;
  connections?: number;
  durationS?: number;
}

interface RiskEndpoint extends Endpoint {
  /** one of the list queries (as opposed to the heatmap, summary and baseline) */
  list: boolean;
}

const TARGET_P99_MS = 100;

function page(expectRows: (total: number) => boolean) {
  return (b: unknown) => {
    const p = b as { items: unknown[]; total: number };
    if (!expectRows(p.total) || p.items.length === 0) throw new Error(`unexpected page: ${p.items.length} items of ${p.total}`);
    return `${p.items.length} of ${p.total}`;
  };
}

function endpoints(f: RiskFixture): RiskEndpoint[] {
  const org = `/api/v1/orgs/${f.slug}`;
  const open = f.counts.risks!;
  const list = (name: string, query: string, expect: (total: number) => boolean): RiskEndpoint => ({
    name: `GET /risks ${name}`,
    path: `${org}/risks${query}`,
    list: true,
    check: page(expect),
  });
  return [
    list('(default page: by inherent score)', '', (n) => n === open),
    list('?status=treated', '?status=treated', (n) => n > 0 && n < open),
    list('?band=critical', '?band=critical', (n) => n > 0 && n < open),
    list('?residualBand=low&sort=residualScore', '?residualBand=low&sort=residualScore', (n) => n > 0),
    list('?system=… (200 risks)', `?system=${f.systemId}`, (n) => n >= 200),
    list('?system=organisation', '?system=organisation', (n) => n > 0),
    list('?owner=…&sort=reviewDate', `?owner=${f.ownerId}&sort=reviewDate`, (n) => n > 0),
    list('?treatment=none&sort=updatedAt', '?treatment=none&sort=updatedAt', (n) => n > 0),
    list('?q=drift', '?q=drift', (n) => n > 0),
    list('?sort=title&offset=4000', '?sort=title&offset=4000', (n) => n === open),
    {
      name: 'GET /risk-heatmap',
      path: `${org}/risk-heatmap`,
      list: false,
      check: (b) => {
        const h = b as { inherent: { total: number }; residual: { total: number; withoutResidual: number }; closed: number };
        if (h.inherent.total + h.closed !== open)
          throw new Error(`heatmap counts ${h.inherent.total} + ${h.closed} closed, expected ${open}`);
        return `${h.inherent.total} open, ${h.residual.total} with residual`;
      },
    },
    {
      name: 'GET /risk-summary',
      path: `${org}/risk-summary`,
      list: false,
      check: (b) => {
        const s = b as { total: number; overdueReviews: number };
        if (s.total !== open) throw new Error(`summary counts ${s.total}, expected ${open}`);
        return `${s.total} risks, ${s.overdueReviews} overdue`;
      },
    },
    { name: 'GET /healthz (baseline)', path: '/healthz', list: false, check: () => 'ok' },
  ];
}

export async function runRisks(options: RisksOptions = {}): Promise<BenchResult> {
  const sequentialRuns = options.sequential ?? 300;
  const connections = options.connections ?? 8;
  const durationS = options.durationS ?? 10;
  const fixture = options.fixture ?? (await buildRiskFixture());
  const headers = { authorization: `Bearer ${fixture.token}` };
  const all = endpoints(fixture);
  const lists = all.filter((e) => e.list);

  log('risks: starting the server on the risk data directory');
  const server = await startServer(fixture.store);
  const sequential: Sequential[] = [];
  const load: (LoadSummary & { name: string })[] = [];
  let firstListMs: number;
  try {
    const first = await fetchTimed(server.url + all[0]!.path, headers);
    firstListMs = round(first.ms, 1);
    sequential.push(...(await timeEndpoints('risks', server.url, headers, all, sequentialRuns, connections)));

    const loads: { name: string; opts: AutocannonOptions }[] = [
      {
        name: 'list mix (every list query in turn)',
        opts: { url: server.url, requests: lists.map((e) => ({ method: 'GET', path: e.path })) },
      },
      { name: 'GET /risks (default page)', opts: { url: server.url + lists[0]!.path } },
      { name: 'GET /risk-heatmap', opts: { url: server.url + all.find((e) => e.name === 'GET /risk-heatmap')!.path } },
      { name: 'GET /healthz (baseline)', opts: { url: `${server.url}/healthz` } },
    ];
    for (const l of loads) {
      log(`risks: ${l.name} under load, ${connections} connections, ${durationS} s`);
      const r = await autocannon({ ...l.opts, connections, duration: durationS, headers });
      load.push({ name: l.name, ...summariseLoad(r) });
    }
  } finally {
    await server.stop();
  }

  const listSeq = sequential.filter((s) => lists.some((e) => e.path === s.path));
  const worst = listSeq.reduce((a, b) => (b.p99Ms > a.p99Ms ? b : a));
  const byName = (n: string) => sequential.find((s) => s.name === n)!;
  const loadOf = (n: string) => load.find((l) => l.name === n)!;
  const pass = worst.p99Ms < TARGET_P99_MS;
  const summary: SummaryRow[] = [
    {
      benchmark: 'risks',
      metric: `GET /risks worst p99 over ${listSeq.length} list queries, sequential (${sequentialRuns} each)`,
      value: `${ms(worst.p99Ms)} (${worst.name.replace('GET /risks ', '')})`,
      target: '< 100 ms',
      pass,
    },
    {
      benchmark: 'risks',
      metric: 'GET /risks default page p50 / p90 / p99 / max, sequential',
      value: [listSeq[0]!.p50Ms, listSeq[0]!.p90Ms, listSeq[0]!.p99Ms, listSeq[0]!.maxMs].map(ms).join(' / '),
      target: '',
      pass: null,
    },
    {
      benchmark: 'risks',
      metric: `list mix under load (${connections} conns): req/s, p99`,
      value: `${loadOf('list mix (every list query in turn)').requestsPerSecond} req/s, ${ms(loadOf('list mix (every list query in turn)').latencyMs.p99)}`,
      target: '',
      pass: null,
    },
    ...['GET /risk-heatmap', 'GET /risk-summary'].map((n): SummaryRow => ({
      benchmark: 'risks',
      metric: `${n}: p50 / p99 sequential`,
      value: `${ms(byName(n).p50Ms)} / ${ms(byName(n).p99Ms)}`,
      target: '',
      pass: null,
    })),
    {
      benchmark: 'risks',
      metric: `GET /healthz baseline: p99 seq; req/s loaded`,
      value: `${ms(byName('GET /healthz (baseline)').p99Ms)}; ${loadOf('GET /healthz (baseline)').requestsPerSecond} req/s`,
      target: '',
      pass: null,
    },
    { benchmark: 'risks', metric: 'first GET /risks after start', value: ms(firstListMs), target: '', pass: null },
  ];
  return {
    name: 'risks',
    summary,
    data: {
      target: {
        p99Ms: TARGET_P99_MS,
        judgedOn: `worst sequential p99 of the ${listSeq.length} GET /risks queries over ${sequentialRuns} requests each`,
      },
      pass,
      underLoad: {
        note: `at ${connections} concurrent connections requests queue in front of the single database connection, so p99 ≈ connections × the cost of one request`,
        listMixP99Ms: loadOf('list mix (every list query in turn)').latencyMs.p99,
        wouldPass: loadOf('list mix (every list query in turn)').latencyMs.p99 < TARGET_P99_MS,
      },
      dataset: { organisation: fixture.slug, counts: fixture.counts, statuses: fixture.statuses, fixtureTimingsMs: fixture.timings },
      firstListAfterStartMs: firstListMs,
      sequential: {
        note: 'one request at a time after warm-up; firstMs is the first request to that endpoint (before warm-up)',
        perEndpoint: sequential,
      },
      load: { connections, durationS, perEndpoint: load },
    },
  };
}
