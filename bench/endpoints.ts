// Timing API endpoints of a running server one request at a time: the first call of each, a short warm-up under
// load, then many sequential calls with their percentiles. Shared by the progress and risks benchmarks.
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { log, median, quantile, round } from './support.js';

export interface Endpoint {
  name: string;
  path: string;
  /** checks the body is what the endpoint should answer on this data set; returns a short description */
  check: (body: unknown) => string;
}

export interface Sequential {
  name: string;
  path: string;
  requests: number;
  bytes: number;
  answer: string;
  firstMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export async function fetchTimed(url: string, headers: Record<string, string>) {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

/**
 * Calls each endpoint once (failing on anything but 200), warms up with 3 s of load on all of them, then times
 * `runs` sequential requests of each.
 */
export async function timeEndpoints(
  label: string,
  baseUrl: string,
  headers: Record<string, string>,
  endpoints: Endpoint[],
  runs: number,
  connections: number,
): Promise<Sequential[]> {
  const firsts = new Map<string, number>();
  for (const e of endpoints) {
    const r = await fetchTimed(baseUrl + e.path, headers);
    if (r.status !== 200) throw new Error(`${e.path} answered ${r.status}: ${r.body.slice(0, 300)}`);
    firsts.set(e.path, r.ms);
  }
  log(`${label}: warm-up, 3 s of load on every endpoint`);
  await autocannon({ url: baseUrl, connections, duration: 3, headers, requests: endpoints.map((e) => ({ method: 'GET', path: e.path })) });

  const out: Sequential[] = [];
  for (const e of endpoints) {
    log(`${label}: ${e.name}, ${runs} sequential requests`);
    const times: number[] = [];
    let last = { status: 0, body: '' };
    for (let i = 0; i < runs; i++) {
      const r = await fetchTimed(baseUrl + e.path, headers);
      if (r.status !== 200) throw new Error(`${e.path} answered ${r.status}`);
      times.push(r.ms);
      last = r;
    }
    out.push({
      name: e.name,
      path: e.path,
      requests: times.length,
      bytes: Buffer.byteLength(last.body),
      answer: e.check(e.path === '/healthz' ? null : JSON.parse(last.body)),
      firstMs: round(firsts.get(e.path) ?? NaN, 1),
      p50Ms: round(median(times), 2),
      p90Ms: round(quantile(times, 0.9), 2),
      p99Ms: round(quantile(times, 0.99), 2),
      maxMs: round(Math.max(...times), 2),
      meanMs: round(times.reduce((s, v) => s + v, 0) / times.length, 2),
    });
  }
  return out;
}
