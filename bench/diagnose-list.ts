// Deeper investigation of the list target (opt-in: `npm run bench -- list diagnose`). It works on a copy of the
// list benchmark's data directory, so it may change the database for good:
//   1. measures, for each query of the mix, the median time of the page statement, the count(*) statement and
//      the bearer-token lookup after each cumulative database change: as is → ANALYZE → indexes that match the
//      sorts and filters → VACUUM (visibility map, so count(*) can be an index-only scan);
//   2. tries shapes the server could adopt: rows decoded as one JSON value per row (row_to_json), and text search
//      on one immutable search expression with a pg_trgm GIN index instead of four ILIKEs;
//   3. starts the unchanged server on the tuned copy and runs the same load as the list benchmark, once with the
//      default request logging and once with AIMS_LOG_LEVEL=warn, to see what the database changes alone buy;
//   4. builds the same data set on a private PostgreSQL cluster (when the binaries are installed, as for
//      `npm test`) and runs the same load against the same server with DATABASE_URL, with and without the
//      candidate indexes.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../src/db/connect.js';
import * as schema from '../src/db/schema.js';
import { identifyByBearer } from '../src/modules/auth/service.js';
import * as repo from '../src/modules/systems/repo.js';
import { buildListFixture, type ListFixture } from './fixture.js';
import { candidateIndexes, explain, parseQueryString, timeIt, type CapturedSql } from './list-anatomy.js';
import { listQueries } from './list.js';
import { startPostgres } from './postgres.js';
import { log, ms, round, startServer, tempDir, type BenchResult, type SummaryRow } from './support.js';

interface StageResult {
  stage: string;
  setupMs: number;
  tokenLookupMs: number;
  mixMeanRowsMs: number;
  mixMeanCountMs: number;
  /** token lookup + rows + count; presenting and encoding add ~0.3 ms */
  mixMeanDbMs: number;
  predictedMaxRps: number;
  perQuery: { name: string; rowsMs: number; countMs: number; rowsPlan: string; countPlan: string }[];
}

const SEARCH_FN = `create or replace function bench_search_text(n text, p text, b text, t text[]) returns text
  language sql immutable parallel safe as $$ select lower(coalesce(n, '') || ' ' || coalesce(p, '') || ' ' || coalesce(b, '') || ' ' || array_to_string(t, ' ')) $$`;
const SEARCH_EXPR = `bench_search_text("ai_systems"."name", "ai_systems"."purpose", "ai_systems"."business_unit", "ai_systems"."tags")`;
/** The four-way ILIKE the repository builds for `q`, with its four parameter numbers. */
const SEARCH_OR =
  /\("ai_systems"\."name" ilike \$(\d+) or "ai_systems"\."purpose" ilike \$(\d+) or "ai_systems"\."business_unit" ilike \$(\d+) or array_to_string\("ai_systems"\."tags", ' '\) ilike \$(\d+)\)/;

function rewriteSearch(s: CapturedSql): CapturedSql | null {
  const m = SEARCH_OR.exec(s.sql);
  if (!m) return null;
  const [, a, b, c, d] = m;
  // Same parameters, so the numbering stays valid; the other three are referenced but always true. (A replacer
  // function, because in a replacement string "$2" would mean the second capture group.)
  return {
    sql: s.sql.replace(
      SEARCH_OR,
      () => `(${SEARCH_EXPR} like lower($${a}::text) and $${b}::text is not null and $${c}::text is not null and $${d}::text is not null)`,
    ),
    params: s.params,
  };
}

export async function runListDiagnosis(
  fixture: ListFixture,
  options: { durationS?: number; connections?: number } = {},
): Promise<BenchResult> {
  const durationS = options.durationS ?? 10;
  const connections = options.connections ?? 32;
  const base = tempDir('diagnose');
  const dataDir = path.join(base, 'data');
  if (!fixture.store.dataDir) throw new Error('the diagnosis needs an embedded (PGlite) data directory');
  fs.cpSync(fixture.store.dataDir, dataDir, { recursive: true });
  fs.rmSync(path.join(dataDir, 'aims.lock'), { force: true });
  const queries = listQueries(fixture);

  log('diagnose: opening a copy of the data directory with pg_trgm');
  const client = await PGlite.create(path.join(dataDir, 'pgdata'), { extensions: { pg_trgm } });
  const stages: StageResult[] = [];
  const shapes: Record<string, unknown> = {};
  const maintenance: Record<string, number> = {};
  try {
    const captured: CapturedSql[] = [];
    const logged = drizzle({ client, schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } }) as unknown as Db;
    const plain = drizzle({ client, schema }) as unknown as Db;
    const statements: { name: string; rows: CapturedSql; count: CapturedSql }[] = [];
    for (const q of queries) {
      captured.length = 0;
      await repo.listSystems(logged, fixture.orgId, parseQueryString(q.query));
      statements.push({
        name: q.name,
        rows: captured.find((c) => !/count\(/i.test(c.sql))!,
        count: captured.find((c) => /count\(/i.test(c.sql))!,
      });
    }
    for (let pass = 0; pass < 5; pass++) for (const s of statements) await client.query(s.rows.sql, s.rows.params);

    const measure = async (stage: string, setupMs: number) => {
      const per: StageResult['perQuery'] = [];
      for (const s of statements) {
        per.push({
          name: s.name,
          rowsMs: round(await timeIt(9, () => client.query(s.rows.sql, s.rows.params)), 3),
          countMs: round(await timeIt(9, () => client.query(s.count.sql, s.count.params)), 3),
          rowsPlan: (await explain(client, s.rows)).shape,
          countPlan: (await explain(client, s.count)).shape,
        });
      }
      const tokenLookupMs = round(await timeIt(15, () => identifyByBearer(plain, fixture.token)), 3);
      const rows = per.reduce((a, p) => a + p.rowsMs, 0) / per.length;
      const count = per.reduce((a, p) => a + p.countMs, 0) / per.length;
      const db = tokenLookupMs + rows + count;
      stages.push({
        stage,
        setupMs: round(setupMs, 0),
        tokenLookupMs,
        mixMeanRowsMs: round(rows, 3),
        mixMeanCountMs: round(count, 3),
        mixMeanDbMs: round(db, 3),
        predictedMaxRps: Math.round(1000 / db),
        perQuery: per,
      });
      log(`diagnose: ${stage}: rows ${ms(rows)}, count ${ms(count)}, token ${ms(tokenLookupMs)} per request`);
    };
    const step = async (sqls: string[]) => {
      const t0 = performance.now();
      for (const s of sqls) await client.exec(s);
      return performance.now() - t0;
    };

    await measure('as is', 0);
    maintenance.analyzeMs = round(await step(['analyze']), 0);
    await measure('+ ANALYZE', maintenance.analyzeMs);
    maintenance.createIndexesMs = round(await step([...candidateIndexes, 'analyze']), 0);
    await measure('+ indexes matching the sorts and filters', maintenance.createIndexesMs);
    maintenance.vacuumMs = round(await step(['vacuum ai_systems']), 0);
    await measure('+ VACUUM (index-only count)', maintenance.vacuumMs);

    // Query shapes the server could adopt, measured on the tuned database.
    const decode: { name: string; rowsMs: number; rowToJsonMs: number }[] = [];
    for (const s of statements) {
      const asJson = { sql: `select row_to_json(t) as r from (${s.rows.sql}) t`, params: s.rows.params };
      decode.push({
        name: s.name,
        rowsMs: round(await timeIt(9, () => client.query(s.rows.sql, s.rows.params)), 3),
        rowToJsonMs: round(await timeIt(9, () => client.query(asJson.sql, asJson.params)), 3),
      });
    }
    shapes.rowToJson = {
      description:
        'the same page statement wrapped in select row_to_json(t): PostgreSQL builds the JSON, the JS side parses one value per row',
      perQuery: decode,
      mixMeanRowsMs: round(decode.reduce((a, d) => a + d.rowsMs, 0) / decode.length, 3),
      mixMeanRowToJsonMs: round(decode.reduce((a, d) => a + d.rowToJsonMs, 0) / decode.length, 3),
    };

    const trgmSetupMs = await step([
      'create extension if not exists pg_trgm',
      SEARCH_FN,
      `create index bench_sys_search_trgm on ai_systems using gin (${SEARCH_EXPR} gin_trgm_ops) where archived_at is null`,
      'analyze ai_systems',
    ]);
    const search: {
      name: string;
      rowsMs: number;
      countMs: number;
      trgmRowsMs: number;
      trgmCountMs: number;
      trgmRowsPlan: string;
      totalBefore: number;
      totalAfter: number;
    }[] = [];
    for (const s of statements) {
      const r = rewriteSearch(s.rows);
      const c = rewriteSearch(s.count);
      if (!r || !c) continue;
      const before = await client.query<{ count: number }>(s.count.sql, s.count.params);
      const after = await client.query<{ count: number }>(c.sql, c.params);
      search.push({
        name: s.name,
        rowsMs: round(await timeIt(9, () => client.query(s.rows.sql, s.rows.params)), 3),
        countMs: round(await timeIt(9, () => client.query(s.count.sql, s.count.params)), 3),
        trgmRowsMs: round(await timeIt(9, () => client.query(r.sql, r.params)), 3),
        trgmCountMs: round(await timeIt(9, () => client.query(c.sql, c.params)), 3),
        trgmRowsPlan: (await explain(client, r)).shape,
        // The rewrite searches the concatenation, so a match across two fields' boundary could differ.
        totalBefore: Number(before.rows[0]?.count),
        totalAfter: Number(after.rows[0]?.count),
      });
    }
    shapes.trigramSearch = {
      description: 'q= on one immutable expression (name, purpose, business unit, tags lower-cased and joined) with a pg_trgm GIN index',
      setupMs: round(trgmSetupMs, 0),
      perQuery: search,
    };
    // The server does not load pg_trgm: take it away again before the server opens this copy.
    await step(['drop index bench_sys_search_trgm', 'drop function bench_search_text', 'drop extension pg_trgm']);
  } finally {
    await client.close();
  }

  // The unchanged server on the tuned copy.
  const headers = { authorization: `Bearer ${fixture.token}` };
  const requests = queries.map((q) => ({ method: 'GET', path: `/api/v1/orgs/${fixture.slug}/systems${q.query ? `?${q.query}` : ''}` }));
  const http: Record<string, { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number }> = {};
  for (const [label, env] of [
    ['tuned database, log level info (default)', {}],
    ['tuned database, AIMS_LOG_LEVEL=warn', { AIMS_LOG_LEVEL: 'warn' }],
  ] as const) {
    log(`diagnose: server on the tuned copy, ${label}`);
    const server = await startServer({ dataDir }, { env });
    try {
      await autocannon({ url: server.url, connections, duration: 3, headers, requests });
      const r = await autocannon({ url: server.url, connections, duration: durationS, headers, requests });
      http[label] = {
        requestsPerSecond: Math.round(r.requests.total / r.duration),
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
      };
      const h = await autocannon({ url: `${server.url}/healthz`, connections, duration: 5 });
      http[`${label}: /healthz`] = {
        requestsPerSecond: Math.round(h.requests.total / h.duration),
        p50: h.latency.p50,
        p99: h.latency.p99,
        non2xx: h.non2xx,
        errors: h.errors,
      };
    } finally {
      await server.stop();
    }
  }

  // The same server and load on PostgreSQL (a private cluster, as `npm test` starts one), for comparison.
  const postgres: Record<string, unknown> = {};
  log('diagnose: starting a private PostgreSQL cluster for comparison');
  const cluster = await startPostgres();
  if ('skipped' in cluster) postgres.skipped = cluster.skipped;
  else {
    try {
      const pgFixture = await buildListFixture({ databaseUrl: cluster.url });
      const pgRequests = listQueries(pgFixture).map((q) => ({
        method: 'GET',
        path: `/api/v1/orgs/${pgFixture.slug}/systems${q.query ? `?${q.query}` : ''}`,
      }));
      const pgHeaders = { authorization: `Bearer ${pgFixture.token}` };
      const execute = async (statements: string[]) => {
        const database = await openDatabase({ dataDir: '', databaseUrl: cluster.url });
        try {
          for (const st of statements) await database.db.execute(sql.raw(st));
        } finally {
          await database.close();
        }
      };
      // Autovacuum would have analysed the table shortly after the load; do it now rather than wait for it.
      await execute(['analyze']);
      for (const [label, setup] of [
        ['PostgreSQL, schema as is (after ANALYZE)', []],
        ['PostgreSQL, with the candidate indexes', [...candidateIndexes, 'analyze']],
      ] as const) {
        await execute([...setup]);
        log(`diagnose: ${label}`);
        const server = await startServer({ databaseUrl: cluster.url });
        try {
          await autocannon({ url: server.url, connections, duration: 3, headers: pgHeaders, requests: pgRequests });
          const r = await autocannon({ url: server.url, connections, duration: durationS, headers: pgHeaders, requests: pgRequests });
          postgres[label] = {
            requestsPerSecond: Math.round(r.requests.total / r.duration),
            p50: r.latency.p50,
            p99: r.latency.p99,
            non2xx: r.non2xx,
            errors: r.errors,
          };
        } finally {
          await server.stop();
        }
      }
    } finally {
      await cluster.stop();
    }
  }

  const first = stages[0]!;
  const last = stages[stages.length - 1]!;
  const tuned = http['tuned database, log level info (default)']!;
  const quiet = http['tuned database, AIMS_LOG_LEVEL=warn']!;
  const summary: SummaryRow[] = [
    {
      benchmark: 'diagnose',
      metric: 'DB time per list request, as is -> tuned',
      value: `${ms(first.mixMeanDbMs)} -> ${ms(last.mixMeanDbMs)}`,
      target: '',
      pass: null,
    },
    { benchmark: 'diagnose', metric: 'of which count(*) when tuned', value: ms(last.mixMeanCountMs), target: '', pass: null },
    {
      benchmark: 'diagnose',
      metric: 'server on the tuned PGlite copy: log info vs warn',
      value: `${tuned.requestsPerSecond} vs ${quiet.requestsPerSecond} req/s, p99 ${ms(tuned.p99)} vs ${ms(quiet.p99)}`,
      target: '',
      pass: null,
    },
  ];
  for (const [label, v] of Object.entries(postgres)) {
    const r = v as { requestsPerSecond?: number; p99?: number };
    summary.push({
      benchmark: 'diagnose',
      metric: label,
      value: typeof v === 'string' ? v : `${r.requestsPerSecond} req/s, p99 ${ms(r.p99 ?? NaN)}`,
      target: '',
      pass: null,
    });
  }
  return {
    name: 'list-diagnosis',
    summary,
    data: { connections, durationS, candidateIndexes, maintenance, stages, shapes, http, postgres },
  };
}
