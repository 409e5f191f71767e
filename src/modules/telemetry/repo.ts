import { and, asc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import {
  aiSystems,
  telemetryBindings,
  telemetryMetricRollups,
  telemetryRollups,
  telemetrySettings,
  telemetrySpans,
  telemetryUnregistered,
} from '../../db/schema.js';
import type { QueuedBlock } from './rollup.js';
import { literalElement, SPAN_COLUMNS } from './span-block.js';

export type RollupInsert = typeof telemetryRollups.$inferInsert;
export type RollupRow = typeof telemetryRollups.$inferSelect;
export type MetricRollupInsert = typeof telemetryMetricRollups.$inferInsert;
export type UnregisteredInsert = typeof telemetryUnregistered.$inferInsert;
export type UnregisteredRow = typeof telemetryUnregistered.$inferSelect;
export type BindingRow = typeof telemetryBindings.$inferSelect;

/** Spans per INSERT statement (one array literal per column). */
const SPAN_CHUNK = 20000;
/** Rows per multi-row upsert: few parameters a row keep a statement under PostgreSQL's 65,535 parameters. */
const ROLLUP_CHUNK = 2000;

/** Adds two JSON objects of counts key by key (latency buckets, models), in SQL so concurrent writers merge too. */
const mergeCounts = (table: string, column: string) =>
  sql.raw(
    `(select coalesce(jsonb_object_agg(k, n), '{}'::jsonb) from (select key as k, sum(value::numeric) as n from ` +
      `(select * from jsonb_each_text("${table}"."${column}") union all select * from jsonb_each_text(excluded."${column}")) u ` +
      `group by key) g)`,
  );

export async function liveSystems(db: Db, orgId: string): Promise<{ id: string; name: string; models: string[] }[]> {
  return db
    .select({ id: aiSystems.id, name: aiSystems.name, models: aiSystems.models })
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), isNull(aiSystems.archivedAt)));
}

export async function listBindings(db: Db, orgId: string) {
  return db
    .select({ binding: telemetryBindings, systemName: aiSystems.name })
    .from(telemetryBindings)
    .leftJoin(aiSystems, and(eq(aiSystems.orgId, telemetryBindings.orgId), eq(aiSystems.id, telemetryBindings.systemId)))
    .where(eq(telemetryBindings.orgId, orgId))
    .orderBy(asc(telemetryBindings.serviceName));
}

export async function findBinding(db: Db, orgId: string, serviceName: string): Promise<BindingRow | undefined> {
  const [row] = await db
    .select()
    .from(telemetryBindings)
    .where(and(eq(telemetryBindings.orgId, orgId), eq(telemetryBindings.serviceName, serviceName)))
    .for('update');
  return row;
}

export async function upsertBinding(db: Db, orgId: string, serviceName: string, systemId: string): Promise<BindingRow> {
  const [row] = await db
    .insert(telemetryBindings)
    .values({ orgId, serviceName, systemId })
    .onConflictDoUpdate({ target: [telemetryBindings.orgId, telemetryBindings.serviceName], set: { systemId } })
    .returning();
  if (!row) throw new Error('binding upsert returned nothing');
  return row;
}

export async function deleteBinding(db: Db, orgId: string, serviceName: string): Promise<BindingRow | undefined> {
  const [row] = await db
    .delete(telemetryBindings)
    .where(and(eq(telemetryBindings.orgId, orgId), eq(telemetryBindings.serviceName, serviceName)))
    .returning();
  return row;
}

export async function findLiveSystem(db: Db, orgId: string, id: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: aiSystems.id, name: aiSystems.name })
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), eq(aiSystems.id, id), isNull(aiSystems.archivedAt)));
  return row;
}

/** Whether the organisation has this system, archived or not (its telemetry stays readable after archiving). */
export async function hasSystem(db: Db, orgId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: aiSystems.id })
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), eq(aiSystems.id, id)));
  return row !== undefined;
}

export async function systemNames(db: Db, orgId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: aiSystems.id, name: aiSystems.name }).from(aiSystems).where(eq(aiSystems.orgId, orgId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/* ---------- the writer ---------- */

/**
 * Spans go in as one array literal per column through unnest(): a dozen parameters however many rows, which both
 * engines parse several times faster than a multi-row VALUES list (measured in bench/otlp.ts). The blocks arrive
 * with their columns already rendered (span-block.ts), so a statement is string concatenation; the organisation is
 * one parameter, and the system and service, constant within a block, are repeated here.
 */
export async function insertSpans(db: Db, orgId: string, blocks: QueuedBlock[]): Promise<void> {
  let start = 0;
  while (start < blocks.length) {
    let end = start;
    let rows = 0;
    while (end < blocks.length && (rows === 0 || rows + blocks[end]!.block.count <= SPAN_CHUNK)) rows += blocks[end++]!.block.count;
    const chunk = blocks.slice(start, end);
    start = end;
    const repeated = (value: (q: QueuedBlock) => string | null) =>
      `{${chunk.map((q) => `${literalElement(value(q))},`.repeat(q.block.count).slice(0, -1)).join(',')}}`;
    const arrays = SPAN_COLUMNS.map(([key, , type]) => sql`${`{${chunk.map((q) => q.block.columns[key]).join(',')}}`}::${sql.raw(type)}[]`);
    await db.execute(sql`insert into ${telemetrySpans} (org_id, system_id, service_name,
        ${sql.raw(SPAN_COLUMNS.map(([, column]) => column).join(', '))})
      select ${orgId}::uuid, * from unnest(${repeated((q) => q.systemId)}::uuid[], ${repeated((q) => q.block.serviceName)}::text[],
        ${sql.join(arrays, sql`, `)})`);
  }
}

export async function upsertRollups(db: Db, rows: RollupInsert[]): Promise<void> {
  const t = 'telemetry_rollups';
  for (let i = 0; i < rows.length; i += ROLLUP_CHUNK) {
    await db
      .insert(telemetryRollups)
      .values(rows.slice(i, i + ROLLUP_CHUNK))
      .onConflictDoUpdate({
        target: [telemetryRollups.orgId, telemetryRollups.subject, telemetryRollups.minute],
        set: {
          requests: sql.raw(`"${t}"."requests" + excluded."requests"`),
          errors: sql.raw(`"${t}"."errors" + excluded."errors"`),
          latencySumMs: sql.raw(`"${t}"."latency_sum_ms" + excluded."latency_sum_ms"`),
          inputTokens: sql.raw(`"${t}"."input_tokens" + excluded."input_tokens"`),
          outputTokens: sql.raw(`"${t}"."output_tokens" + excluded."output_tokens"`),
          latencyBuckets: mergeCounts(t, 'latency_buckets'),
          models: mergeCounts(t, 'models'),
        },
      });
  }
}

export async function upsertMetricRollups(db: Db, rows: MetricRollupInsert[]): Promise<void> {
  const t = 'telemetry_metric_rollups';
  for (let i = 0; i < rows.length; i += ROLLUP_CHUNK) {
    await db
      .insert(telemetryMetricRollups)
      .values(rows.slice(i, i + ROLLUP_CHUNK))
      .onConflictDoUpdate({
        target: [
          telemetryMetricRollups.orgId,
          telemetryMetricRollups.subject,
          telemetryMetricRollups.metric,
          telemetryMetricRollups.series,
          telemetryMetricRollups.minute,
        ],
        set: { count: sql.raw(`"${t}"."count" + excluded."count"`), sum: sql.raw(`"${t}"."sum" + excluded."sum"`) },
      });
  }
}

/**
 * New sightings open a row; later ones move last_seen and add spans. An ignored row stays ignored; a registered one
 * is seen again only when its service no longer maps to a system (say, its binding was removed), so it opens again.
 */
export async function upsertUnregistered(db: Db, rows: UnregisteredInsert[]): Promise<void> {
  const t = 'telemetry_unregistered';
  for (let i = 0; i < rows.length; i += ROLLUP_CHUNK) {
    await db
      .insert(telemetryUnregistered)
      .values(rows.slice(i, i + ROLLUP_CHUNK))
      .onConflictDoUpdate({
        target: [telemetryUnregistered.orgId, telemetryUnregistered.serviceName, telemetryUnregistered.model],
        set: {
          spans: sql.raw(`"${t}"."spans" + excluded."spans"`),
          firstSeen: sql.raw(`least("${t}"."first_seen", excluded."first_seen")`),
          lastSeen: sql.raw(`greatest("${t}"."last_seen", excluded."last_seen")`),
          genAiSystem: sql.raw(`coalesce(excluded."gen_ai_system", "${t}"."gen_ai_system")`),
          reason: sql.raw(`excluded."reason"`),
          systemId: sql.raw(`excluded."system_id"`),
          status: sql.raw(`case when "${t}"."status" = 'registered' then 'open' else "${t}"."status" end`),
          resolvedSystemId: sql.raw(`case when "${t}"."status" = 'registered' then null else "${t}"."resolved_system_id" end`),
        },
      });
  }
}

/* ---------- reads ---------- */

export async function rollupsBetween(db: Db, orgId: string, from: Date, to: Date, subject?: string): Promise<RollupRow[]> {
  return db
    .select()
    .from(telemetryRollups)
    .where(
      and(
        eq(telemetryRollups.orgId, orgId),
        gte(telemetryRollups.minute, from),
        lt(telemetryRollups.minute, to),
        subject === undefined ? undefined : eq(telemetryRollups.subject, subject),
      ),
    )
    .orderBy(asc(telemetryRollups.minute));
}

/** Metric rollups of one subject within [from, to), totalled per metric and series. */
export async function metricTotalsBetween(db: Db, orgId: string, subject: string, from: Date, to: Date) {
  const m = telemetryMetricRollups;
  return db
    .select({
      metric: m.metric,
      series: m.series,
      count: sql<number>`sum(${m.count})::float8`.mapWith(Number),
      sum: sql<number>`sum(${m.sum})`.mapWith(Number),
      lastMinute: sql<Date>`max(${m.minute})`.mapWith((v: string | Date) => new Date(v)),
    })
    .from(m)
    .where(and(eq(m.orgId, orgId), eq(m.subject, subject), gte(m.minute, from), lt(m.minute, to)))
    .groupBy(m.metric, m.series)
    .orderBy(asc(m.metric), asc(m.series));
}

export async function listUnregistered(db: Db, orgId: string, status: string | undefined): Promise<UnregisteredRow[]> {
  return db
    .select()
    .from(telemetryUnregistered)
    .where(and(eq(telemetryUnregistered.orgId, orgId), status ? eq(telemetryUnregistered.status, status) : undefined))
    .orderBy(sql`${telemetryUnregistered.lastSeen} desc`, asc(telemetryUnregistered.serviceName), asc(telemetryUnregistered.model));
}

export async function lockUnregistered(db: Db, orgId: string, serviceName: string, model?: string): Promise<UnregisteredRow[]> {
  return db
    .select()
    .from(telemetryUnregistered)
    .where(
      and(
        eq(telemetryUnregistered.orgId, orgId),
        eq(telemetryUnregistered.serviceName, serviceName),
        model === undefined ? undefined : eq(telemetryUnregistered.model, model),
      ),
    )
    .for('update');
}

export async function setUnregisteredStatus(
  db: Db,
  orgId: string,
  serviceName: string,
  model: string,
  changes: { status: string; resolvedSystemId: string | null; note: string | null },
): Promise<void> {
  await db
    .update(telemetryUnregistered)
    .set(changes)
    .where(
      and(
        eq(telemetryUnregistered.orgId, orgId),
        eq(telemetryUnregistered.serviceName, serviceName),
        eq(telemetryUnregistered.model, model),
      ),
    );
}

export async function findSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(telemetrySettings).where(eq(telemetrySettings.orgId, orgId));
  return row;
}

export async function lockSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(telemetrySettings).where(eq(telemetrySettings.orgId, orgId)).for('update');
  return row;
}

export async function upsertSettings(db: Db, orgId: string, values: { spanRetentionDays: number; rollupRetentionDays: number }) {
  const [row] = await db
    .insert(telemetrySettings)
    .values({ orgId, ...values })
    .onConflictDoUpdate({ target: telemetrySettings.orgId, set: { ...values, updatedAt: new Date() } })
    .returning();
  if (!row) throw new Error('settings upsert returned nothing');
  return row;
}
