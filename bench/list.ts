// Target 1: "with 10,000 systems in one organisation, a filtered and sorted list page of 50 at 32 concurrent
// connections for 10 s: p99 < 50 ms and >= 1,000 requests/s".
//
// The server runs as its own process on a PGlite data directory (bench/fixture.ts). autocannon drives 32
// connections, each cycling through a mix of filtered and sorted list pages; GET /healthz (no database, no
// authentication) at the same concurrency is the baseline measured in the same run. Every query is also timed
// on its own, one request at a time. Then, with the server stopped, bench/list-anatomy.ts takes a request apart
// in-process (token lookup, the two SQL queries, presenting, zod encoding) to show where the time goes.
import autocannon, { type Result } from 'autocannon';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyseList, type Anatomy } from './list-anatomy.js';
import { lifecycleStages, systemTypes } from '../src/modules/systems/schema.js';
import { searchTerms } from './dataset.js';
import { buildListFixture, type ListFixture } from './fixture.js';
import { log, median, ms, quantile, round, startServer, type BenchResult, type SummaryRow } from './support.js';

export interface ListQuery {
  name: string;
  /** query string without the leading "?" */
  query: string;
}

/** The mix: what people do on the register page (filters from the side panel, sort headers, later pages). */
export function listQueries(f: Pick<ListFixture, 'ownerId' | 'vendorId'>): ListQuery[] {
  return [
    { name: 'first page, default sort (name)', query: '' },
    { name: 'type filter, sort name', query: 'type=vendor_saas_ai&sort=name' },
    { name: 'stage filter, sort updatedAt desc', query: 'stage=production&sort=updatedAt&order=desc' },
    { name: 'data category filter, page 3', query: 'dataCategory=personal&sort=name&offset=100' },
    { name: 'text search "fraud"', query: 'q=fraud' },
    { name: 'owner filter, sort updatedAt desc', query: `owner=${f.ownerId}&sort=updatedAt&order=desc` },
    { name: 'vendor filter', query: `vendor=${f.vendorId}&sort=name` },
    { name: 'status + 2 types, sort next review', query: 'status=registered&type=agent&type=in_house_model&sort=nextReviewDate' },
    { name: '2 stages, sort createdAt desc, page 2', query: 'stage=production&stage=validation&sort=createdAt&order=desc&offset=50' },
    { name: 'no filter, deep page (offset 5000)', query: 'sort=name&offset=5000' },
    { name: 'search "claims" + category, sort updatedAt', query: 'q=claims&dataCategory=financial&sort=updatedAt&order=desc' },
  ];
}

/**
 * A mix with more distinct filters than any small cache of filter results would hold (search terms, every owner
 * with two sorts, every type × stage): each connection cycles through it in order, so a result cache of up to
 * ~100 entries keyed by filter misses on every request. Offsets vary too.
 */
export function variedQueries(f: Pick<ListFixture, 'memberIds'>): ListQuery[] {
  const out: ListQuery[] = [];
  searchTerms.forEach((t, i) => out.push({ name: `q=${t}`, query: `q=${encodeURIComponent(t)}&offset=${(i % 3) * 50}` }));
  f.memberIds.forEach((id, i) => {
    out.push({ name: `owner ${i} by name`, query: `owner=${id}&sort=name` });
    out.push({ name: `owner ${i} by updatedAt`, query: `owner=${id}&sort=updatedAt&order=desc&offset=${(i % 2) * 50}` });
  });
  for (const type of systemTypes) {
    for (const stage of lifecycleStages) out.push({ name: `${type} × ${stage}`, query: `type=${type}&stage=${stage}&sort=nextReviewDate` });
  }
  return out;
}

export interface ListOptions {
  fixture?: ListFixture;
  connections?: number;
  durationS?: number;
  warmupS?: number;
  singleRuns?: number;
  anatomy?: boolean;
}

export interface LoadSummary {
  requestsPerSecond: number;
  requestsPerSecondMeanOfSamples: number;
  totalRequests: number;
  durationS: number;
  latencyMs: { mean: number; p50: number; p90: number; p97_5: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  throughputMiBps: number;
}

export function summariseLoad(r: Result): LoadSummary {
  return {
    requestsPerSecond: round(r.requests.total / r.duration, 0),
    requestsPerSecondMeanOfSamples: round(r.requests.average, 0),
    totalRequests: r.requests.total,
    durationS: round(r.duration, 2),
    latencyMs: {
      mean: round(r.latency.mean, 2),
      p50: r.latency.p50,
      p90: r.latency.p90,
      p97_5: r.latency.p97_5,
      p99: r.latency.p99,
      max: r.latency.max,
    },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    throughputMiBps: round(r.throughput.average / 1024 / 1024, 2),
  };
}

interface ServerSide {
  name: string;
  requests: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Per-query latency as the server itself measured it (Fastify's responseTime in the request log) during a time
 * window: shows which queries make the tail, and that the waiting happens inside the server.
 */
function serverSideLatencies(logFile: string, from: number, to: number, names: Map<string, string>): ServerSide[] {
  const urlOf = new Map<string, string>();
  const times = new Map<string, number[]>();
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    let e: { time?: number; reqId?: string; msg?: string; req?: { url?: string }; responseTime?: number };
    try {
      e = JSON.parse(line) as typeof e;
    } catch {
      continue;
    }
    if (!e.reqId || !e.time || e.time < from || e.time > to) continue;
    if (e.msg === 'incoming request' && e.req?.url) urlOf.set(e.reqId, e.req.url);
    else if (e.msg === 'request completed' && typeof e.responseTime === 'number') {
      const name = names.get(urlOf.get(e.reqId) ?? '');
      if (!name) continue;
      const list = times.get(name) ?? [];
      list.push(e.responseTime);
      times.set(name, list);
    }
  }
  return [...new Set(names.values())].map((name) => {
    const t = times.get(name) ?? [];
    return {
      name,
      requests: t.length,
      p50Ms: round(quantile(t, 0.5), 1),
      p90Ms: round(quantile(t, 0.9), 1),
      p99Ms: round(quantile(t, 0.99), 1),
      maxMs: round(t.length ? Math.max(...t) : NaN, 1),
    };
  });
}

async function fetchTimed(
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; status: number; bytes: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, bytes: Buffer.byteLength(body), body };
}

export async function runList(options: ListOptions = {}): Promise<{ result: BenchResult; fixture: ListFixture }> {
  const connections = options.connections ?? 32;
  const durationS = options.durationS ?? 10;
  const warmupS = options.warmupS ?? 3;
  const singleRuns = options.singleRuns ?? 20;
  const fixture = options.fixture ?? (await buildListFixture());
  const queries = listQueries(fixture);
  const headers = { authorization: `Bearer ${fixture.token}` };
  const pathOf = (q: ListQuery) => `/api/v1/orgs/${fixture.slug}/systems${q.query ? `?${q.query}` : ''}`;

  log('list: starting the server on the 10k-system data directory');
  const server = await startServer(fixture.store);
  let healthz: LoadSummary;
  let serverSide: ServerSide[];
  let list: LoadSummary;
  let varied: LoadSummary;
  let withWrites: { list: LoadSummary; writes: LoadSummary; writesPerSecondAsked: number; serverSide: ServerSide[] };
  let coldFirstRequestMs: number;
  const variedMix = variedQueries(fixture);
  const singles: {
    name: string;
    path: string;
    total: number;
    items: number;
    bytes: number;
    medianMs: number;
    p90Ms: number;
    minMs: number;
    runsMs: number[];
  }[] = [];
  try {
    // Every query must answer 200 with a page before anything is measured. The very first request after the
    // start is timed on its own: it pays for anything the server loads lazily.
    coldFirstRequestMs = NaN;
    for (const q of [...queries, ...variedMix]) {
      const r = await fetchTimed(server.url + pathOf(q), headers);
      if (Number.isNaN(coldFirstRequestMs)) coldFirstRequestMs = round(r.ms, 1);
      if (r.status !== 200) throw new Error(`${pathOf(q)} answered ${r.status}: ${r.body.slice(0, 300)}`);
    }
    log(`list: warm-up ${warmupS} s`);
    await autocannon({
      url: server.url,
      connections,
      duration: warmupS,
      headers,
      requests: queries.map((q) => ({ method: 'GET', path: pathOf(q) })),
    });

    log(`list: each query alone, ${singleRuns} sequential requests`);
    for (const q of queries) {
      const runs: number[] = [];
      let last = { status: 0, bytes: 0, body: '' };
      for (let i = 0; i < singleRuns + 3; i++) {
        const r = await fetchTimed(server.url + pathOf(q), headers);
        if (i >= 3) runs.push(r.ms);
        last = r;
      }
      const page = JSON.parse(last.body) as { total: number; items: unknown[] };
      singles.push({
        name: q.name,
        path: pathOf(q),
        total: page.total,
        items: page.items.length,
        bytes: last.bytes,
        medianMs: round(median(runs), 2),
        p90Ms: round(quantile(runs, 0.9), 2),
        minMs: round(Math.min(...runs), 2),
        runsMs: runs.map((v) => round(v, 2)),
      });
    }

    log(`list: baseline GET /healthz, ${connections} connections, ${durationS} s`);
    healthz = summariseLoad(await autocannon({ url: `${server.url}/healthz`, connections, duration: durationS }));
    log(`list: the query mix, ${connections} connections, ${durationS} s`);
    const from = Date.now();
    list = summariseLoad(
      await autocannon({
        url: server.url,
        connections,
        duration: durationS,
        headers,
        requests: queries.map((q) => ({ method: 'GET', path: pathOf(q) })),
      }),
    );
    serverSide = serverSideLatencies(server.logFile, from, Date.now(), new Map(queries.map((q) => [pathOf(q), q.name])));

    log(`list: varied mix (${variedMix.length} distinct filters), ${connections} connections, ${durationS} s`);
    varied = summariseLoad(
      await autocannon({
        url: server.url,
        connections,
        duration: durationS,
        headers,
        requests: variedMix.map((q) => ({ method: 'GET', path: pathOf(q) })),
      }),
    );

    // Every write moves the organisation's data on; anything the server derived from the old data must be
    // rebuilt or bypassed. Two edits a second by another user while 32 connections read.
    const writesPerSecondAsked = 2;
    log(`list: the query mix again with ${writesPerSecondAsked} edits/s (PATCH) alongside, ${durationS} s`);
    const writesFrom = Date.now();
    const [mixed, writes] = await Promise.all([
      autocannon({
        url: server.url,
        connections,
        duration: durationS,
        headers,
        requests: queries.map((q) => ({ method: 'GET', path: pathOf(q) })),
      }),
      autocannon({
        url: server.url,
        connections: 1,
        overallRate: writesPerSecondAsked,
        duration: durationS,
        headers: { ...headers, 'content-type': 'application/json' },
        requests: fixture.systemIds.map((id, i) => ({
          method: 'PATCH',
          path: `/api/v1/orgs/${fixture.slug}/systems/${id}`,
          body: JSON.stringify({ intendedUsers: i % 2 ? 'Analysts' : 'Managers' }),
        })),
      }),
    ]);
    const editNames = new Map(fixture.systemIds.map((id) => [`/api/v1/orgs/${fixture.slug}/systems/${id}`, 'PATCH (edit)']));
    withWrites = {
      list: summariseLoad(mixed),
      writes: summariseLoad(writes),
      writesPerSecondAsked,
      serverSide: serverSideLatencies(
        server.logFile,
        writesFrom,
        Date.now(),
        new Map([...queries.map((q) => [pathOf(q), q.name] as const), ...editNames]),
      ),
    };
  } finally {
    await server.stop();
  }

  let anatomy: Anatomy | null = null;
  if (options.anatomy !== false && fixture.store.dataDir) {
    log('list: request anatomy in-process (server stopped; one process per data directory)');
    anatomy = await analyseList(fixture, queries);
  }

  const passP99 = list.latencyMs.p99 < 50;
  const passRps = list.requestsPerSecond >= 1000;
  const clean = list.errors === 0 && list.non2xx === 0 && list.timeouts === 0;
  const summary: SummaryRow[] = [
    {
      benchmark: 'list',
      metric: `list mix p99 (${connections} conns, ${durationS} s)`,
      value: ms(list.latencyMs.p99),
      target: '< 50 ms',
      pass: passP99,
    },
    { benchmark: 'list', metric: 'list mix throughput', value: `${list.requestsPerSecond} req/s`, target: '>= 1,000 req/s', pass: passRps },
    {
      benchmark: 'list',
      metric: 'list mix errors / non-2xx / timeouts',
      value: `${list.errors} / ${list.non2xx} / ${list.timeouts}`,
      target: '0',
      pass: clean,
    },
    {
      benchmark: 'list',
      metric: 'list mix p50 / p90',
      value: `${ms(list.latencyMs.p50)} / ${ms(list.latencyMs.p90)}`,
      target: '',
      pass: null,
    },
    {
      benchmark: 'list',
      metric: 'baseline /healthz throughput, p99',
      value: `${healthz.requestsPerSecond} req/s, ${ms(healthz.latencyMs.p99)}`,
      target: '',
      pass: null,
    },
    {
      benchmark: 'list',
      metric: 'list throughput as share of /healthz',
      value: `${round((100 * list.requestsPerSecond) / healthz.requestsPerSecond, 1)} %`,
      target: '',
      pass: null,
    },
    {
      benchmark: 'list',
      metric: 'single request, median over queries',
      value: `${ms(median(singles.map((s) => s.medianMs)))} (slowest ${ms(Math.max(...singles.map((s) => s.medianMs)))})`,
      target: '',
      pass: null,
    },
  ];
  summary.push(
    {
      benchmark: 'list',
      metric: `varied mix (${variedMix.length} distinct filters): throughput, p99`,
      value: `${varied.requestsPerSecond} req/s, ${ms(varied.latencyMs.p99)}`,
      target: '',
      pass: null,
    },
    {
      benchmark: 'list',
      metric: `mix + ${withWrites.writesPerSecondAsked} edits/s: throughput, p99; edit p50`,
      value: `${withWrites.list.requestsPerSecond} req/s, ${ms(withWrites.list.latencyMs.p99)}; ${ms(withWrites.writes.latencyMs.p50)} (${withWrites.writes.totalRequests} edits, ${withWrites.writes.non2xx + withWrites.writes.errors} failed)`,
      target: '',
      pass: null,
    },
    { benchmark: 'list', metric: 'first list request after start', value: ms(coldFirstRequestMs), target: '', pass: null },
  );
  const slowest = [...serverSide].sort((a, b) => b.p99Ms - a.p99Ms)[0];
  if (slowest) {
    summary.push({
      benchmark: 'list',
      metric: 'slowest query under load (server-side p99)',
      value: `${ms(slowest.p99Ms)}: ${slowest.name}`,
      target: '',
      pass: null,
    });
  }
  if (anatomy) {
    summary.push({
      benchmark: 'list',
      metric: 'SQL path (PostgreSQL) cost per request, in-process',
      value: `${ms(anatomy.perRequestMeanMs)} -> max ~${anatomy.predictedMaxRps} req/s`,
      target: '',
      pass: null,
    });
  }
  return {
    fixture,
    result: {
      name: 'list',
      summary,
      data: {
        target: { p99Ms: 50, requestsPerSecond: 1000, connections, durationS },
        pass: passP99 && passRps && clean,
        dataset: { systems: fixture.systems, organisation: fixture.slug, fixtureTimingsMs: fixture.timings },
        queries: queries.map((q) => ({ name: q.name, path: pathOf(q) })),
        load: {
          list,
          healthz,
          varied: { ...varied, distinctFilters: variedMix.length, queries: variedMix.map((q) => pathOf(q)) },
          withWrites: {
            ...withWrites,
            note: 'the query mix while one more connection sends PATCH edits at the asked rate; errors/non-2xx of the edits are in writes',
          },
        },
        coldFirstRequestMs,
        singleRequests: singles,
        underLoadServerSide: {
          note: "each query's latency during the list mix as the server logged it (Fastify responseTime): time inside the server, including waiting for the single database connection",
          perQuery: serverSide,
        },
        anatomy,
      },
    },
  };
}
