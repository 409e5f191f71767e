import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { zodIssues } from '../../server/validate.js';
import { CatalogError } from './catalog.js';
import { bilingual, type FrameworkPack } from './schema.js';

export const crosswalksFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../catalogs/crosswalks');

/**
 * A link's relation reads from → to: "subset" means the first requirement asks for less than the second. Its
 * provenance is "published" when the link comes from a crosswalk someone published (named in `source`, with its
 * standing: the NIST AI RMF ↔ ISO/IEC 42001 crosswalk on NIST's resource centre is a community submission, not a
 * NIST publication), or "openaims" when it is our own mapping.
 */
export const relations = ['equal', 'subset', 'superset', 'intersects'] as const;

export const crosswalkLink = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    relation: z.enum(relations),
    provenance: z.enum(['published', 'openaims']),
    source: z.string().trim().min(1),
    note: bilingual.nullable().optional(),
  })
  .strict();

export const crosswalk = z
  .object({
    id: z.string().min(1),
    from: z.string().min(1),
    to: z.string().min(1),
    title: bilingual,
    links: z.array(crosswalkLink).min(1),
  })
  .strict();
export type Crosswalk = z.infer<typeof crosswalk>;

/** Every endpoint must exist in its pack, and a pair is linked once. */
export function crosswalkProblems(cw: Crosswalk, packs: ReadonlyMap<string, FrameworkPack>): string[] {
  const from = packs.get(cw.from);
  const to = packs.get(cw.to);
  if (!from || !to) return [`links packs that are not in the catalogue: ${[!from && cw.from, !to && cw.to].filter(Boolean).join(', ')}`];
  const fromIds = new Set(from.requirements.map((r) => r.id));
  const toIds = new Set(to.requirements.map((r) => r.id));
  const problems: string[] = [];
  const pairs = new Set<string>();
  for (const l of cw.links) {
    if (!fromIds.has(l.from)) problems.push(`${cw.from} has no requirement ${l.from}`);
    if (!toIds.has(l.to)) problems.push(`${cw.to} has no requirement ${l.to}`);
    const pair = `${l.from} → ${l.to}`;
    if (pairs.has(pair)) problems.push(`${pair} is linked twice`);
    pairs.add(pair);
  }
  return problems;
}

export function loadCrosswalks(packs: readonly FrameworkPack[], folder = crosswalksFolder): Crosswalk[] {
  if (!fs.existsSync(folder)) return [];
  const byId = new Map(packs.map((p) => [p.id, p]));
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = path.join(folder, f);
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (err) {
        throw new CatalogError(file, [`not valid JSON: ${(err as Error).message}`]);
      }
      const parsed = crosswalk.safeParse(raw);
      if (!parsed.success)
        throw new CatalogError(
          file,
          zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`),
        );
      const problems = crosswalkProblems(parsed.data, byId);
      if (problems.length) throw new CatalogError(file, problems);
      return parsed.data;
    });
}
