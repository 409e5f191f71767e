import type { AimsComponent, FrameworkPack, Requirement } from '../frameworks/schema.js';
import { itemStatuses, type ItemStatus, type ProgressFigures, type ProgressView, type StatusCounts } from './schema.js';

/** Progress figures from statuses: see `progressFigures` in schema.ts for what completion and compliance mean. */
export function figures(statuses: Iterable<ItemStatus>): ProgressFigures {
  const counts = Object.fromEntries(itemStatuses.map((s) => [s, 0])) as StatusCounts;
  let total = 0;
  for (const s of statuses) {
    counts[s]++;
    total++;
  }
  const applicable = total - counts.not_applicable;
  return {
    total,
    counts,
    completion: total === 0 ? 0 : round((total - counts.not_assessed) / total),
    compliance: applicable === 0 ? null : round((counts.met + counts.partially_met / 2) / applicable),
  };
}

const round = (v: number): number => Math.round(v * 10_000) / 10_000;

/** The top-level ancestor of each requirement (a clause, an Annex A objective, a NIST function…). */
export function topLevelOf(pack: FrameworkPack): Map<string, Requirement> {
  const byId = new Map(pack.requirements.map((r) => [r.id, r]));
  const out = new Map<string, Requirement>();
  for (const r of pack.requirements) {
    let top = r;
    for (let hops = 0; top.parent && byId.has(top.parent) && hops < 64; hops++) top = byId.get(top.parent) as Requirement;
    out.set(r.id, top);
  }
  return out;
}

/** Overall, per top-level clause (in pack order) and per AIMS component. */
export function breakdown(pack: FrameworkPack, statusOf: ReadonlyMap<string, ItemStatus>): ProgressView {
  const top = topLevelOf(pack);
  const byClause = new Map<string, ItemStatus[]>();
  const byComponent = new Map<AimsComponent, ItemStatus[]>();
  for (const r of pack.requirements) {
    const status = statusOf.get(r.id);
    if (status === undefined) continue;
    const clause = top.get(r.id) ?? r;
    append(byClause, clause.id, status);
    for (const c of r.components) append(byComponent, c, status);
  }
  const requirementById = new Map(pack.requirements.map((r) => [r.id, r]));
  return {
    overall: figures(statusOf.values()),
    byClause: [...byClause].map(([id, list]) => ({ id, title: (requirementById.get(id) as Requirement).title, ...figures(list) })),
    byComponent: [...byComponent].map(([component, list]) => ({ component, ...figures(list) })),
  };
}

function append<K>(map: Map<K, ItemStatus[]>, key: K, value: ItemStatus): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
