import type { AiCatalogue } from '../../lib/discovery/catalogue.js';
import type { AiServiceCategory, AiServiceEntry } from '../../lib/discovery/catalogue-schema.js';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { mayManageDiscovery } from './access.js';
import { createSystem } from '../systems/service.js';
import type { CreateSystemInput } from '../systems/schema.js';
import { orgCatalogue } from './catalogue.js';
import { autoMatch, countEntriesPerProvider } from './match.js';
import * as repo from './repo.js';
import {
  decisionInput,
  linkInput,
  type DecisionInput,
  type FindingList,
  type FindingView,
  type FootprintView,
  type LinkInput,
} from './schema.js';

interface Resolved {
  row: repo.FindingRow;
  entry: AiServiceEntry | undefined;
  system: FindingView['system'];
}

/** Every finding with its catalogue entry and the live system it is registered as (linked first, then matched). */
async function resolveFindings(ctx: OrgContext): Promise<{ resolved: Resolved[]; liveSystems: number; catalogue: AiCatalogue }> {
  const [rows, systems, catalogue] = await Promise.all([
    repo.listFindings(ctx.db, ctx.org.id),
    repo.liveSystems(ctx.db, ctx.org.id),
    orgCatalogue(ctx.db, ctx.org.id),
  ]);
  const live = new Map(systems.map((s) => [s.id, s]));
  const perProvider = countEntriesPerProvider(catalogue.entries);
  const resolved = rows.map((row): Resolved => {
    const entry = catalogue.byId.get(row.catalogId);
    const linked = row.systemId ? live.get(row.systemId) : undefined;
    if (linked) return { row, entry, system: { id: linked.id, name: linked.name, match: 'linked' } };
    const auto = entry ? autoMatch(entry, systems, perProvider) : null;
    return { row, entry, system: auto ? { id: auto.id, name: auto.name, match: 'auto' } : null };
  });
  return { resolved, liveSystems: systems.length, catalogue };
}

function present(ctx: OrgContext, { row, entry, system }: Resolved): FindingView {
  return {
    catalogId: row.catalogId,
    provider: entry?.provider ?? null,
    product: entry?.product ?? null,
    category: entry?.category ?? null,
    providerCountry: entry?.providerCountry ?? null,
    dataUseNote: entry?.dataUseNote ?? null,
    termsUrl: entry?.termsUrl ?? null,
    matchedOn: row.matchedOn,
    requests: row.requests,
    users: row.users,
    firstSeen: row.firstSeen?.toISOString() ?? null,
    lastSeen: row.lastSeen?.toISOString() ?? null,
    system,
    registered: system !== null,
    decision: row.decision as FindingView['decision'],
    reason: row.reason,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    can: { addToInventory: can(ctx.role, 'system.create') && system === null && entry !== undefined, decide: mayManageDiscovery(ctx.role) },
  };
}

/** Unregistered (and not ignored) services first, then by requests. */
const order = (a: FindingView, b: FindingView): number => {
  const rank = (f: FindingView) => (f.registered ? 2 : f.decision === 'ignored' ? 1 : 0);
  return rank(a) - rank(b) || b.requests - a.requests || a.catalogId.localeCompare(b.catalogId);
};

export async function listFindings(ctx: OrgContext): Promise<FindingList> {
  if (!can(ctx.role, 'system.read')) throw forbidden();
  const { resolved } = await resolveFindings(ctx);
  return { items: resolved.map((r) => present(ctx, r)).sort(order) };
}

export async function getFinding(ctx: OrgContext, catalogId: string): Promise<FindingView> {
  const { resolved } = await resolveFindings(ctx);
  const found = resolved.find((r) => r.row.catalogId === catalogId);
  if (!found) throw notFound('Finding');
  return present(ctx, found);
}

/**
 * Footprint: registered = live AI systems of the inventory; unregistered discovered = findings with no live system
 * linked or matched automatically, whatever their decision except ignored; footprint = (registered + unregistered
 * discovered) ÷ registered.
 */
export async function discoveryFootprint(ctx: OrgContext): Promise<FootprintView> {
  if (!can(ctx.role, 'system.read')) throw forbidden();
  const { resolved, liveSystems } = await resolveFindings(ctx);
  const unregistered = resolved.filter((r) => r.system === null && r.row.decision !== 'ignored').length;
  return {
    registered: liveSystems,
    unregisteredDiscovered: unregistered,
    footprint: liveSystems === 0 ? null : Math.round(((liveSystems + unregistered) / liveSystems) * 100) / 100,
  };
}

const snapshot = (r: repo.FindingRow) => ({
  catalogId: r.catalogId,
  systemId: r.systemId,
  decision: r.decision,
  reason: r.reason,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

export async function decideFinding(ctx: OrgContext, catalogId: string, input: DecisionInput): Promise<FindingView> {
  if (!mayManageDiscovery(ctx.role)) throw forbidden();
  const data = parseOrThrow(decisionInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockFinding(tx, ctx.org.id, catalogId);
    if (!before) throw notFound('Finding');
    const after = await repo.updateFinding(tx, ctx.org.id, catalogId, {
      decision: data.decision,
      reason: data.reason,
      decidedBy: ctx.actor.label,
      decidedAt: new Date(),
    });
    if (!after) throw notFound('Finding');
    audit({
      action: 'discovery.decide',
      entityType: 'discovery_finding',
      entityId: catalogId,
      before: snapshot(before),
      after: snapshot(after),
    });
  });
  return getFinding(ctx, catalogId);
}

export async function linkFinding(ctx: OrgContext, catalogId: string, input: LinkInput): Promise<FindingView> {
  if (!mayManageDiscovery(ctx.role)) throw forbidden();
  const { systemId } = parseOrThrow(linkInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockFinding(tx, ctx.org.id, catalogId);
    if (!before) throw notFound('Finding');
    if (systemId && !(await repo.liveSystems(tx, ctx.org.id)).some((s) => s.id === systemId)) {
      throw invalid('Choose a live AI system of this organisation', [{ path: 'systemId', message: 'No such live AI system' }]);
    }
    const after = await repo.updateFinding(tx, ctx.org.id, catalogId, { systemId });
    if (!after) throw notFound('Finding');
    audit({
      action: 'discovery.link',
      entityType: 'discovery_finding',
      entityId: catalogId,
      before: snapshot(before),
      after: snapshot(after),
    });
  });
  return getFinding(ctx, catalogId);
}

const systemTypeOf: Record<AiServiceCategory, CreateSystemInput['type']> = {
  chat_assistant: 'general_purpose_assistant',
  code_assistant: 'vendor_saas_ai',
  image_video_generation: 'vendor_saas_ai',
  transcription: 'vendor_saas_ai',
  translation: 'vendor_saas_ai',
  writing: 'vendor_saas_ai',
  meeting_assistant: 'vendor_saas_ai',
  agent_platform: 'agent',
  model_api: 'in_house_app_third_party_model',
  saas_ai_feature: 'embedded_vendor_feature',
};

const categoryWords: Record<AiServiceCategory, string> = {
  chat_assistant: 'chat assistant',
  code_assistant: 'code assistant',
  image_video_generation: 'image and video generation',
  transcription: 'transcription',
  translation: 'translation',
  writing: 'writing assistant',
  meeting_assistant: 'meeting assistant',
  agent_platform: 'agent platform',
  model_api: 'model API',
  saas_ai_feature: 'AI feature of a SaaS product',
};

/**
 * Registers a discovered service as a draft AI system pre-filled from the catalogue (source "discovery") and links the
 * finding to it. A finding already registered (linked or matched) answers as it is: adding twice creates nothing.
 */
export async function addToInventory(ctx: OrgContext, catalogId: string): Promise<FindingView> {
  if (!can(ctx.role, 'system.create')) throw forbidden();
  const current = await getFinding(ctx, catalogId);
  if (current.system) return current;
  const catalogue = await orgCatalogue(ctx.db, ctx.org.id);
  const entry = catalogue.byId.get(catalogId);
  if (!entry) throw new AppError('conflict', 'This service is no longer in the catalogue; add it to the inventory by hand');
  const system = await createSystem(ctx, {
    name: entry.product,
    purpose: `Discovered in use: ${categoryWords[entry.category]} (${entry.product} by ${entry.provider}). Describe the purpose and intended use.`,
    type: systemTypeOf[entry.category],
    hosting: 'vendor',
    modelProviders: [entry.provider],
    decisionRole: 'informs',
    humanOversight: 'human_in_the_loop',
    tags: ['discovered'],
    registrationStatus: 'draft',
    source: 'discovery',
  });
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockFinding(tx, ctx.org.id, catalogId);
    if (!before) throw notFound('Finding');
    const after = await repo.updateFinding(tx, ctx.org.id, catalogId, { systemId: system.id });
    if (!after) throw notFound('Finding');
    audit({
      action: 'discovery.link',
      entityType: 'discovery_finding',
      entityId: catalogId,
      before: snapshot(before),
      after: snapshot(after),
    });
  });
  return getFinding(ctx, catalogId);
}
