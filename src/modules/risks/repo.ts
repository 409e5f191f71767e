import { and, asc, count, eq, gt, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { aiSystems, appliedControls, riskControls, risks, riskSettings, users } from '../../db/schema.js';
import { escapeLike } from '../audit-log/repo.js';
import type { BandKey, RiskListQuery, RiskSortKey } from './schema.js';

export type RiskRow = typeof risks.$inferSelect;
export type RiskInsert = typeof risks.$inferInsert;
export type RiskSettingsRow = typeof riskSettings.$inferSelect;

/* ---------- settings ---------- */

export async function findSettings(db: Db, orgId: string, lock = false): Promise<RiskSettingsRow | undefined> {
  const q = db.select().from(riskSettings).where(eq(riskSettings.orgId, orgId));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Inserts the first settings row; undefined when another writer inserted it first. */
export async function insertSettings(db: Db, row: typeof riskSettings.$inferInsert): Promise<RiskSettingsRow | undefined> {
  const [out] = await db.insert(riskSettings).values(row).onConflictDoNothing().returning();
  return out;
}

export async function updateSettings(
  db: Db,
  orgId: string,
  set: Pick<RiskSettingsRow, 'matrix' | 'criteria' | 'reviewCadence'>,
): Promise<RiskSettingsRow | undefined> {
  const [row] = await db
    .update(riskSettings)
    .set({ ...set, updatedAt: new Date(), version: sql`${riskSettings.version} + 1` })
    .where(eq(riskSettings.orgId, orgId))
    .returning();
  return row;
}

/** Risks (archived ones too: they can be restored) with a value beyond a likelihood × impact matrix. */
export async function countOutsideMatrix(db: Db, orgId: string, likelihoodLevels: number, impactLevels: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(risks)
    .where(
      and(
        eq(risks.orgId, orgId),
        or(
          gt(risks.likelihood, likelihoodLevels),
          gt(risks.residualLikelihood, likelihoodLevels),
          gt(risks.impact, impactLevels),
          gt(risks.residualImpact, impactLevels),
        ),
      ),
    );
  return Number(row?.n ?? 0);
}

/* ---------- risks ---------- */

const inherentScore = sql<number>`(${risks.likelihood} * ${risks.impact})`;
const residualScore = sql<number | null>`(${risks.residualLikelihood} * ${risks.residualImpact})`;

/** `system`: an id, or "organisation" for organisation-wide risks. */
export function scopeWhere(orgId: string, system: string | undefined): SQL {
  const where: SQL[] = [eq(risks.orgId, orgId)];
  if (system === 'organisation') where.push(isNull(risks.systemId));
  else if (system) where.push(eq(risks.systemId, system));
  return and(...where)!;
}

function listWhere(orgId: string, q: RiskListQuery, ranges: Record<BandKey, { min: number; max: number }>): SQL | undefined {
  const where: (SQL | undefined)[] = [scopeWhere(orgId, q.system)];
  if (q.archived === 'exclude') where.push(isNull(risks.archivedAt));
  if (q.archived === 'only') where.push(isNotNull(risks.archivedAt));
  if (q.status) where.push(eq(risks.status, q.status));
  if (q.owner) where.push(eq(risks.ownerId, q.owner));
  if (q.treatment === 'none') where.push(isNull(risks.treatment));
  else if (q.treatment) where.push(eq(risks.treatment, q.treatment));
  if (q.band) where.push(sql`${inherentScore} between ${ranges[q.band].min} and ${ranges[q.band].max}`);
  if (q.residualBand) where.push(sql`${residualScore} between ${ranges[q.residualBand].min} and ${ranges[q.residualBand].max}`);
  if (q.likelihood) where.push(eq(risks.likelihood, q.likelihood));
  if (q.impact) where.push(eq(risks.impact, q.impact));
  if (q.residualLikelihood) where.push(eq(risks.residualLikelihood, q.residualLikelihood));
  if (q.residualImpact) where.push(eq(risks.residualImpact, q.residualImpact));
  if (q.q) {
    const p = `%${escapeLike(q.q)}%`;
    where.push(or(ilike(risks.title, p), ilike(risks.description, p)));
  }
  return and(...where);
}

const descendingByDefault: Record<RiskSortKey, boolean> = {
  inherentScore: true,
  residualScore: true,
  updatedAt: true,
  reviewDate: false,
  title: false,
};

function orderBy(q: RiskListQuery): SQL[] {
  const descending = (q.order ?? (descendingByDefault[q.sort] ? 'desc' : 'asc')) === 'desc';
  const dir = descending ? sql`desc` : sql`asc`;
  const key = {
    inherentScore: inherentScore,
    residualScore: residualScore,
    updatedAt: sql`${risks.updatedAt}`,
    reviewDate: sql`${risks.reviewDate}`,
    title: sql`${risks.title}`,
  }[q.sort];
  // Risks without a residual score or review date go last in either direction; ties by id keep pages stable.
  return [sql`${key} ${dir} nulls last`, asc(risks.id)];
}

/** The columns of a list row (everything but the long texts). */
const listColumns = {
  id: risks.id,
  systemId: risks.systemId,
  title: risks.title,
  riskSource: risks.riskSource,
  objective: risks.objective,
  likelihood: risks.likelihood,
  impact: risks.impact,
  treatment: risks.treatment,
  residualLikelihood: risks.residualLikelihood,
  residualImpact: risks.residualImpact,
  ownerId: risks.ownerId,
  reviewDate: risks.reviewDate,
  status: risks.status,
  suggestionKey: risks.suggestionKey,
  version: risks.version,
  updatedAt: risks.updatedAt,
  archivedAt: risks.archivedAt,
};
export type RiskListRow = { [K in keyof typeof listColumns]: RiskRow[K] };

export interface RiskRefs {
  systemName: string | null;
  ownerName: string | null;
  controlCount: number;
}

/**
 * One page, sorted in SQL, and the total under the same filter; names and counts are fetched for the page only.
 * A text search counts with a window over the same scan (the ILIKE scan costs more than the sort); otherwise a
 * separate count(*) is cheaper than the window.
 */
export async function listRisks(
  db: Db,
  orgId: string,
  q: RiskListQuery,
  ranges: Record<BandKey, { min: number; max: number }>,
): Promise<{ rows: (RiskListRow & RiskRefs)[]; total: number }> {
  const where = listWhere(orgId, q, ranges);
  const windowed = !!q.q;
  const page = await db
    .select({ ...listColumns, total: windowed ? sql<number>`count(*) over ()`.mapWith(Number) : sql<number>`0`.mapWith(Number) })
    .from(risks)
    .where(where)
    .orderBy(...orderBy(q))
    .limit(q.limit)
    .offset(q.offset);
  const total =
    windowed && page.length > 0 ? page[0]!.total : Number((await db.select({ n: count() }).from(risks).where(where))[0]?.n ?? 0);
  const refs = await refsOf(
    db,
    orgId,
    page.map((r) => r.id),
  );
  const none: RiskRefs = { systemName: null, ownerName: null, controlCount: 0 };
  return { rows: page.map(({ total: _t, ...r }) => ({ ...r, ...(refs.get(r.id) ?? none) })), total };
}

/** System name, owner name and the number of live linked controls of each risk. */
export async function refsOf(db: Db, orgId: string, ids: string[]): Promise<Map<string, RiskRefs>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: risks.id,
      systemName: aiSystems.name,
      ownerName: users.displayName,
      controlCount: sql<number>`(select count(*) from ${riskControls} rc join ${appliedControls} ac on ac.id = rc.control_id
        where rc.risk_id = ${risks.id} and ac.archived_at is null)`.mapWith(Number),
    })
    .from(risks)
    .leftJoin(aiSystems, eq(aiSystems.id, risks.systemId))
    .leftJoin(users, eq(users.id, risks.ownerId))
    .where(and(eq(risks.orgId, orgId), inArray(risks.id, ids)));
  return new Map(rows.map((r) => [r.id, { systemName: r.systemName, ownerName: r.ownerName, controlCount: r.controlCount }]));
}

export async function findRisk(db: Db, orgId: string, id: string, lock = false): Promise<RiskRow | undefined> {
  const q = db
    .select()
    .from(risks)
    .where(and(eq(risks.orgId, orgId), eq(risks.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertRisks(db: Db, rows: RiskInsert[]): Promise<RiskRow[]> {
  if (rows.length === 0) return [];
  return db.insert(risks).values(rows).returning();
}

export async function updateRisk(db: Db, orgId: string, id: string, set: Partial<RiskInsert>): Promise<RiskRow | undefined> {
  const [row] = await db
    .update(risks)
    .set({ ...set, updatedAt: new Date(), version: sql`${risks.version} + 1` })
    .where(and(eq(risks.orgId, orgId), eq(risks.id, id)))
    .returning();
  return row;
}

/** The live applied controls linked to a risk. */
export async function controlsOf(db: Db, orgId: string, riskId: string): Promise<{ id: string; name: string; status: string }[]> {
  return db
    .select({ id: appliedControls.id, name: appliedControls.name, status: appliedControls.status })
    .from(riskControls)
    .innerJoin(appliedControls, eq(appliedControls.id, riskControls.controlId))
    .where(and(eq(riskControls.orgId, orgId), eq(riskControls.riskId, riskId), isNull(appliedControls.archivedAt)))
    .orderBy(asc(appliedControls.name), asc(appliedControls.id));
}

/** The subset of `ids` that are live applied controls of the organisation. */
export async function liveControlsAmong(db: Db, orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: appliedControls.id })
    .from(appliedControls)
    .where(and(eq(appliedControls.orgId, orgId), isNull(appliedControls.archivedAt), inArray(appliedControls.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Links controls to a risk; returns the ids that were not linked before. */
export async function linkControls(db: Db, orgId: string, riskId: string, controlIds: string[]): Promise<string[]> {
  if (controlIds.length === 0) return [];
  const rows = await db
    .insert(riskControls)
    .values(controlIds.map((controlId) => ({ orgId, riskId, controlId })))
    .onConflictDoNothing()
    .returning({ controlId: riskControls.controlId });
  return rows.map((r) => r.controlId);
}

export async function unlinkControl(db: Db, orgId: string, riskId: string, controlId: string): Promise<boolean> {
  const rows = await db
    .delete(riskControls)
    .where(and(eq(riskControls.orgId, orgId), eq(riskControls.riskId, riskId), eq(riskControls.controlId, controlId)))
    .returning({ controlId: riskControls.controlId });
  return rows.length > 0;
}

/** Suggestion keys already in the register for a system (archived risks count: they were decided on). */
export async function suggestionKeysOf(db: Db, orgId: string, systemId: string): Promise<Set<string>> {
  const rows = await db
    .select({ key: risks.suggestionKey })
    .from(risks)
    .where(and(eq(risks.orgId, orgId), eq(risks.systemId, systemId), isNotNull(risks.suggestionKey)));
  return new Set(rows.map((r) => r.key).filter((k): k is string => !!k));
}

export async function displayNameOf(db: Db, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name;
}

export interface RiskGroup {
  likelihood: number;
  impact: number;
  residualLikelihood: number | null;
  residualImpact: number | null;
  status: string;
  n: number;
  /** of n: review date before today */
  overdue: number;
  /** of n: without an owner */
  unowned: number;
}

/** Live risks grouped by what the heatmap places them by, with what the summary counts; a few hundred groups. */
export async function riskGroups(db: Db, orgId: string, system: string | undefined, today: string): Promise<RiskGroup[]> {
  const rows = await db
    .select({
      likelihood: risks.likelihood,
      impact: risks.impact,
      residualLikelihood: risks.residualLikelihood,
      residualImpact: risks.residualImpact,
      status: risks.status,
      n: count(),
      overdue: sql<number>`count(*) filter (where ${risks.reviewDate} < ${today})`.mapWith(Number),
      unowned: sql<number>`count(*) filter (where ${risks.ownerId} is null)`.mapWith(Number),
    })
    .from(risks)
    .where(and(scopeWhere(orgId, system), isNull(risks.archivedAt)))
    .groupBy(risks.likelihood, risks.impact, risks.residualLikelihood, risks.residualImpact, risks.status);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
