import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zodIssues } from '../../server/validate.js';
import { CatalogError } from './catalog.js';
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
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CatalogError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  const parsed = starterLibrary.safeParse(raw);
  if (!parsed.success)
    throw new CatalogError(
      file,
      zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`),
    );
  const problems = starterLibraryProblems(parsed.data, new Map(packs.map((p) => [p.id, p])));
  if (problems.length) throw new CatalogError(file, problems);
  return parsed.data;
}
