import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zodIssues } from '../../server/validate.js';
import { CatalogError } from './catalog.js';
import { crosswalk, type Crosswalk, type FrameworkPack } from './schema.js';

export type { Crosswalk } from './schema.js';

export const crosswalksFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../catalogs/crosswalks');

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
