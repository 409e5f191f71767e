import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/modules/audit-log/service.js';
import { snapshotSystem } from '../../src/modules/systems/present.js';
import { lockSystem } from '../../src/modules/systems/repo.js';
import { auditListQuery } from '../../src/modules/audit-log/schema.js';
import { importRegister } from '../../src/modules/transfer/import.js';
import { readTable } from '../../src/modules/transfer/read-table.js';
import { engines, openTestDatabase, type TestDatabase } from '../support/engines.js';
import { buildOrg, type TestOrg } from '../support/factories.js';
import { csvFile } from './spreadsheets.js';

describe.each(engines)('audit entries of an import on %s', (engine) => {
  let database: TestDatabase;
  let org: TestOrg;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await buildOrg(database.db, 'bulk');
  });
  afterAll(async () => database?.drop());

  it('record each imported system exactly as it was stored', async () => {
    const table = await readTable(
      csvFile([
        [
          'Name',
          'Purpose and intended use',
          'Type',
          'Hosting',
          'Decision role',
          'Human oversight',
          'Tags',
          'Next review date',
          'Accountable owner',
          'Registration status',
        ],
        [
          'Bulk one',
          'Sorts tickets',
          'agent',
          'cloud',
          'recommends',
          'human_on_the_loop',
          'a; b',
          '2027-03-01',
          org.users.system_owner.email,
          'registered',
        ],
        ['Bulk two', 'Drafts replies', 'Agent', 'Vendor-hosted', 'Informs a human decision', 'Human-in-the-loop', '', '', '', ''],
      ]),
      'bulk.csv',
    );
    const outcome = await importRegister(org.ctx, 'systems', table, { dryRun: false });
    expect(outcome).toMatchObject({ createdRows: 2, errors: [] });
    const entries = await listAuditEntries(org.ctx, auditListQuery.parse({ action: 'system.create', limit: 10 }));
    expect(entries.items).toHaveLength(2);
    for (const entry of entries.items) {
      const stored = await lockSystem(database.db, org.ctx.org.id, entry.entityId ?? '');
      expect(stored).toBeDefined();
      expect(entry.after).toEqual(JSON.parse(JSON.stringify(snapshotSystem(stored!))));
    }
  });
});
