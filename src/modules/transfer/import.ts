import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { OrgContext } from '../../server/context.js';
import { forbidden } from '../../server/errors.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { listMembers } from '../orgs/repo.js';
import { snapshotSystem } from '../systems/present.js';
import * as systemsRepo from '../systems/repo.js';
import { createSystemInput } from '../systems/schema.js';
import { checkReferences } from '../systems/service.js';
import { snapshotVendor } from '../vendors/service.js';
import * as vendorsRepo from '../vendors/repo.js';
import { createVendorInput } from '../vendors/schema.js';
import { systemColumns, vendorColumns } from './columns.js';
import type { Table } from './read-table.js';
import { AMBIGUOUS, convertRows, mapHeaders, type Lookups } from './rows.js';
import type { RowError, TransferEntity } from './schema.js';

export interface ImportProgress {
  totalRows: number;
  processedRows: number;
}

export interface ImportOutcome {
  totalRows: number;
  createdRows: number;
  errors: RowError[];
  ignoredHeaders: string[];
}

async function loadLookups(ctx: OrgContext): Promise<Lookups> {
  const [members, vendors] = await Promise.all([listMembers(ctx.db, ctx.org.id), vendorsRepo.liveVendorNames(ctx.db, ctx.org.id)]);
  const personByKey = new Map<string, string | typeof AMBIGUOUS>();
  // Names first, so that an e-mail address always wins over a display name that happens to equal it. A name two
  // members share identifies neither.
  for (const m of members) {
    const key = m.displayName.toLowerCase();
    personByKey.set(key, personByKey.has(key) ? AMBIGUOUS : m.userId);
  }
  for (const m of members) personByKey.set(m.email.toLowerCase(), m.userId);
  return { personByKey, vendorByName: new Map(vendors.map((v) => [v.name.toLowerCase(), v.id])) };
}

/**
 * Validates every row of a spreadsheet and, unless it is a dry run or any row has an error, writes them all in
 * one transaction with their audit entries. Nothing is written when anything is wrong.
 */
export async function importRegister(
  ctx: OrgContext,
  entity: TransferEntity,
  table: Table,
  options: { dryRun: boolean; onProgress?: (p: ImportProgress) => Promise<void> | void },
): Promise<ImportOutcome> {
  if (!can(ctx.role, 'import.run')) throw forbidden();
  const headerMap = mapHeaders(table.headers, entity === 'systems' ? systemColumns : vendorColumns);
  const base = { totalRows: table.rows.length, createdRows: 0, ignoredHeaders: headerMap.ignored };
  if (headerMap.errors.length) return { ...base, errors: headerMap.errors };

  const lookups = await loadLookups(ctx);
  const progress = async (processedRows: number) => {
    await options.onProgress?.({ totalRows: table.rows.length, processedRows });
    await yieldToEventLoop(); // let the server answer other requests during a long validation
  };
  return entity === 'systems'
    ? importSystems(ctx, table, headerMap, lookups, options.dryRun, progress, base)
    : importVendors(ctx, table, headerMap, lookups, options.dryRun, progress, base);
}

type Base = Omit<ImportOutcome, 'errors'>;

async function importSystems(
  ctx: OrgContext,
  table: Table,
  headerMap: ReturnType<typeof mapHeaders>,
  lookups: Lookups,
  dryRun: boolean,
  progress: (n: number) => Promise<void>,
  base: Base,
): Promise<ImportOutcome> {
  const { rows, errors } = await convertRows(table, headerMap, createSystemInput, lookups, progress);
  if (errors.length || dryRun) return { ...base, errors };
  const created = await withAudit(ctx, async (tx, audit) => {
    // References are checked again inside the transaction: a member or vendor may have gone meanwhile.
    const issuesOf = await checkReferences(
      tx,
      ctx.org.id,
      rows.map((r) => r.value),
    );
    const late = rows.flatMap((r) =>
      issuesOf(r.value).map((i) => ({ row: r.row, column: headerMap.headerOf(i.path), message: i.message })),
    );
    if (late.length) return late;
    const inserted = await systemsRepo.insertSystemsInBulk(
      tx,
      rows.map((r) => ({ ...r.value, id: randomUUID(), source: 'import', orgId: ctx.org.id })),
    );
    for (const s of inserted) audit({ action: 'system.create', entityType: 'ai_system', entityId: s.id, after: snapshotSystem(s) });
    audit({ action: 'import.complete', entityType: 'import', entityId: null, after: { entity: 'systems', rows: inserted.length } });
    return inserted.length;
  });
  return typeof created === 'number' ? { ...base, createdRows: created, errors: [] } : { ...base, errors: created };
}

async function importVendors(
  ctx: OrgContext,
  table: Table,
  headerMap: ReturnType<typeof mapHeaders>,
  lookups: Lookups,
  dryRun: boolean,
  progress: (n: number) => Promise<void>,
  base: Base,
): Promise<ImportOutcome> {
  const { rows, errors } = await convertRows(table, headerMap, createVendorInput, lookups, progress);
  const nameHeader = table.headers[[...headerMap.byPosition].find(([, c]) => c.field === 'name')?.[0] ?? 0] ?? 'Name';
  const firstRowOfName = new Map<string, number>();
  for (const r of rows) {
    const key = r.value.name.toLowerCase();
    const earlier = firstRowOfName.get(key);
    if (earlier !== undefined) errors.push({ row: r.row, column: nameHeader, message: `The same vendor appears on row ${earlier}` });
    else if (lookups.vendorByName.has(key))
      errors.push({ row: r.row, column: nameHeader, message: `A vendor named "${r.value.name}" already exists` });
    else firstRowOfName.set(key, r.row);
  }
  errors.sort((a, b) => a.row - b.row);
  if (errors.length || dryRun) return { ...base, errors };
  const created = await withAudit(ctx, async (tx, audit) => {
    const inserted = await vendorsRepo.insertVendors(
      tx,
      rows.map((r) => ({ ...r.value, orgId: ctx.org.id })),
    );
    for (const v of inserted) audit({ action: 'vendor.create', entityType: 'vendor', entityId: v.id, after: snapshotVendor(v) });
    audit({ action: 'import.complete', entityType: 'import', entityId: null, after: { entity: 'vendors', rows: inserted.length } });
    return inserted.length;
  });
  return { ...base, createdRows: created, errors: [] };
}
