import { and, asc, count, eq, exists, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { aiSystems, appliedControls, controlRequirements, controlSystems, evidenceLinks, users } from '../../db/schema.js';
import { escapeLike } from '../audit-log/repo.js';
import type { ControlListQuery, RequirementRef } from './schema.js';

export type ControlRow = typeof appliedControls.$inferSelect;
export type ControlInsert = typeof appliedControls.$inferInsert;

function listWhere(orgId: string, q: ControlListQuery): SQL | undefined {
  const where: (SQL | undefined)[] = [eq(appliedControls.orgId, orgId)];
  if (q.archived === 'exclude') where.push(isNull(appliedControls.archivedAt));
  if (q.archived === 'only') where.push(isNotNull(appliedControls.archivedAt));
  if (q.status) where.push(eq(appliedControls.status, q.status));
  if (q.owner) where.push(eq(appliedControls.ownerId, q.owner));
  if (q.q) {
    const p = `%${escapeLike(q.q)}%`;
    where.push(or(ilike(appliedControls.name, p), ilike(appliedControls.description, p)));
  }
  if (q.framework || q.requirement) {
    const link = [eq(controlRequirements.controlId, appliedControls.id)];
    if (q.framework) link.push(eq(controlRequirements.framework, q.framework));
    if (q.requirement) link.push(eq(controlRequirements.requirementId, q.requirement));
    where.push(exists(sql`(select 1 from ${controlRequirements} where ${and(...link)})`));
  }
  if (q.system) {
    where.push(
      exists(
        sql`(select 1 from ${controlSystems} where ${controlSystems.controlId} = ${appliedControls.id} and ${controlSystems.systemId} = ${q.system})`,
      ),
    );
  }
  return and(...where);
}

export async function listControls(db: Db, orgId: string, q: ControlListQuery): Promise<{ rows: ControlRow[]; total: number }> {
  const where = listWhere(orgId, q);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(appliedControls)
      .where(where)
      .orderBy(asc(appliedControls.name), asc(appliedControls.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(appliedControls).where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export async function findControl(db: Db, orgId: string, id: string, lock = false): Promise<ControlRow | undefined> {
  const query = db
    .select()
    .from(appliedControls)
    .where(and(eq(appliedControls.orgId, orgId), eq(appliedControls.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export interface ControlLinks {
  requirements: Map<string, RequirementRef[]>;
  systems: Map<string, { id: string; name: string }[]>;
  owners: Map<string, { id: string; displayName: string; email: string }>;
  evidenceCounts: Map<string, number>;
}

/** Requirements, systems, owners and evidence counts of a page of controls, in four queries. */
export async function linksOf(db: Db, orgId: string, controls: ControlRow[]): Promise<ControlLinks> {
  const ids = controls.map((c) => c.id);
  const ownerIds = [...new Set(controls.map((c) => c.ownerId).filter((v): v is string => !!v))];
  const empty: ControlLinks = { requirements: new Map(), systems: new Map(), owners: new Map(), evidenceCounts: new Map() };
  if (ids.length === 0) return empty;
  const [reqs, systems, owners, evidence] = await Promise.all([
    db
      .select()
      .from(controlRequirements)
      .where(and(eq(controlRequirements.orgId, orgId), inArray(controlRequirements.controlId, ids)))
      .orderBy(asc(controlRequirements.framework), asc(controlRequirements.requirementId)),
    db
      .select({ controlId: controlSystems.controlId, id: aiSystems.id, name: aiSystems.name })
      .from(controlSystems)
      .innerJoin(aiSystems, eq(aiSystems.id, controlSystems.systemId))
      .where(and(eq(controlSystems.orgId, orgId), inArray(controlSystems.controlId, ids)))
      .orderBy(asc(aiSystems.name)),
    ownerIds.length
      ? db.select({ id: users.id, displayName: users.displayName, email: users.email }).from(users).where(inArray(users.id, ownerIds))
      : Promise.resolve([]),
    db
      .select({ key: evidenceLinks.targetKey, n: count() })
      .from(evidenceLinks)
      .where(and(eq(evidenceLinks.orgId, orgId), eq(evidenceLinks.targetType, 'control'), inArray(evidenceLinks.targetKey, ids)))
      .groupBy(evidenceLinks.targetKey),
  ]);
  for (const r of reqs) push(empty.requirements, r.controlId, { framework: r.framework, requirementId: r.requirementId });
  for (const s of systems) push(empty.systems, s.controlId, { id: s.id, name: s.name });
  for (const o of owners) empty.owners.set(o.id, o);
  for (const e of evidence) empty.evidenceCounts.set(e.key, Number(e.n));
  return empty;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function insertControl(db: Db, row: ControlInsert): Promise<ControlRow> {
  const [created] = await db.insert(appliedControls).values(row).returning();
  if (!created) throw new Error('control insert returned nothing');
  return created;
}

export async function updateControl(db: Db, orgId: string, id: string, set: Partial<ControlInsert>): Promise<ControlRow | undefined> {
  const [row] = await db
    .update(appliedControls)
    .set({ ...set, updatedAt: new Date(), version: sql`${appliedControls.version} + 1` })
    .where(and(eq(appliedControls.orgId, orgId), eq(appliedControls.id, id)))
    .returning();
  return row;
}

export async function requirementsOf(db: Db, orgId: string, controlId: string): Promise<RequirementRef[]> {
  return db
    .select({ framework: controlRequirements.framework, requirementId: controlRequirements.requirementId })
    .from(controlRequirements)
    .where(and(eq(controlRequirements.orgId, orgId), eq(controlRequirements.controlId, controlId)));
}

export async function systemIdsOf(db: Db, orgId: string, controlId: string): Promise<string[]> {
  const rows = await db
    .select({ id: controlSystems.systemId })
    .from(controlSystems)
    .where(and(eq(controlSystems.orgId, orgId), eq(controlSystems.controlId, controlId)));
  return rows.map((r) => r.id);
}

export async function replaceRequirements(db: Db, orgId: string, controlId: string, refs: RequirementRef[]): Promise<void> {
  await db.delete(controlRequirements).where(and(eq(controlRequirements.orgId, orgId), eq(controlRequirements.controlId, controlId)));
  if (refs.length) await db.insert(controlRequirements).values(refs.map((r) => ({ orgId, controlId, ...r })));
}

export async function replaceSystems(db: Db, orgId: string, controlId: string, systemIds: string[]): Promise<void> {
  await db.delete(controlSystems).where(and(eq(controlSystems.orgId, orgId), eq(controlSystems.controlId, controlId)));
  if (systemIds.length) await db.insert(controlSystems).values(systemIds.map((systemId) => ({ orgId, controlId, systemId })));
}

/** The subset of `ids` that are live systems of the organisation. */
export async function liveSystemsAmong(db: Db, orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: aiSystems.id })
    .from(aiSystems)
    .where(and(eq(aiSystems.orgId, orgId), isNull(aiSystems.archivedAt), inArray(aiSystems.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Suggestion ids the organisation has already adopted into a live control. */
export async function adoptedSuggestions(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: appliedControls.suggestionId })
    .from(appliedControls)
    .where(and(eq(appliedControls.orgId, orgId), isNull(appliedControls.archivedAt), isNotNull(appliedControls.suggestionId)));
  return new Set(rows.map((r) => r.id).filter((v): v is string => !!v));
}
