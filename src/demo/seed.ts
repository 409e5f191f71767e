import type { Db } from '../db/connect.js';
import { systemActor, type OrgContext } from '../server/context.js';
import { createOrganization } from '../modules/orgs/service.js';
import { findOrgBySlug } from '../modules/orgs/repo.js';
import { createSystem } from '../modules/systems/service.js';
import { createUser } from '../modules/users/service.js';
import { createVendor } from '../modules/vendors/service.js';
import { loadFrameworkCatalog } from '../modules/frameworks/load.js';
import type { FrameworkCatalog } from '../modules/frameworks/service.js';
import { seedDemoCompliance } from './seed-compliance.js';
import { seedDemoRisk } from './seed-risk.js';
import { seedDemoThirdParty } from './seed-third-party.js';
import { seedDemoAssurance } from './seed-assurance.js';
import { seedDemoAlerts } from './seed-alerts.js';
import { seedDemoTelemetry } from './seed-telemetry.js';
import { assuranceEnv } from '../modules/assurance/env.js';
import { EvidenceStore } from '../modules/evidence/store.js';
import { DEMO_NAME, DEMO_PASSWORD, DEMO_SLUG, demoSystems, demoUsers, demoVendors } from './harbour-point.js';

/**
 * Loads the demo organisation through the same services as everything else, so its history is in the audit
 * trail. Returns false when it is already there.
 */
export interface DemoOptions {
  catalog?: FrameworkCatalog;
  /** where evidence files go; without it the demo's file evidence is left out */
  evidenceDir?: string;
}

export async function seedDemo(db: Db, options: DemoOptions = {}): Promise<boolean> {
  const catalog = options.catalog ?? loadFrameworkCatalog();
  const evidence = options.evidenceDir ? { catalog, store: new EvidenceStore(options.evidenceDir) } : null;
  if (await findOrgBySlug(db, DEMO_SLUG)) return false;
  const actor = systemActor('system (demo loader)');
  const org = await createOrganization(db, actor, { name: DEMO_NAME, slug: DEMO_SLUG, isDemo: true });
  const userIds = new Map<string, string>();
  for (const u of demoUsers) {
    const created = await createUser(db, actor, {
      email: u.email,
      password: DEMO_PASSWORD,
      displayName: u.displayName,
      orgSlug: DEMO_SLUG,
      role: u.role,
    });
    userIds.set(u.key, created.userId);
  }
  const ctx: OrgContext = { db, actor, org: { id: org.id, slug: org.slug, name: org.name }, role: 'owner', requestId: null };
  const vendorIds = new Map<string, string>();
  for (const { key, ...v } of demoVendors) vendorIds.set(key, (await createVendor(ctx, v)).id);
  const systemIds = new Map<string, string>();
  for (const { accountable, technical, vendor, ...s } of demoSystems) {
    const created = await createSystem(ctx, {
      ...s,
      accountableOwnerId: accountable ? userIds.get(accountable) : null,
      technicalOwnerId: technical ? userIds.get(technical) : null,
      vendorId: vendor ? vendorIds.get(vendor) : null,
    });
    systemIds.set(created.name, created.id);
  }
  await seedDemoCompliance(ctx, catalog, userIds, systemIds, evidence);
  await seedDemoRisk(ctx, systemIds);
  await seedDemoThirdParty(ctx, vendorIds, systemIds);
  await seedDemoTelemetry(db, org.id, systemIds);
  await seedDemoAlerts(ctx, systemIds);
  if (options.evidenceDir) await seedDemoAssurance(ctx, assuranceEnv(catalog, options.evidenceDir), systemIds);
  return true;
}
