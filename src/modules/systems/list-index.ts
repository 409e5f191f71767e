import type { Db } from '../../db/connect.js';
import { changesSince, generationOf, type Change } from '../audit-log/generations.js';
import { comparator, filterRows, toListRow, type ListRow } from './list-filter.js';
import * as repo from './repo.js';
import type { SystemListQuery } from './schema.js';

interface OrgSnapshot {
  generation: number;
  rows: ListRow[];
  sorted: Map<string, ListRow[]>;
  /** recent filters' matches in order, so that paging through a filtered list scans once (bounded, oldest out) */
  matches: Map<string, ListRow[]>;
}

const MAX_REMEMBERED_FILTERS = 64;

/** Entities whose changes leave every listed row as it was. */
const IRRELEVANT = new Set(['api_token', 'import', 'membership', 'organization']);
/** Past this many changed systems, loading everything again is cheaper than patching. */
const MAX_PATCH = 2000;

/**
 * The systems whose listed form a run of changes may have altered, or null when the snapshot must be rebuilt
 * (an unknown kind of change, or too many).
 */
export function systemsToReload(changes: readonly Change[], rows: readonly ListRow[]): Set<string> | null {
  const ids = new Set<string>();
  for (const c of changes) {
    if (IRRELEVANT.has(c.entityType)) continue;
    if (c.entityType === 'ai_system' && c.entityId) ids.add(c.entityId);
    // A renamed vendor changes the rows that show its name.
    else if (c.entityType === 'vendor' && c.entityId)
      for (const r of rows)
        if (r.system.vendorId === c.entityId) ids.add(r.system.id);
        else return null;
    if (ids.size > MAX_PATCH) return null;
  }
  return ids;
}

/** A sorted list with some rows taken out and their new versions put in their places. */
function patchSorted(
  sorted: readonly ListRow[],
  changed: Set<string>,
  fresh: ListRow[],
  compare: (a: ListRow, b: ListRow) => number,
): ListRow[] {
  const out = sorted.filter((r) => !changed.has(r.system.id));
  for (const row of fresh) {
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(out[mid]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, row);
  }
  return out;
}

/**
 * An in-memory read model of each organisation's register, for the embedded database only. PGlite runs inside
 * this process and its data directory is locked to it, so every write passes through this process's services and
 * is recorded with the organisation's write generation (PGlite also runs a query only between transactions, so a
 * read never sees uncommitted rows). A snapshot behind the generation patches the systems that changed, or is
 * rebuilt. On PostgreSQL several servers may write, so lists always query the database. See docs/adr/0006.
 */
export class SystemListIndex {
  private readonly snapshots = new Map<string, Promise<OrgSnapshot>>();

  async list(db: Db, orgId: string, q: SystemListQuery): Promise<{ rows: repo.JoinedSystem[]; total: number }> {
    const snapshot = await this.snapshot(db, orgId);
    const { limit, offset, ...filter } = q;
    const filterKey = JSON.stringify(filter);
    let matches = snapshot.matches.get(filterKey);
    if (!matches) {
      const sortKey = `${q.sort}:${q.order}`;
      let sorted = snapshot.sorted.get(sortKey);
      if (!sorted) {
        sorted = [...snapshot.rows].sort(comparator(q.sort, q.order));
        snapshot.sorted.set(sortKey, sorted);
      }
      matches = filterRows(sorted, q);
      if (snapshot.matches.size >= MAX_REMEMBERED_FILTERS) snapshot.matches.delete(snapshot.matches.keys().next().value as string);
      snapshot.matches.set(filterKey, matches);
    }
    return { rows: matches.slice(offset, offset + limit), total: matches.length };
  }

  /** Loads the organisations' snapshots ahead of their first list request. */
  async warm(db: Db, orgIds: readonly string[]): Promise<void> {
    for (const orgId of orgIds) await this.snapshot(db, orgId);
  }

  private async snapshot(db: Db, orgId: string): Promise<OrgSnapshot> {
    const generation = generationOf(orgId);
    const cached = this.snapshots.get(orgId);
    const previous = cached ? await cached : undefined;
    if (previous?.generation === generation) return previous;
    // Concurrent readers of a stale organisation share one refresh.
    const current = this.snapshots.get(orgId);
    if (current && current !== cached) return current;
    const refreshing = this.refresh(db, orgId, previous, generation);
    this.snapshots.set(orgId, refreshing);
    refreshing.catch(() => this.snapshots.delete(orgId));
    return refreshing;
  }

  private async refresh(db: Db, orgId: string, previous: OrgSnapshot | undefined, generation: number): Promise<OrgSnapshot> {
    const changes = previous ? changesSince(orgId, previous.generation) : null;
    const ids = previous && changes ? systemsToReload(changes, previous.rows) : null;
    if (!previous || !ids) {
      const rows = (await repo.allSystems(db, orgId)).map(toListRow);
      return { generation, rows, sorted: new Map(), matches: new Map() };
    }
    if (ids.size === 0) return { ...previous, generation };
    const fresh = (await repo.systemsByIds(db, orgId, [...ids])).map(toListRow);
    const sorted = new Map<string, ListRow[]>();
    for (const [key, list] of previous.sorted) {
      const [sort, order] = key.split(':') as [SystemListQuery['sort'], SystemListQuery['order']];
      sorted.set(key, patchSorted(list, ids, fresh, comparator(sort, order)));
    }
    const rows = [...previous.rows.filter((r) => !ids.has(r.system.id)), ...fresh];
    return { generation, rows, sorted, matches: new Map() };
  }
}
