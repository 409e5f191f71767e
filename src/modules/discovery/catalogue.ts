import { AiCatalogueError, loadAiCatalogue, type AiCatalogue } from '../../lib/discovery/catalogue.js';
import type { Db } from '../../db/connect.js';
import type { OrgContext } from '../../server/context.js';
import { forbidden, invalid } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { mayManageDiscovery } from './access.js';
import * as repo from './repo.js';
import { catalogueEntryInput, type CatalogueEntryInput, type CatalogueList } from './schema.js';

/** The bundled catalogue with the organisation's own entries merged over it (same id replaces). */
export async function orgCatalogue(db: Db, orgId: string): Promise<AiCatalogue> {
  const own = await repo.listEntries(db, orgId);
  return loadAiCatalogue(own.map((r) => r.entry));
}

export async function listCatalogue(ctx: OrgContext, origin: 'all' | 'organisation'): Promise<CatalogueList> {
  if (!can(ctx.role, 'system.read')) throw forbidden();
  const own = new Set((await repo.listEntries(ctx.db, ctx.org.id)).map((r) => r.catalogId));
  const catalogue = await orgCatalogue(ctx.db, ctx.org.id);
  const items = catalogue.entries
    .filter((e) => origin === 'all' || own.has(e.id))
    .map((e) => ({ ...e, origin: own.has(e.id) ? ('organisation' as const) : ('bundled' as const) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { items };
}

/**
 * Adds or replaces one of the organisation's own entries (an id of the bundled catalogue overrides that entry). The
 * merged catalogue must stay valid: a domain or name another entry claims is refused with the catalogue's message.
 */
export async function putCatalogueEntry(ctx: OrgContext, catalogId: string, input: CatalogueEntryInput): Promise<CatalogueList> {
  if (!mayManageDiscovery(ctx.role)) throw forbidden();
  const data = parseOrThrow(catalogueEntryInput, input);
  const entry = { id: catalogId, ...data };
  await withAudit(ctx, async (tx, audit) => {
    const others = (await repo.listEntries(tx, ctx.org.id)).filter((r) => r.catalogId !== catalogId).map((r) => r.entry);
    try {
      loadAiCatalogue([...others, entry]);
    } catch (err) {
      if (!(err instanceof AiCatalogueError)) throw err;
      const mine = err.problems.filter((p) => p.includes(catalogId));
      throw invalid(
        'This entry does not fit the catalogue',
        (mine.length ? mine : err.problems).map((message) => ({ path: 'entry', message })),
      );
    }
    const before = await repo.findEntry(tx, ctx.org.id, catalogId);
    await repo.upsertEntry(tx, ctx.org.id, catalogId, entry);
    audit({
      action: before ? 'discovery.catalogue.update' : 'discovery.catalogue.create',
      entityType: 'ai_service_entry',
      entityId: catalogId,
      ...(before ? { before: before.entry as Record<string, unknown> } : {}),
      after: entry,
    });
  });
  return listCatalogue(ctx, 'organisation');
}

/** Removes an own entry (idempotent: removing one that is not there changes nothing); a bundled entry comes back. */
export async function deleteCatalogueEntry(ctx: OrgContext, catalogId: string): Promise<CatalogueList> {
  if (!mayManageDiscovery(ctx.role)) throw forbidden();
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findEntry(tx, ctx.org.id, catalogId);
    if (!before) return;
    await repo.deleteEntry(tx, ctx.org.id, catalogId);
    audit({
      action: 'discovery.catalogue.delete',
      entityType: 'ai_service_entry',
      entityId: catalogId,
      before: before.entry as Record<string, unknown>,
    });
  });
  return listCatalogue(ctx, 'organisation');
}
