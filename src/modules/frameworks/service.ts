import { notFound } from '../../server/errors.js';
import { computeCoverage, type Coverage, type CoverageRow, type Status } from './coverage.js';
import type {
  Crosswalk,
  CrosswalkSummary,
  FrameworkDetail,
  FrameworkPack,
  FrameworkSummary,
  Requirement,
  StarterLibrary,
  SuggestedControl,
} from './schema.js';

/**
 * The framework catalogue: packs and the crosswalks between them, loaded and validated at start-up, read-only and
 * the same for every organisation.
 */
export class FrameworkCatalog {
  private readonly byId: Map<string, FrameworkPack>;
  private readonly crosswalks: Map<string, Crosswalk>;

  constructor(
    packs: FrameworkPack[],
    crosswalks: Crosswalk[] = [],
    private readonly starter: StarterLibrary | null = null,
  ) {
    this.byId = new Map(packs.map((p) => [p.id, p]));
    this.crosswalks = new Map(crosswalks.map((c) => [c.id, c]));
  }

  /** The whole built-in pack, or undefined when the catalogue has none with this id. */
  pack(id: string): FrameworkPack | undefined {
    return this.byId.get(id);
  }

  packs(): FrameworkPack[] {
    return [...this.byId.values()];
  }

  /** Suggested controls, optionally only those serving one requirement of one framework. */
  starterControls(filter: { framework?: string; requirement?: string } = {}): SuggestedControl[] {
    return (this.starter?.controls ?? []).filter((c) =>
      c.requirements.some(
        (r) => (!filter.framework || r.framework === filter.framework) && (!filter.requirement || r.id === filter.requirement),
      ),
    );
  }

  listCrosswalks(): CrosswalkSummary[] {
    return [...this.crosswalks.values()].map((c) => ({
      id: c.id,
      from: c.from,
      to: c.to,
      title: c.title,
      linkCount: c.links.length,
      publishedLinkCount: c.links.filter((l) => l.provenance === 'published').length,
    }));
  }

  getCrosswalk(id: string): Crosswalk {
    const c = this.crosswalks.get(id);
    if (!c) throw notFound('Crosswalk');
    return c;
  }

  /**
   * Which requirements of `targetId` the crosswalks link to requirements of `sourceId`. With the statuses of an
   * assessment of the source framework (a later release), linked requirements become covered or partly covered.
   */
  coverage(
    targetId: string,
    sourceId: string,
    statuses: ReadonlyMap<string, Status> = new Map(),
  ): { summary: Record<Coverage, number>; rows: CoverageRow[] } {
    const target = this.byId.get(targetId);
    const source = this.byId.get(sourceId);
    if (!target || !source) throw notFound('Framework');
    const rows = computeCoverage(target, source, [...this.crosswalks.values()], statuses);
    const summary: Record<Coverage, number> = { covered: 0, partly_covered: 0, linked: 0, not_linked: 0 };
    for (const r of rows) summary[r.coverage]++;
    return { summary, rows };
  }

  list(): FrameworkSummary[] {
    return [...this.byId.values()].map(summarise);
  }

  get(id: string, filter: RequirementFilter = {}): FrameworkDetail {
    const pack = this.byId.get(id);
    if (!pack) throw notFound('Framework');
    return frameworkDetailOf(pack, filter);
  }
}

export interface RequirementFilter {
  q?: string;
  component?: string;
  assessable?: 'true' | 'false';
}

/** A pack (built-in or an organisation's own) with the requirements that pass the filter. */
export function frameworkDetailOf(pack: FrameworkPack, filter: RequirementFilter = {}): FrameworkDetail {
  const needle = filter.q?.toLowerCase();
  const requirements = pack.requirements.filter(
    (r) =>
      (!needle || searchText(r).includes(needle)) &&
      (!filter.component || r.components.includes(filter.component as Requirement['components'][number])) &&
      (filter.assessable === undefined || r.assessable === (filter.assessable === 'true')),
  );
  return { ...summarise(pack), requirements };
}

function summarise(p: FrameworkPack): FrameworkSummary {
  return {
    id: p.id,
    version: p.version,
    kind: p.kind,
    title: p.title,
    publisher: p.publisher,
    source: p.source,
    requirementCount: p.requirements.length,
    assessableCount: p.requirements.filter((r) => r.assessable).length,
  };
}

/** Search in both languages: id, titles and paraphrases. */
function searchText(r: Requirement): string {
  return [r.id, r.title.en, r.title['zh-HK'], r.paraphrase?.en ?? '', r.paraphrase?.['zh-HK'] ?? ''].join('\u0000').toLowerCase();
}
