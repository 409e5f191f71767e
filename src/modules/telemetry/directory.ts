import type { Db } from '../../db/connect.js';
import * as repo from './repo.js';

/** A live system as the receiver sees it. */
export interface KnownSystem {
  id: string;
  name: string;
  /** declared models, lower-case */
  models: string[];
}

/** Who a reporting service is: a registered system, or an unregistered service. */
export type Subject = { kind: 'system'; system: KnownSystem; subject: string } | { kind: 'service'; subject: string };

interface OrgDirectory {
  byId: Map<string, KnownSystem>;
  byName: Map<string, KnownSystem>;
  bindings: Map<string, string>;
  loadedAt: number;
}

/** How long an organisation's systems and bindings are reused; a system created meanwhile is known after this. */
const TTL_MS = 5_000;
const MAX_ORGS = 10_000;

/**
 * The organisation's live systems and bindings, cached briefly so that ingest does not read them for every request.
 * Binding changes made through this module drop the cache at once.
 */
export class SystemDirectory {
  private readonly cache = new Map<string, OrgDirectory>();

  constructor(private readonly db: Db) {}

  invalidate(orgId: string): void {
    this.cache.delete(orgId);
  }

  async of(orgId: string, now = Date.now()): Promise<OrgDirectory> {
    const hit = this.cache.get(orgId);
    if (hit && now - hit.loadedAt < TTL_MS) return hit;
    const [systems, bindings] = await Promise.all([repo.liveSystems(this.db, orgId), repo.listBindings(this.db, orgId)]);
    const byId = new Map<string, KnownSystem>();
    const byName = new Map<string, KnownSystem>();
    for (const s of systems) {
      const known = { id: s.id, name: s.name, models: s.models.map((m) => m.toLowerCase()) };
      byId.set(s.id, known);
      byName.set(s.name.toLowerCase(), known);
    }
    const dir = { byId, byName, bindings: new Map(bindings.map((b) => [b.binding.serviceName, b.binding.systemId])), loadedAt: now };
    if (this.cache.size >= MAX_ORGS) this.cache.clear();
    this.cache.set(orgId, dir);
    return dir;
  }
}

/**
 * aims.system.id (a live system of the organisation) → a binding of service.name → a live system of that name
 * (case-insensitive) → an unregistered service.
 */
export function subjectOf(dir: OrgDirectory, serviceName: string, aimsSystemId: string | null): Subject {
  const system =
    (aimsSystemId ? dir.byId.get(aimsSystemId.toLowerCase()) : undefined) ??
    dir.byId.get(dir.bindings.get(serviceName) ?? '') ??
    dir.byName.get(serviceName.toLowerCase());
  return system ? { kind: 'system', system, subject: system.id } : { kind: 'service', subject: `service:${serviceName}` };
}

/**
 * Whether a span's model is one the system declared: the same name ignoring case; or a declared name followed by a
 * version or tag ("gpt-4o" covers the snapshot "gpt-4o-2024-08-06" and "gpt-4o-latest", "claude-3-5-sonnet" covers
 * "claude-3-5-sonnet@20240620", "llama3" covers "llama3:8b"); or the declared name behind a provider prefix
 * ("openai/gpt-4o"). A suffix that names another model is not covered: "gpt-4o" does not cover "gpt-4o-mini", nor
 * "gpt-4" "gpt-4o", "gpt-4.1" or "gpt-4-turbo".
 */
export function modelDeclared(declared: string[], model: string): boolean {
  const m = model.toLowerCase();
  return declared.some((d) => d !== '' && (m === d || m.endsWith(`/${d}`) || (m.startsWith(d) && VERSION_SUFFIX.test(m.slice(d.length)))));
}

const VERSION_SUFFIX = /^(?:-\d|-latest$|-preview|@|:)/;
