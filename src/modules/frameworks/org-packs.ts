import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { customFrameworks } from '../../db/schema.js';
import { notFound } from '../../server/errors.js';
import { frameworkPack, type FrameworkPack } from './schema.js';
import type { FrameworkCatalog } from './service.js';

/**
 * The frameworks one organisation can assess: the built-in catalogue plus the packs it imported itself. A custom
 * pack never shadows a built-in one (the import refuses a built-in id).
 */
export async function resolvePack(db: Db, catalog: FrameworkCatalog, orgId: string, id: string): Promise<FrameworkPack> {
  const builtIn = catalog.pack(id);
  if (builtIn) return builtIn;
  const [row] = await db
    .select({ pack: customFrameworks.pack })
    .from(customFrameworks)
    .where(and(eq(customFrameworks.orgId, orgId), eq(customFrameworks.id, id)));
  if (!row) throw notFound('Framework');
  return frameworkPack.parse(row.pack);
}

/** The organisation's own packs, in the order they were imported. */
export async function customPacks(db: Db, orgId: string): Promise<FrameworkPack[]> {
  const rows = await db
    .select({ pack: customFrameworks.pack })
    .from(customFrameworks)
    .where(eq(customFrameworks.orgId, orgId))
    .orderBy(customFrameworks.createdAt);
  return rows.map((r) => frameworkPack.parse(r.pack));
}
