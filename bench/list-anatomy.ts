// Where the time of one list request goes on the SQL path (repo.listSystems: the path on PostgreSQL, and on
// PGlite unless the server answers from an in-memory read model), measured in-process on the benchmark's data
// directory with the server's own code: the bearer-token lookup, the repository call (two SQL statements: the page and count(*)),
// presenting the rows, and the response encoding (zod encode + JSON.stringify, what fastify-type-provider-zod
// does). The SQL is captured from the repository through a logging Drizzle handle on the same PGlite client,
// then timed on its own and explained (EXPLAIN ANALYZE). Experiments (statistics, candidate indexes, query
// shapes) run inside transactions that are rolled back, so the data directory is left as it was.
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { openDatabase, type Db } from '../src/db/connect.js';
import * as schema from '../src/db/schema.js';
import { identifyByBearer } from '../src/modules/auth/service.js';
import { presentSystem } from '../src/modules/systems/present.js';
import * as repo from '../src/modules/systems/repo.js';
import { systemListQuery, systemPage, type SystemListQuery } from '../src/modules/systems/schema.js';
import type { Actor } from '../src/server/context.js';
import type { ListFixture } from './fixture.js';
import type { ListQuery } from './list.js';
import { median, round } from './support.js';

export interface CapturedSql {
  sql: string;
  params: unknown[];
}

export interface QueryAnatomy {
  name: string;
  total: number;
  /** medians in milliseconds */
  parseQueryMs: number;
  repoMs: number;
  rowsSqlMs: number;
  countSqlMs: number;
  presentMs: number;
  zodEncodeAndStringifyMs: number;
  jsonStringifyOnlyMs: number;
  responseBytes: number;
  plans: { rows: PlanSummary; count: PlanSummary };
}

export interface PlanSummary {
  shape: string;
  planningMs: number;
  executionMs: number;
}

export interface Experiment {
  name: string;
  description: string;
  /** mean over the mix of the median time of each statement (ms): comparable with perQuery's rowsSqlMs / countSqlMs */
  mixMeanRowsMs: number;
  mixMeanCountMs: number;
  perQuery: { name: string; rowsMs: number; countMs: number; rowsPlan: string; countPlan: string }[];
}

export interface Anatomy {
  runsPerMeasurement: number;
  authBearerLookupMs: number;
  perQuery: QueryAnatomy[];
  /** mean over the mix of auth + repository + present + encode */
  perRequestMeanMs: number;
  /** 1000 / perRequestMeanMs: what one Node thread (PGlite runs in it) could serve, before HTTP costs */
  predictedMaxRps: number;
  shares: Record<string, number>;
  tableStatistics: { analysed: boolean; reltuples: number; relpages: number };
  experiments: Experiment[];
  sql: { rows: string; count: string };
}

/** A query string as Fastify hands it to the route: repeated keys become arrays. */
export function parseQueryString(qs: string): SystemListQuery {
  const raw: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(qs)) {
    const prev = raw[k];
    raw[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return systemListQuery.parse(raw);
}

export async function timeIt(runs: number, work: () => unknown): Promise<number> {
  const times: number[] = [];
  await work(); // warm
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return median(times);
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Sort Method'?: string;
  'Join Type'?: string;
  Plans?: PlanNode[];
}

function planShape(node: PlanNode): string {
  const label = [node['Node Type'], node['Join Type'], node['Index Name'] ?? node['Relation Name'], node['Sort Method']]
    .filter(Boolean)
    .join(' ');
  const kids = (node.Plans ?? []).map(planShape);
  return kids.length ? `${label}(${kids.join(', ')})` : label;
}

export async function explain(client: PGlite, q: CapturedSql): Promise<PlanSummary> {
  const res = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }] }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`,
    q.params,
  );
  const p = res.rows[0]!['QUERY PLAN'][0];
  return { shape: planShape(p.Plan), planningMs: round(p['Planning Time'], 3), executionMs: round(p['Execution Time'], 3) };
}

/**
 * Candidate indexes for the list's filters and sorts (tried inside a rolled-back transaction). The server sorts
 * `<column> <direction> NULLS LAST, id`: a descending sort can use an index only when the index says
 * `DESC NULLS LAST` too (a plain DESC index is NULLS FIRST).
 */
export const candidateIndexes = [
  'create index bench_sys_live_name on ai_systems (org_id, name, id) where archived_at is null',
  'create index bench_sys_live_updated on ai_systems (org_id, updated_at desc nulls last, id) where archived_at is null',
  'create index bench_sys_live_created on ai_systems (org_id, created_at desc nulls last, id) where archived_at is null',
  'create index bench_sys_live_review on ai_systems (org_id, next_review_date, id) where archived_at is null',
  'create index bench_sys_accountable on ai_systems (org_id, accountable_owner_id)',
  'create index bench_sys_technical on ai_systems (org_id, technical_owner_id)',
  'create index bench_sys_data_categories on ai_systems using gin (data_categories)',
  'create index bench_sys_live on ai_systems (org_id) where archived_at is null',
];

export async function analyseList(fixture: ListFixture, queries: ListQuery[], runs = 9, warmPasses = 5): Promise<Anatomy> {
  if (!fixture.store.dataDir) throw new Error('the anatomy needs an embedded (PGlite) data directory');
  const database = await openDatabase({ dataDir: fixture.store.dataDir });
  try {
    const db = database.db;
    const client = (db as unknown as { $client: PGlite }).$client;
    const captured: CapturedSql[] = [];
    const logged = drizzle({ client, schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } }) as unknown as Db;

    const identity = await identifyByBearer(db, fixture.token);
    if (!identity || identity.kind !== 'token') throw new Error('the benchmark token does not identify');
    const role = identity.role;
    const actor: Actor = { type: 'token', id: identity.tokenId, label: `token:${identity.tokenName}`, userId: null };
    // Capture each query's two statements, then warm everything up (V8 optimises PGlite's row decoding only
    // after some dozens of calls; the server under load is always warm).
    const statements: { name: string; parsed: SystemListQuery; rows: CapturedSql; count: CapturedSql }[] = [];
    for (const q of queries) {
      const parsed = parseQueryString(q.query);
      captured.length = 0;
      await repo.listSystems(logged, fixture.orgId, parsed);
      const rowsSql = captured.find((c) => !/count\(/i.test(c.sql))!;
      const countSql = captured.find((c) => /count\(/i.test(c.sql))!;
      statements.push({ name: q.name, parsed, rows: rowsSql, count: countSql });
    }
    for (let pass = 0; pass < warmPasses; pass++) {
      for (const s of statements) {
        const { rows, total } = await repo.listSystems(db, fixture.orgId, s.parsed);
        JSON.stringify(
          z.encode(systemPage, {
            items: rows.map((r) => presentSystem(r, role, actor)),
            total,
            limit: s.parsed.limit,
            offset: s.parsed.offset,
          }),
        );
      }
    }
    const authBearerLookupMs = await timeIt(runs, () => identifyByBearer(db, fixture.token));

    const perQuery: QueryAnatomy[] = [];
    for (const [i, q] of queries.entries()) {
      const { parsed, rows: rowsSql, count: countSql } = statements[i]!;
      const { rows, total } = await repo.listSystems(db, fixture.orgId, parsed);
      const page = { items: rows.map((r) => presentSystem(r, role, actor)), total, limit: parsed.limit, offset: parsed.offset };
      perQuery.push({
        name: q.name,
        total,
        parseQueryMs: round(await timeIt(runs, () => parseQueryString(q.query)), 3),
        repoMs: round(await timeIt(runs, () => repo.listSystems(db, fixture.orgId, parsed)), 3),
        rowsSqlMs: round(await timeIt(runs, () => client.query(rowsSql.sql, rowsSql.params)), 3),
        countSqlMs: round(await timeIt(runs, () => client.query(countSql.sql, countSql.params)), 3),
        presentMs: round(await timeIt(runs, () => rows.map((r) => presentSystem(r, role, actor))), 3),
        zodEncodeAndStringifyMs: round(await timeIt(runs, () => JSON.stringify(z.encode(systemPage, page))), 3),
        jsonStringifyOnlyMs: round(await timeIt(runs, () => JSON.stringify(page)), 3),
        responseBytes: Buffer.byteLength(JSON.stringify(page)),
        plans: { rows: await explain(client, rowsSql), count: await explain(client, countSql) },
      });
    }

    const mean = (f: (a: QueryAnatomy) => number) => perQuery.reduce((s, a) => s + f(a), 0) / perQuery.length;
    const parts = {
      authBearerLookup: authBearerLookupMs,
      parseQuery: mean((a) => a.parseQueryMs),
      rowsSql: mean((a) => a.rowsSqlMs),
      countSql: mean((a) => a.countSqlMs),
      repoOverheadBeyondSql: Math.max(
        0,
        mean((a) => a.repoMs - a.rowsSqlMs - a.countSqlMs),
      ),
      present: mean((a) => a.presentMs),
      zodEncodeAndStringify: mean((a) => a.zodEncodeAndStringifyMs),
    };
    const perRequestMeanMs = Object.values(parts).reduce((s, v) => s + v, 0);
    const shares = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round((100 * v) / perRequestMeanMs, 1)]));

    const stats = await client.query<{ reltuples: number; relpages: number; analysed: boolean }>(
      `select c.reltuples::float8 as reltuples, c.relpages, (s.last_analyze is not null or s.last_autoanalyze is not null) as analysed
         from pg_class c left join pg_stat_user_tables s on s.relid = c.oid where c.relname = 'ai_systems'`,
    );

    const experiments: Experiment[] = [];
    const experimentRuns = 5;
    const experiment = async (name: string, description: string, setup: string[], rewrite?: (s: CapturedSql) => CapturedSql) => {
      await client.exec('begin');
      try {
        for (const stmt of setup) await client.exec(stmt);
        const per: Experiment['perQuery'] = [];
        for (const s of statements) {
          const rowsQ = rewrite ? rewrite(s.rows) : s.rows;
          per.push({
            name: s.name,
            rowsMs: round(await timeIt(experimentRuns, () => client.query(rowsQ.sql, rowsQ.params)), 3),
            countMs: rewrite ? 0 : round(await timeIt(experimentRuns, () => client.query(s.count.sql, s.count.params)), 3),
            rowsPlan: (await explain(client, rowsQ)).shape,
            countPlan: rewrite ? '' : (await explain(client, s.count)).shape,
          });
        }
        experiments.push({
          name,
          description,
          mixMeanRowsMs: round(per.reduce((a, p) => a + p.rowsMs, 0) / per.length, 3),
          mixMeanCountMs: round(per.reduce((a, p) => a + p.countMs, 0) / per.length, 3),
          perQuery: per,
        });
      } finally {
        await client.exec('rollback');
      }
    };
    experiments.push({
      name: 'as is',
      description: 'the server as it is today (from perQuery)',
      mixMeanRowsMs: round(
        mean((a) => a.rowsSqlMs),
        3,
      ),
      mixMeanCountMs: round(
        mean((a) => a.countSqlMs),
        3,
      ),
      perQuery: perQuery.map((a) => ({
        name: a.name,
        rowsMs: a.rowsSqlMs,
        countMs: a.countSqlMs,
        rowsPlan: a.plans.rows.shape,
        countPlan: a.plans.count.shape,
      })),
    });
    await experiment('analyze', 'after ANALYZE (PGlite runs no autovacuum, so the planner has no statistics unless someone runs it)', [
      'analyze',
    ]);
    await experiment('analyze + indexes', `after ANALYZE with candidate indexes: ${candidateIndexes.length} (see candidateIndexes)`, [
      ...candidateIndexes,
      'analyze',
    ]);
    await experiment(
      'one statement (count(*) over ())',
      'the page and the total in one statement with a window count instead of two statements',
      [],
      (s) => ({ sql: s.sql.replace(/^select /i, 'select count(*) over () as bench_total, '), params: s.params }),
    );

    return {
      runsPerMeasurement: runs,
      authBearerLookupMs: round(authBearerLookupMs, 3),
      perQuery,
      perRequestMeanMs: round(perRequestMeanMs, 3),
      predictedMaxRps: Math.round(1000 / perRequestMeanMs),
      shares,
      tableStatistics: {
        analysed: !!stats.rows[0]?.analysed,
        reltuples: stats.rows[0]?.reltuples ?? NaN,
        relpages: stats.rows[0]?.relpages ?? NaN,
      },
      experiments,
      sql: { rows: statements[0]?.rows.sql ?? '', count: statements[0]?.count.sql ?? '' },
    };
  } finally {
    await database.close();
  }
}
