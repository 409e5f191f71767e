import type { Db } from '../../db/connect.js';
import type { Bilingual } from '../frameworks/schema.js';
import { loadClauseCatalog } from './clauses.js';
import * as repo from './repo.js';
import type { ClauseTemplateView } from './schema.js';

/** Requirement a clause without its own (a custom one) is raised against: ISO/IEC 42001 A.10.3, suppliers. */
export const SUPPLIER_REQUIREMENT = { framework: 'iso-iec-42001-2023', id: 'A.10.3' } as const;
const SORT_STEP = 10;

function builtInRows(orgId: string) {
  return loadClauseCatalog().clauses.map((c, i) => ({
    orgId,
    clauseKey: c.key,
    title: c.title,
    description: c.description,
    builtIn: true,
    enabled: true,
    sortOrder: (i + 1) * SORT_STEP,
  }));
}

function view(row: repo.ClauseTemplateRow): ClauseTemplateView {
  const builtIn = loadClauseCatalog().clauses.find((c) => c.key === row.clauseKey);
  return {
    key: row.clauseKey,
    // a built-in clause's wording follows the catalogue; the row only keeps whether it is on
    title: row.builtIn && builtIn ? builtIn.title : (row.title as Bilingual),
    description: row.builtIn && builtIn ? builtIn.description : ((row.description as Bilingual | null) ?? null),
    builtIn: row.builtIn,
    enabled: row.enabled,
    sortOrder: row.sortOrder,
    requirements: builtIn && row.builtIn ? builtIn.requirements : [SUPPLIER_REQUIREMENT],
  };
}

/**
 * The organisation's checklist: the built-in clauses and its own. Reads write nothing: built-in clauses the
 * organisation has never changed are taken from the catalogue; they get their rows on the first change (seed).
 */
export async function readChecklist(db: Db, orgId: string): Promise<ClauseTemplateView[]> {
  const rows = await repo.clauseTemplates(db, orgId);
  const stored = new Set(rows.map((r) => r.clauseKey));
  const all = [...rows, ...builtInRows(orgId).filter((r) => !stored.has(r.clauseKey))];
  return all.map(view).sort((a, b) => a.sortOrder - b.sortOrder || a.key.localeCompare(b.key));
}

/** Inside a write: makes sure every built-in clause has its row, then returns the locked checklist. */
export async function seedChecklist(tx: Db, orgId: string): Promise<ClauseTemplateView[]> {
  await repo.insertMissingTemplates(tx, builtInRows(orgId));
  const rows = await repo.lockTemplates(tx, orgId);
  return rows.map(view).sort((a, b) => a.sortOrder - b.sortOrder || a.key.localeCompare(b.key));
}
