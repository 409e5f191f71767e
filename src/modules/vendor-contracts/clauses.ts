import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CatalogError } from '../frameworks/catalog.js';
import { bilingual } from '../frameworks/schema.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import { zodIssues } from '../../server/validate.js';

export const clausesFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../catalogs/contracts/ai-clauses.json');

const clauseCatalog = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    title: bilingual,
    clauses: z
      .array(
        z
          .object({
            key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
            title: bilingual,
            description: bilingual,
            requirements: z.array(z.object({ framework: z.string().min(1), id: z.string().min(1) }).strict()).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type ClauseCatalog = z.infer<typeof clauseCatalog>;
export type BuiltInClause = ClauseCatalog['clauses'][number];

let cached: ClauseCatalog | undefined;

/**
 * The built-in AI clauses, validated once: unique keys, and (given the framework catalogue) requirements that
 * exist, so that a missing clause always raises an action against a real requirement.
 */
export function loadClauseCatalog(frameworks?: FrameworkCatalog, file = clausesFile): ClauseCatalog {
  if (file === clausesFile && cached && !frameworks) return cached;
  const parsed = clauseCatalog.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new CatalogError(
      file,
      zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`),
    );
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const c of parsed.data.clauses) {
    if (keys.has(c.key)) problems.push(`clause ${c.key} appears twice`);
    keys.add(c.key);
    for (const r of frameworks ? c.requirements : []) {
      if (!frameworks!.pack(r.framework)?.requirements.some((x) => x.id === r.id))
        problems.push(`clause ${c.key} names ${r.framework} ${r.id}, which does not exist`);
    }
  }
  if (problems.length) throw new CatalogError(file, problems);
  if (file === clausesFile) cached = parsed.data;
  return parsed.data;
}
