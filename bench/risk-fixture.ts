// The data directory of the risk register benchmark: one organisation with 16 members, 40 vendors, 300 AI systems
// (as bench/fixture.ts builds them), 400 applied controls and 5,000 risks: 90 % on a system, the rest
// organisation-wide; likelihood and impact spread over the 5×5 matrix; every status; treatments and residual values
// where the status implies them; owners (some unassigned); review dates around today; about 40 % with 1–3 linked
// controls. The organisation, its first member and the token go through the `aims` CLI; controls and risks as bulk
// Drizzle inserts without audit entries (the audit log plays no part in what is measured). Deterministic (seeded).
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/db/connect.js';
import { refreshPlannerStatistics } from '../src/db/maintenance.js';
import { aiSystems, appliedControls, riskControls, risks, riskSettings } from '../src/db/schema.js';
import { controlStatuses } from '../src/modules/controls/schema.js';
import { listMembers } from '../src/modules/orgs/repo.js';
import { defaultRiskSettings } from '../src/modules/risks/matrix.js';
import { generateSystems, members, rng } from './dataset.js';
import { addMembersAndVendors, loadSystems, orgContext, PASSWORD } from './fixture.js';
import { cliOk, log, tempDir, timed, type Store } from './support.js';

export interface RiskFixture {
  store: Store;
  slug: string;
  token: string;
  /** a system with many risks, an owner, for the filters */
  systemId: string;
  ownerId: string;
  counts: Record<string, number>;
  statuses: Record<string, number>;
  timings: Record<string, number>;
}

export interface RiskFixtureOptions {
  systems?: number;
  controls?: number;
  risks?: number;
}

const topics = [
  'Model drift degrades accuracy',
  'Biased outcomes for applicants',
  'Personal data used beyond purpose',
  'Hallucinated answers to customers',
  'Vendor changes the model without notice',
  'Prompt injection leaks data',
  'Training data lacks provenance',
  'No human review of automated decisions',
  'Customers not told AI is used',
  'Cross-border transfer of personal data',
  'Explanations not available on request',
  'Model outage halts the service',
  'Excessive energy use of retraining',
  'Staff over-rely on suggestions',
  'Security weakness in model hosting',
];
const riskSources = ['C.3.1', 'C.3.2', 'C.3.3', 'C.3.4', 'C.3.5', 'C.3.6', 'C.3.7'];
const objectives = ['C.2.1', 'C.2.2', 'C.2.3', 'C.2.4', 'C.2.5', 'C.2.6', 'C.2.7', 'C.2.8', 'C.2.9', 'C.2.10', 'C.2.11'];
const treatments = ['mitigate', 'mitigate', 'mitigate', 'accept', 'transfer', 'avoid'] as const;
/** identified 20 %, assessed 20 %, treated 35 %, accepted 15 %, closed 10 % */
const statusWheel = ['identified', 'identified', 'assessed', 'assessed', 'treated', 'treated', 'treated', 'treated', 'accepted', 'closed'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (base: Date, days: number) => new Date(base.getTime() + days * 86_400_000);

async function insertInBatches<T>(rows: T[], batch: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await insert(rows.slice(i, i + batch));
}

export async function buildRiskFixture(options: RiskFixtureOptions = {}): Promise<RiskFixture> {
  const o: Required<RiskFixtureOptions> = { systems: 300, controls: 400, risks: 5000, ...options };
  const store: Store = { dataDir: path.join(tempDir('risks'), 'data') };
  const slug = 'acme-fin';
  const timings: Record<string, number> = {};
  const owner = members[0]!;

  log('risk fixture: aims orgs create, aims users create');
  await cliOk(store, ['orgs', 'create', '--name', 'Acme Financial Group', '--slug', slug]);
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

  log(`risk fixture: members, vendors and ${o.systems} systems, ${o.controls} controls, ${o.risks} risks`);
  const database = await openDatabase({ dataDir: store.dataDir! });
  const r = rng(7171);
  const statuses: Record<string, number> = {};
  let systemId: string;
  let ownerId: string;
  let links = 0;
  try {
    timings.membersAndVendorsMs = (await timed(() => addMembersAndVendors(database, slug, true))).ms;
    timings.systemsInsertMs = (await timed(() => loadSystems(database, slug, generateSystems(o.systems)))).ms;
    const db = database.db;
    const orgId = (await orgContext(database, slug)).org.id;
    const people = (await listMembers(db, orgId)).map((m) => m.userId);
    const systemIds = (await db.select({ id: aiSystems.id }).from(aiSystems).where(eq(aiSystems.orgId, orgId))).map((s) => s.id);
    systemId = systemIds[0]!;
    ownerId = people[1]!;
    const now = new Date('2026-11-28T00:00:00Z');

    timings.insertMs = (
      await timed(async () => {
        await db.insert(riskSettings).values({ orgId, ...defaultRiskSettings });
        const controlIds: string[] = [];
        await insertInBatches(
          Array.from({ length: o.controls }, (_, i) => ({
            orgId,
            name: `Control ${String(i + 1).padStart(3, '0')}: ${pick(r, topics).toLowerCase()} safeguard`,
            status: pick(r, controlStatuses),
            frequency: 'annual',
          })),
          500,
          async (chunk) =>
            controlIds.push(...(await db.insert(appliedControls).values(chunk).returning({ id: appliedControls.id })).map((c) => c.id)),
        );
        const rows = Array.from({ length: o.risks }, (_, i) => {
          const status = pick(r, statusWheel);
          statuses[status] = (statuses[status] ?? 0) + 1;
          const likelihood = int(r, 1, 5);
          const impact = int(r, 1, 5);
          const treated = status === 'treated' || status === 'accepted' || (status === 'closed' && r() < 0.5);
          const treatment = treated ? pick(r, treatments) : null;
          const residual = treated && r() < 0.85;
          const updatedAt = addDays(now, -int(r, 0, 730));
          return {
            orgId,
            // the first system carries 200 risks, the rest spread over all systems, 10 % organisation-wide
            systemId: i < 200 ? systemId : r() < 0.1 ? null : pick(r, systemIds),
            title: `${pick(r, topics)} (${i + 1})`,
            description: r() < 0.5 ? 'Identified in the annual AI risk workshop; see the treatment plan.' : null,
            riskSource: pick(r, riskSources),
            objective: pick(r, objectives),
            likelihood,
            impact,
            treatment,
            treatmentJustification: treatment && treatment !== 'mitigate' ? 'Decided by the AI risk committee' : null,
            residualLikelihood: residual ? int(r, 1, likelihood) : null,
            residualImpact: residual ? int(r, 1, impact) : null,
            ownerId: r() < 0.9 ? pick(r, people) : null,
            reviewDate: r() < 0.85 ? isoDate(addDays(now, int(r, -180, 365))) : null,
            status,
            acceptedBy: status === 'accepted' ? people[0]! : null,
            acceptedByName: status === 'accepted' ? owner.displayName : null,
            acceptedAt: status === 'accepted' ? updatedAt : null,
            createdAt: addDays(updatedAt, -int(r, 0, 365)),
            updatedAt,
          };
        });
        const riskIds: string[] = [];
        await insertInBatches(rows, 500, async (chunk) =>
          riskIds.push(...(await db.insert(risks).values(chunk).returning({ id: risks.id })).map((x) => x.id)),
        );
        const pairs = new Map<string, { orgId: string; riskId: string; controlId: string }>();
        for (const riskId of riskIds) {
          if (r() >= 0.4) continue;
          for (let k = int(r, 1, 3); k > 0; k--) {
            const controlId = pick(r, controlIds);
            pairs.set(`${riskId}:${controlId}`, { orgId, riskId, controlId });
          }
        }
        links = pairs.size;
        await insertInBatches([...pairs.values()], 1000, (chunk) => db.insert(riskControls).values(chunk));
      })
    ).ms;
    await refreshPlannerStatistics(db);
  } finally {
    await database.close();
  }

  const tokenRun = await cliOk(store, ['tokens', 'create', '--org', slug, '--role', 'governance_lead', '--name', 'bench']);
  const token = tokenRun.stdout.trim();
  if (!token.startsWith('aims_')) throw new Error(`unexpected token output: ${token}`);
  for (const [k, v] of Object.entries(timings)) timings[k] = Math.round(v);
  return {
    store,
    slug,
    token,
    systemId,
    ownerId,
    counts: { systems: o.systems, controls: o.controls, risks: o.risks, riskControlLinks: links, members: members.length },
    statuses,
    timings,
  };
}
