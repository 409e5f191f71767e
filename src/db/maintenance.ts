import { sql } from 'drizzle-orm';
import type { Db } from './connect.js';

/**
 * Gathers the planner's statistics. PostgreSQL's autovacuum does this on its own; PGlite has no background
 * workers, so without it the planner never learns the table sizes and picks poor plans.
 */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
}
