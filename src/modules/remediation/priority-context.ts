import type { Db } from '../../db/connect.js';
import { controlsByRequirement, type ControlOfRequirement } from '../assessments/repo.js';
import { computePriority, type SystemRiskFacts } from './priority.js';
import { allLiveSystems, indicativeTiers } from './repo.js';
import type { PriorityBasis } from './schema.js';

/**
 * Loads the organisation's live systems and each framework's control links once, then prices any number of
 * requirements: the systems a requirement touches are the assessed system (for a system assessment), else the
 * systems under its controls, else every live system (an organisation-wide requirement touches them all).
 */
export class PriorityContext {
  private readonly controls = new Map<string, Map<string, ControlOfRequirement[]>>();

  private constructor(
    private readonly db: Db,
    private readonly orgId: string,
    private readonly systems: Map<string, SystemRiskFacts>,
  ) {}

  static async load(db: Db, orgId: string): Promise<PriorityContext> {
    // one after the other: `db` is often a transaction, whose connection runs one query at a time
    const systems = await allLiveSystems(db, orgId);
    const tiers = await indicativeTiers(db, orgId);
    return new PriorityContext(db, orgId, new Map(systems.map((s) => [s.id, { ...s, indicativeTier: tiers.get(s.id) ?? null }])));
  }

  async price(
    framework: string,
    requirementId: string,
    weight: number,
    assessedSystemId: string | null,
  ): Promise<{ priority: number; basis: PriorityBasis }> {
    if (assessedSystemId) {
      const system = this.systems.get(assessedSystemId);
      return computePriority(weight, 'assessed_system', system ? [system] : []);
    }
    let links = this.controls.get(framework);
    if (!links) {
      links = await controlsByRequirement(this.db, this.orgId, framework);
      this.controls.set(framework, links);
    }
    const linked = new Set((links.get(requirementId) ?? []).flatMap((c) => c.systemIds));
    const underControls = [...linked].map((id) => this.systems.get(id)).filter((s): s is SystemRiskFacts => !!s);
    if (underControls.length) return computePriority(weight, 'linked_systems', underControls);
    return computePriority(weight, 'all_systems', [...this.systems.values()]);
  }
}
