import type { Crosswalk } from './crosswalk.js';
import type { FrameworkPack } from './schema.js';

/**
 * How work done under one framework covers another, through the crosswalks between them. Links are read in
 * either direction; a relation is turned around when the crosswalk runs the other way. Pure: no I/O.
 */
export type Relation = Crosswalk['links'][number]['relation'];
export type Status = 'met' | 'partially_met' | 'gap' | 'not_applicable' | 'not_assessed';
export type Coverage = 'covered' | 'partly_covered' | 'linked' | 'not_linked';

export interface CoverageLink {
  /** the requirement of the framework whose work is counted */
  sourceId: string;
  /** relation read target → source */
  relation: Relation;
  provenance: 'published' | 'openaims';
  crosswalk: string;
  sourceStatus: Status | null;
}

export interface CoverageRow {
  requirementId: string;
  coverage: Coverage;
  links: CoverageLink[];
}

const inverse: Record<Relation, Relation> = { equal: 'equal', subset: 'superset', superset: 'subset', intersects: 'intersects' };

/**
 * A target requirement is covered when a linked source requirement that asks for at least as much (the target is
 * equal to it or a subset of it) is met; partly covered when any linked source requirement is met or partially met; linked when
 * links exist but no status counts yet (or none is known); not linked otherwise.
 */
export function computeCoverage(
  target: FrameworkPack,
  source: FrameworkPack,
  crosswalks: readonly Crosswalk[],
  statuses: ReadonlyMap<string, Status> = new Map(),
): CoverageRow[] {
  const linksByTarget = new Map<string, CoverageLink[]>();
  const add = (targetId: string, link: CoverageLink) => {
    const list = linksByTarget.get(targetId) ?? [];
    list.push(link);
    linksByTarget.set(targetId, list);
  };
  for (const cw of crosswalks) {
    const forward = cw.from === target.id && cw.to === source.id;
    const backward = cw.from === source.id && cw.to === target.id;
    if (!forward && !backward) continue;
    for (const l of cw.links) {
      const [targetId, sourceId, relation] = forward ? [l.from, l.to, l.relation] : [l.to, l.from, inverse[l.relation]];
      add(targetId, { sourceId, relation, provenance: l.provenance, crosswalk: cw.id, sourceStatus: statuses.get(sourceId) ?? null });
    }
  }
  return target.requirements
    .filter((r) => r.assessable)
    .map((r) => {
      const links = linksByTarget.get(r.id) ?? [];
      return { requirementId: r.id, coverage: coverageOf(links), links };
    });
}

function coverageOf(links: readonly CoverageLink[]): Coverage {
  if (links.length === 0) return 'not_linked';
  // The target asks for no more than the source when it is equal to it or a subset of it.
  if (links.some((l) => l.sourceStatus === 'met' && (l.relation === 'equal' || l.relation === 'subset'))) return 'covered';
  if (links.some((l) => l.sourceStatus === 'met' || l.sourceStatus === 'partially_met')) return 'partly_covered';
  return 'linked';
}
