import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { defaultTelemetrySettings } from './schema.js';

const rowCount = (result: unknown): number => {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
};

/**
 * Deletes raw spans older than each organisation's span retention and rollups (spans and metrics) older than its
 * rollup retention, counted back from `now`. Deliberately across organisations: the job runner calls it for all.
 */
export async function pruneTelemetry(db: Db, now: Date): Promise<{ spans: number; rollups: number }> {
  const retention = (column: 'span_retention_days' | 'rollup_retention_days', fallback: number) =>
    sql`(select o.id as org_id, ${now.toISOString()}::timestamptz - make_interval(days => coalesce(s.${sql.raw(column)}, ${fallback}::int)) as cutoff
        from organizations o left join telemetry_settings s on s.org_id = o.id)`;
  const spans = await db.execute(
    sql`delete from telemetry_spans t using ${retention('span_retention_days', defaultTelemetrySettings.spanRetentionDays)} r
        where t.org_id = r.org_id and t.start_time < r.cutoff`,
  );
  const rollups = await db.execute(
    sql`delete from telemetry_rollups t using ${retention('rollup_retention_days', defaultTelemetrySettings.rollupRetentionDays)} r
        where t.org_id = r.org_id and t.minute < r.cutoff`,
  );
  const metrics = await db.execute(
    sql`delete from telemetry_metric_rollups t using ${retention('rollup_retention_days', defaultTelemetrySettings.rollupRetentionDays)} r
        where t.org_id = r.org_id and t.minute < r.cutoff`,
  );
  return { spans: rowCount(spans), rollups: rowCount(rollups) + rowCount(metrics) };
}
