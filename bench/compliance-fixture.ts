// The data directory of the compliance benchmarks: one organisation with 16 members, 40 vendors and 200 AI systems
// (as bench/fixture.ts builds them), an assessment of every built-in framework pack plus a few of single systems,
// 2,000 applied controls linked to 1–4 requirements across the packs and to some systems, 5,000 evidence items
// linked to requirements, controls, systems and assessment items, remediation actions on some gaps and a decided
// Statement of Applicability. The organisation, its first member and the token go through the `aims` CLI; the
// assessments, actions and SoA decisions through the services; controls and evidence as bulk Drizzle inserts
// (without audit entries: the audit log plays no part in what is measured), inserted BEFORE the assessments so that
// each assessment derives its item statuses from the controls as it is created. Deterministic (seeded).
import path from 'node:path';
import { openDatabase, type Database } from '../src/db/connect.js';
import { refreshPlannerStatistics } from '../src/db/maintenance.js';
import {
  aiSystems,
  appliedControls,
  assessmentItems,
  assessments,
  controlRequirements,
  controlSystems,
  evidenceItems,
  evidenceLinks,
} from '../src/db/schema.js';
import { and, eq, inArray } from 'drizzle-orm';
import { createAssessment } from '../src/modules/assessments/service.js';
import { controlStatuses } from '../src/modules/controls/schema.js';
import { controlFrequencies } from '../src/modules/frameworks/schema.js';
import { loadFrameworkCatalog } from '../src/modules/frameworks/load.js';
import type { FrameworkCatalog } from '../src/modules/frameworks/service.js';
import { listMembers } from '../src/modules/orgs/repo.js';
import { createActionFromGap } from '../src/modules/remediation/service.js';
import { acceptSuggestions, updateSoaEntry } from '../src/modules/soa/service.js';
import { generateSystems, members, rng } from './dataset.js';
import { addMembersAndVendors, loadSystems, orgContext, PASSWORD } from './fixture.js';
import { cliOk, log, tempDir, timed, type Store } from './support.js';

export const ISO_42001 = 'iso-iec-42001-2023';

export interface ComplianceFixture {
  store: Store;
  slug: string;
  orgId: string;
  token: string;
  /** the organisation-wide ISO/IEC 42001 assessment */
  isoAssessmentId: string;
  counts: Record<string, number>;
  /** item statuses over every assessment, and how many were set by hand */
  itemStatuses: Record<string, number>;
  timings: Record<string, number>;
}

export interface ComplianceFixtureOptions {
  systems?: number;
  controls?: number;
  evidence?: number;
}

const controlTopics = [
  'AI policy review',
  'Model risk assessment',
  'Training data provenance check',
  'Bias and fairness testing',
  'Human oversight procedure',
  'Incident response for AI',
  'Vendor AI due diligence',
  'Model change approval',
  'Explainability documentation',
  'Privacy impact assessment',
  'Access control to model artefacts',
  'Performance monitoring',
  'Drift detection',
  'Red-team exercise',
  'Customer disclosure of AI use',
  'Record keeping of AI decisions',
  'Staff AI awareness training',
  'Data retention for prompts',
  'Third-party model evaluation',
  'Impact assessment sign-off',
];
const areas = ['Retail banking', 'Insurance', 'Wealth', 'Treasury', 'Operations', 'HR', 'Compliance', 'IT', 'Claims', 'Marketing'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

/** n distinct elements of list (n ≤ list.length). */
function sample<T>(r: () => number, list: readonly T[], n: number): T[] {
  const out = new Set<T>();
  while (out.size < Math.min(n, list.length)) out.add(pick(r, list));
  return [...out];
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (base: Date, days: number) => new Date(base.getTime() + days * 86_400_000);

async function insertInBatches<T>(rows: T[], batch: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await insert(rows.slice(i, i + batch));
}

async function loadCompliance(
  database: Database,
  catalog: FrameworkCatalog,
  slug: string,
  o: Required<ComplianceFixtureOptions>,
  timings: Record<string, number>,
): Promise<{ isoAssessmentId: string; counts: Record<string, number>; itemStatuses: Record<string, number> }> {
  const r = rng(4242);
  const db = database.db;
  const ctx = await orgContext(database, slug);
  const orgId = ctx.org.id;
  const people = (await listMembers(db, orgId)).map((m) => m.userId);
  const systemIds = (await db.select({ id: aiSystems.id }).from(aiSystems).where(eq(aiSystems.orgId, orgId))).map((s) => s.id);
  const packs = catalog.packs();
  // Requirements a control can implement: ISO/IEC 42001 gets half of the links (it is the standard the AIMS is
  // built on), the other packs share the rest.
  const assessable = new Map(packs.map((p) => [p.id, p.requirements.filter((q) => q.assessable).map((q) => q.id)]));
  const now = new Date('2026-06-30T00:00:00Z');

  log(`compliance fixture: ${o.controls} applied controls with their requirement and system links`);
  timings.controlsInsertMs = (
    await timed(async () => {
      const controls = Array.from({ length: o.controls }, (_, i) => {
        const created = addDays(now, -Math.floor(r() * 700));
        const roll = r();
        return {
          orgId,
          name: `${pick(r, controlTopics)} — ${pick(r, areas)} #${i + 1}`,
          description: r() < 0.6 ? 'Performed and recorded by the control owner; results reviewed by the AI governance committee.' : null,
          ownerId: r() < 0.85 ? pick(r, people) : null,
          // mostly implemented or under way, as in an AIMS a year in
          status: roll < 0.45 ? 'implemented' : roll < 0.7 ? 'in_progress' : roll < 0.9 ? 'planned' : 'not_implemented',
          frequency: pick(r, controlFrequencies),
          createdAt: created,
          updatedAt: addDays(created, Math.floor(r() * 60)),
          archivedAt: r() < 0.03 ? addDays(created, 90) : null,
        } satisfies typeof appliedControls.$inferInsert;
      });
      for (const c of controls) if (!controlStatuses.includes(c.status as never)) throw new Error(`bad status ${c.status}`);
      const ids: string[] = [];
      await insertInBatches(controls, 500, async (chunk) =>
        ids.push(...(await db.insert(appliedControls).values(chunk).returning({ id: appliedControls.id })).map((x) => x.id)),
      );
      const links: (typeof controlRequirements.$inferInsert)[] = [];
      const scopes: (typeof controlSystems.$inferInsert)[] = [];
      const others = packs.filter((p) => p.id !== ISO_42001).map((p) => p.id);
      for (const controlId of ids) {
        const n = 1 + Math.floor(r() * 4);
        const refs = new Set<string>();
        for (let k = 0; k < n; k++) {
          const framework = r() < 0.5 ? ISO_42001 : pick(r, others);
          refs.add(`${framework}\u0000${pick(r, assessable.get(framework)!)}`);
        }
        for (const ref of refs) {
          const [framework, requirementId] = ref.split('\u0000') as [string, string];
          links.push({ orgId, controlId, framework, requirementId });
        }
        // a third of the controls apply to one to three systems; the rest to the whole organisation
        if (r() < 0.33) for (const systemId of sample(r, systemIds, 1 + Math.floor(r() * 3))) scopes.push({ orgId, controlId, systemId });
      }
      await insertInBatches(links, 1000, (chunk) => db.insert(controlRequirements).values(chunk));
      await insertInBatches(scopes, 1000, (chunk) => db.insert(controlSystems).values(chunk));
      timings.controlRequirementLinks = links.length;
      timings.controlSystemLinks = scopes.length;
    })
  ).ms;

  // The server gathers planner statistics when it starts (PGlite has no autovacuum); the services used below need
  // them too, or PGlite plans the evidence and control joins as nested loops over never-analysed tables.
  await refreshPlannerStatistics(db);
  log(`compliance fixture: an assessment of each of the ${packs.length} packs, and of single systems`);
  let isoAssessmentId = '';
  timings.assessmentsCreateMs = (
    await timed(async () => {
      for (const p of packs) {
        const a = await createAssessment(ctx, catalog, { framework: p.id });
        if (p.id === ISO_42001) isoAssessmentId = a.id;
      }
      for (const systemId of systemIds.slice(0, 6)) await createAssessment(ctx, catalog, { framework: ISO_42001, systemId });
      for (const systemId of systemIds.slice(6, 8)) await createAssessment(ctx, catalog, { framework: 'eu-ai-act-2024-1689', systemId });
    })
  ).ms;

  // A person overrides part of the statuses (with a reason), and fills in owners, due dates and gap descriptions.
  log('compliance fixture: manual statuses, owners, due dates and gap descriptions on items');
  const items = await db
    .select({ id: assessmentItems.id, status: assessmentItems.status })
    .from(assessmentItems)
    .where(eq(assessmentItems.orgId, orgId));
  timings.itemsEditMs = (
    await timed(async () => {
      await db.transaction(async (tx) => {
        for (const item of items) {
          const manual = r() < 0.2;
          const status = manual ? pick(r, ['met', 'partially_met', 'gap', 'not_applicable', 'met'] as const) : item.status;
          const set: Partial<typeof assessmentItems.$inferInsert> = {
            ownerId: r() < 0.7 ? pick(r, people) : null,
            dueDate: r() < 0.5 ? isoDate(addDays(now, Math.floor(r() * 365) - 60)) : null,
            maturity: r() < 0.4 ? 1 + Math.floor(r() * 5) : null,
          };
          if (manual) Object.assign(set, { status, statusSource: 'manual', overrideReason: 'Reviewed in the quarterly AIMS review' });
          if (status === 'not_applicable') set.justification = 'Not relevant to our use of AI: no such processing takes place.';
          if (status === 'gap' || status === 'partially_met')
            set.gapDescription = 'Procedure exists in draft; evidence of operation missing.';
          await tx.update(assessmentItems).set(set).where(eq(assessmentItems.id, item.id));
        }
      });
    })
  ).ms;

  log(`compliance fixture: ${o.evidence} evidence items with their links`);
  const controlIds = (await db.select({ id: appliedControls.id }).from(appliedControls).where(eq(appliedControls.orgId, orgId))).map(
    (c) => c.id,
  );
  const requirementKeys = [...assessable].flatMap(([framework, ids]) => ids.map((id) => `${framework}:${id}`));
  const isoKeys = assessable.get(ISO_42001)!.map((id) => `${ISO_42001}:${id}`);
  timings.evidenceInsertMs = (
    await timed(async () => {
      const evidence = Array.from({ length: o.evidence }, (_, i) => {
        const collected = addDays(now, -Math.floor(r() * 500));
        const kind = r() < 0.6 ? 'link' : 'note';
        const expiry = r();
        return {
          orgId,
          kind,
          title: `${pick(r, ['Minutes', 'Test report', 'Review record', 'Sign-off', 'Training log', 'Policy', 'Screenshot'])}: ${pick(r, controlTopics)} ${i + 1}`,
          url: kind === 'link' ? `https://intranet.acme-fin.example/docs/${i + 1}` : null,
          note: kind === 'note' ? 'Reviewed by the control owner; no exceptions noted.' : null,
          ownerId: r() < 0.8 ? pick(r, people) : null,
          collectedOn: isoDate(collected),
          // some expired, some expiring soon, most valid, some without expiry
          expiresOn:
            expiry < 0.15 ? isoDate(addDays(now, -Math.floor(r() * 200))) : expiry < 0.85 ? isoDate(addDays(collected, 365)) : null,
          createdAt: collected,
          updatedAt: collected,
          archivedAt: r() < 0.02 ? addDays(collected, 30) : null,
        } satisfies typeof evidenceItems.$inferInsert;
      });
      const ids: string[] = [];
      await insertInBatches(evidence, 500, async (chunk) =>
        ids.push(...(await db.insert(evidenceItems).values(chunk).returning({ id: evidenceItems.id })).map((x) => x.id)),
      );
      const links = new Map<string, typeof evidenceLinks.$inferInsert>();
      const add = (evidenceId: string, targetType: string, targetKey: string) =>
        links.set(`${evidenceId}|${targetType}|${targetKey}`, { orgId, evidenceId, targetType, targetKey });
      for (const evidenceId of ids) {
        const n = 1 + Math.floor(r() * 3);
        for (let k = 0; k < n; k++) {
          const t = r();
          if (t < 0.4) add(evidenceId, 'control', pick(r, controlIds));
          else if (t < 0.7) add(evidenceId, 'requirement', r() < 0.5 ? pick(r, isoKeys) : pick(r, requirementKeys));
          else if (t < 0.85) add(evidenceId, 'system', pick(r, systemIds));
          else add(evidenceId, 'assessment_item', pick(r, items).id);
        }
      }
      await insertInBatches([...links.values()], 1000, (chunk) => db.insert(evidenceLinks).values(chunk));
      timings.evidenceLinks = links.size;
    })
  ).ms;

  await refreshPlannerStatistics(db);

  // Remediation actions on every fifth open gap of the ISO/IEC 42001 and EU AI Act assessments (through the service:
  // it prices each action).
  log('compliance fixture: remediation actions on some gaps');
  timings.actionsCreateMs = (
    await timed(async () => {
      const gaps = await db
        .select({ assessmentId: assessmentItems.assessmentId, requirementId: assessmentItems.requirementId })
        .from(assessmentItems)
        .innerJoin(assessments, eq(assessments.id, assessmentItems.assessmentId))
        .where(
          and(
            eq(assessmentItems.orgId, orgId),
            inArray(assessments.framework, [ISO_42001, 'eu-ai-act-2024-1689']),
            inArray(assessmentItems.status, ['gap', 'partially_met']),
          ),
        );
      let n = 0;
      for (const [i, g] of gaps.entries()) {
        if (i % 5 !== 0) continue;
        await createActionFromGap(ctx, catalog, g.assessmentId, g.requirementId, {
          ownerId: pick(r, people),
          dueDate: isoDate(addDays(now, 30 + i)),
        });
        n++;
      }
      timings.remediationActions = n;
    })
  ).ms;

  // The SoA: every suggestion accepted (English), then implementation statuses and owners on the applicable ones.
  log('compliance fixture: Statement of Applicability decisions');
  timings.soaMs = (
    await timed(async () => {
      await acceptSuggestions(ctx, catalog, { lang: 'en' });
      const annex = catalog.pack(ISO_42001)!.requirements.filter((q) => q.kind === 'control');
      for (const [i, c] of annex.entries()) {
        const applicable = i % 12 !== 11;
        await updateSoaEntry(ctx, catalog, c.id, {
          applicable,
          justification: applicable
            ? `Applies: ${areas.length} business areas use AI systems that this control governs.`
            : 'Not applicable: the organisation neither develops nor provides such AI systems to third parties.',
          implementationStatus: applicable ? pick(r, ['implemented', 'implemented', 'in_progress', 'planned'] as const) : 'not_started',
          ownerId: pick(r, people),
        });
      }
    })
  ).ms;

  const statusRows = await db
    .select({ status: assessmentItems.status, source: assessmentItems.statusSource })
    .from(assessmentItems)
    .where(eq(assessmentItems.orgId, orgId));
  const itemStatuses: Record<string, number> = {};
  for (const s of statusRows) {
    itemStatuses[s.status] = (itemStatuses[s.status] ?? 0) + 1;
    if (s.source === 'manual') itemStatuses.manual = (itemStatuses.manual ?? 0) + 1;
  }
  const counts = {
    members: people.length,
    systems: systemIds.length,
    frameworkPacks: packs.length,
    assessments: packs.length + 8,
    assessmentItems: items.length,
    appliedControls: o.controls,
    controlRequirementLinks: timings.controlRequirementLinks!,
    controlSystemLinks: timings.controlSystemLinks!,
    evidenceItems: o.evidence,
    evidenceLinks: timings.evidenceLinks!,
    remediationActions: timings.remediationActions!,
    soaEntries: catalog.pack(ISO_42001)!.requirements.filter((q) => q.kind === 'control').length,
  };
  for (const k of ['controlRequirementLinks', 'controlSystemLinks', 'evidenceLinks', 'remediationActions']) delete timings[k];
  return { isoAssessmentId, counts, itemStatuses };
}

export async function buildComplianceFixture(options: ComplianceFixtureOptions = {}): Promise<ComplianceFixture> {
  const o: Required<ComplianceFixtureOptions> = { systems: 200, controls: 2000, evidence: 5000, ...options };
  const store: Store = { dataDir: path.join(tempDir('compliance'), 'data') };
  const slug = 'acme-fin';
  const timings: Record<string, number> = {};
  const owner = members[0]!;

  log('compliance fixture: aims orgs create, aims users create');
  timings.cliOrgsCreateNewDirMs = (await cliOk(store, ['orgs', 'create', '--name', 'Acme Financial Group', '--slug', slug])).ms;
  await cliOk(store, [
    'users',
    'create',
    '--email',
    owner.email,
    '--password',
    PASSWORD,
    '--org',
    slug,
    '--role',
    owner.role,
    '--name',
    owner.displayName,
  ]);

  log(`compliance fixture: members, vendors and ${o.systems} systems in-process`);
  const catalog = loadFrameworkCatalog();
  const database = await openDatabase({ dataDir: store.dataDir! });
  let result: Awaited<ReturnType<typeof loadCompliance>>;
  let orgId: string;
  try {
    timings.membersAndVendorsMs = (await timed(() => addMembersAndVendors(database, slug, true))).ms;
    timings.systemsInsertMs = (await timed(() => loadSystems(database, slug, generateSystems(o.systems)))).ms;
    orgId = (await orgContext(database, slug)).org.id;
    result = await loadCompliance(database, catalog, slug, o, timings);
  } finally {
    await database.close();
  }

  const tokenRun = await cliOk(store, ['tokens', 'create', '--org', slug, '--role', 'governance_lead', '--name', 'bench']);
  const token = tokenRun.stdout.trim();
  if (!token.startsWith('aims_')) throw new Error(`unexpected token output: ${token}`);
  for (const [k, v] of Object.entries(timings)) timings[k] = Math.round(v);
  return { store, slug, orgId, token, timings, ...result };
}
