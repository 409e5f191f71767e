import type { Db } from '../../db/connect.js';
import { generationOf } from '../audit-log/generations.js';
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

/**
 * An in-memory read model of each organisation's register, for the embedded database only. PGlite runs inside
 * this process and its data directory is locked to it, so every write passes through this process's services and
 * moves the organisation's write generation; a snapshot older than the generation is rebuilt on the next read.
 * (On PostgreSQL several servers may write, so lists always query the database.) See docs/adr/0006.
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

  private async snapshot(db: Db, orgId: string): Promise<OrgSnapshot> {
    const generation = generationOf(orgId);
    const cached = this.snapshots.get(orgId);
    if (cached) {
      const s = await cached;
      if (s.generation === generation) return s;
    }
    // Concurrent readers of a stale organisation share one rebuild.
    const current = this.snapshots.get(orgId);
    if (current && current !== cached) return current;
    const building = repo
      .allSystems(db, orgId)
      .then((rows) => ({
        generation,
        rows: rows.map(toListRow),
        sorted: new Map<string, ListRow[]>(),
        matches: new Map<string, ListRow[]>(),
      }));
    this.snapshots.set(orgId, building);
    building.catch(() => this.snapshots.delete(orgId));
    return building;
  }
}
