import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemListIndex } from '../../src/modules/systems/list-index.js';
import * as repo from '../../src/modules/systems/repo.js';
import {
  dataCategories,
  lifecycleStages,
  registrationStatuses,
  systemListQuery,
  systemSortKeys,
  systemTypes,
  type CreateSystemInput,
} from '../../src/modules/systems/schema.js';
import { archiveSystem, createSystem, updateSystem } from '../../src/modules/systems/service.js';
import { createVendor, updateVendor } from '../../src/modules/vendors/service.js';
import { engines, openTestDatabase, type TestDatabase } from '../support/engines.js';
import { buildOrg, buildSystem, buildVendor, type TestOrg } from '../support/factories.js';

/**
 * The embedded database answers list requests from an in-memory read model; PostgreSQL answers them in SQL. Both
 * must give the same page and total for any query: this compares them on the same data.
 */
const words = [
  'Claims',
  'claims',
  'CRM',
  'Résumé',
  'résumé',
  '客戶',
  '個人資料',
  'chat_bot',
  '100%',
  'a\\b',
  'Zoë',
  'Ärger',
  'émoji 🤖',
  'tag',
];
const text = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

describe.each(engines)('the in-memory list agrees with SQL on %s', (engine) => {
  let database: TestDatabase;
  let org: TestOrg;
  let owners: string[];
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await buildOrg(database.db, 'agree');
    owners = [org.users.system_owner.id, org.users.contributor.id];
    const systems = fc.sample(
      fc.record({
        name: text,
        purpose: text,
        businessUnit: fc.option(text, { nil: null }),
        type: fc.constantFrom(...systemTypes),
        lifecycleStage: fc.constantFrom(...lifecycleStages),
        registrationStatus: fc.constantFrom(...registrationStatuses),
        dataCategories: fc.subarray(dataCategories.filter((c) => c !== 'none')),
        tags: fc.array(fc.constantFrom(...words), { maxLength: 3 }),
        nextReviewDate: fc.option(fc.constantFrom('2026-12-31', '2027-01-15', '2027-06-30'), { nil: null }),
        owner: fc.constantFrom(0, 1),
        archived: fc.boolean(),
      }),
      { numRuns: 160, seed: 7 },
    );
    for (const s of systems) {
      const input: CreateSystemInput = buildSystem({
        name: s.name,
        purpose: s.purpose,
        businessUnit: s.businessUnit,
        type: s.type,
        lifecycleStage: s.lifecycleStage,
        registrationStatus: s.registrationStatus,
        accountableOwnerId: owners[s.owner],
        dataCategories: s.dataCategories,
        tags: s.tags,
        nextReviewDate: s.nextReviewDate,
      });
      const created = await createSystem(org.ctx, input);
      if (s.archived) await archiveSystem(org.ctx, created.id);
    }
  });
  afterAll(async () => database?.drop());

  it('gives the same page and total for generated queries', async () => {
    const index = new SystemListIndex();
    const query = fc.record(
      {
        q: fc.constantFrom('claims', 'RÉSUMÉ', '客戶', '_', '%', '\\', 'zoë', 'ärger', 'tag crm', 'e'),
        type: fc.subarray([...systemTypes], { minLength: 1 }),
        stage: fc.subarray([...lifecycleStages], { minLength: 1 }),
        status: fc.constantFrom(...registrationStatuses),
        owner: fc.constantFrom(...owners),
        dataCategory: fc.constantFrom(...dataCategories),
        archived: fc.constantFrom('exclude', 'include', 'only'),
        sort: fc.constantFrom(...systemSortKeys),
        order: fc.constantFrom('asc', 'desc'),
        limit: fc.integer({ min: 1, max: 60 }),
        offset: fc.integer({ min: 0, max: 120 }),
      },
      { requiredKeys: ['sort', 'order'] },
    );
    await fc.assert(
      fc.asyncProperty(query, async (raw) => {
        const q = systemListQuery.parse(raw);
        const sql = await repo.listSystems(database.db, org.ctx.org.id, q);
        const memory = await index.list(database.db, org.ctx.org.id, q);
        expect(memory.total).toBe(sql.total);
        expect(memory.rows.map((r) => r.system.id)).toEqual(sql.rows.map((r) => r.system.id));
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('sees a write on the next read', async () => {
    const index = new SystemListIndex();
    const q = systemListQuery.parse({ q: 'fresh-after-write' });
    expect((await index.list(database.db, org.ctx.org.id, q)).total).toBe(0);
    const created = await createSystem(org.ctx, buildSystem({ name: 'fresh-after-write' }));
    expect((await index.list(database.db, org.ctx.org.id, q)).rows.map((r) => r.system.id)).toEqual([created.id]);
    await archiveSystem(org.ctx, created.id);
    expect((await index.list(database.db, org.ctx.org.id, q)).total).toBe(0);
  });

  it('stays equal to SQL through edits, renames and archiving (patched, not rebuilt)', async () => {
    const index = new SystemListIndex();
    const byName = systemListQuery.parse({ sort: 'name', limit: 200 });
    const agree = async () => {
      for (const q of [byName, systemListQuery.parse({ sort: 'updatedAt', order: 'desc', limit: 200, archived: 'include' })]) {
        const sql = await repo.listSystems(database.db, org.ctx.org.id, q);
        const memory = await index.list(database.db, org.ctx.org.id, q);
        expect(memory.total).toBe(sql.total);
        expect(memory.rows.map((r) => [r.system.id, r.system.name, r.vendor?.name ?? null])).toEqual(
          sql.rows.map((r) => [r.system.id, r.system.name, r.vendor?.name ?? null]),
        );
      }
    };
    const vendor = await createVendor(org.ctx, buildVendor({ name: 'Patch Vendor' }));
    const a = await createSystem(org.ctx, buildSystem({ name: 'AAA patched', vendorId: vendor.id }));
    await agree();
    await updateSystem(org.ctx, a.id, { name: 'ZZZ patched' });
    await agree();
    await updateVendor(org.ctx, vendor.id, { name: 'Renamed Vendor' });
    await agree();
    await archiveSystem(org.ctx, a.id);
    await agree();
  });
});
