import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { can } from '../auth/permissions.js';
import { importRegister } from './import.js';
import { readTable } from './read-table.js';
import * as repo from './repo.js';
import type { ImportRunView, RowError, TransferEntity } from './schema.js';

/** Keeps the stored error list readable and bounded; the count says how many there were. */
const MAX_STORED_ERRORS = 1000;

function present(r: repo.ImportRunRow): ImportRunView {
  return {
    id: r.id,
    entity: r.entity as TransferEntity,
    fileName: r.fileName,
    dryRun: r.dryRun,
    state: r.state as ImportRunView['state'],
    totalRows: r.totalRows,
    processedRows: r.processedRows,
    createdRows: r.createdRows,
    errors: r.errors as RowError[],
    message: r.message,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Starts an import as a recorded run and processes it in the background; the caller polls the run for progress.
 * `finished` resolves when the run is over (used by callers that wait).
 */
export async function startImport(
  ctx: OrgContext,
  entity: TransferEntity,
  dryRun: boolean,
  receive: () => Promise<{ fileName: string; body: Buffer }>,
): Promise<{ run: ImportRunView; finished: Promise<ImportRunView> }> {
  if (!can(ctx.role, 'import.run')) throw forbidden();
  const { fileName, body } = await receive();
  // A file that cannot be read is answered at once, before any run is recorded.
  const table = await readTable(body, fileName);
  const run = await repo.insertRun(ctx.db, {
    orgId: ctx.org.id,
    entity,
    fileName: fileName.slice(0, 255),
    dryRun,
    state: 'running',
    totalRows: table.rows.length,
    createdBy: ctx.actor.label,
  });
  const finished = (async () => {
    try {
      const outcome = await importRegister(ctx, entity, table, {
        dryRun,
        onProgress: (p) => repo.updateRun(ctx.db, run.id, { processedRows: p.processedRows }),
      });
      const ignored = outcome.ignoredHeaders.length ? `Columns not recognised and ignored: ${outcome.ignoredHeaders.join(', ')}` : null;
      const errors = outcome.errors.slice(0, MAX_STORED_ERRORS);
      const summary =
        outcome.errors.length > MAX_STORED_ERRORS ? `${outcome.errors.length} errors; the first ${MAX_STORED_ERRORS} are listed.` : null;
      await repo.updateRun(ctx.db, run.id, {
        state: 'done',
        processedRows: outcome.totalRows,
        createdRows: outcome.createdRows,
        errors,
        message: [summary, ignored].filter(Boolean).join(' ') || null,
        finishedAt: new Date(),
      });
    } catch (err) {
      const message = err instanceof AppError ? err.message : 'The import failed on the server; nothing was written';
      await repo.updateRun(ctx.db, run.id, { state: 'failed', message, finishedAt: new Date() }).catch(() => undefined);
      if (!(err instanceof AppError)) throw err;
    }
    return getImportRun(ctx, run.id);
  })();
  return { run: present(run), finished };
}

export async function getImportRun(ctx: OrgContext, id: string): Promise<ImportRunView> {
  if (!can(ctx.role, 'import.run')) throw forbidden();
  const row = await repo.findRun(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Import');
  return present(row);
}
