import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogError, readCatalogFile } from './catalog.js';
import { starterLibrary, type FrameworkPack, type StarterLibrary } from './schema.js';

export const starterLibraryFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../catalogs/controls/starter-library.json',
);

/**
 * Problems of a starter library against the packs: ids used twice, links to requirements that do not exist, and
 * Annex A controls of ISO/IEC 42001 that no suggested control serves.
 */
export function starterLibraryProblems(library: StarterLibrary, packs: ReadonlyMap<string, FrameworkPack>): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const served = new Set<string>();
  for (const c of library.controls) {
    if (ids.has(c.id)) problems.push(`suggested control ${c.id} appears twice`);
    ids.add(c.id);
    for (const r of c.requirements) {
      const pack = packs.get(r.framework);
      if (!pack) problems.push(`${c.id} links to a framework that is not in the catalogue: ${r.framework}`);
      else if (!pack.requirements.some((q) => q.id === r.id))
        problems.push(`${c.id} links to ${r.framework} ${r.id}, which does not exist`);
      if (r.framework === 'iso-iec-42001-2023') served.add(r.id);
    }
  }
  const iso = packs.get('iso-iec-42001-2023');
  for (const control of iso?.requirements.filter((r) => r.kind === 'control') ?? []) {
    if (!served.has(control.id)) problems.push(`no suggested control serves Annex A control ${control.id}`);
  }
  return problems;
}

export function loadStarterLibrary(packs: readonly FrameworkPack[], file = starterLibraryFile): StarterLibrary | null {
  if (!fs.existsSync(file)) return null;
  const library = readCatalogFile(file, starterLibrary);
  const problems = starterLibraryProblems(library, new Map(packs.map((p) => [p.id, p])));
  if (problems.length) throw new CatalogError(file, problems);
  return library;
}
