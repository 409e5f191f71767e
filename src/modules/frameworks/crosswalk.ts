import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogError, catalogFiles, readCatalogFile } from './catalog.js';
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
  const byId = new Map(packs.map((p) => [p.id, p]));
  return catalogFiles(folder).map((file) => {
    const cw = readCatalogFile(file, crosswalk);
    const problems = crosswalkProblems(cw, byId);
    if (problems.length) throw new CatalogError(file, problems);
    return cw;
  });
}
