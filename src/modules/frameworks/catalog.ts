import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zodIssues } from '../../server/validate.js';
import { frameworkPack, type FrameworkPack } from './schema.js';

export const frameworksFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../catalogs/frameworks');

export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The framework pack ${path.basename(file)} is not valid:\n  ${problems.join('\n  ')}`);
    this.name = 'CatalogError';
  }
}

/** Structural checks a schema cannot express: unique ids, parents that exist, no cycles. */
export function structuralProblems(pack: FrameworkPack): string[] {
  const problems: string[] = [];
  const byId = new Map<string, string | null>();
  for (const r of pack.requirements) {
    if (byId.has(r.id)) problems.push(`requirement ${r.id} appears twice`);
    byId.set(r.id, r.parent);
  }
  for (const [id, parent] of byId) {
    if (parent !== null && !byId.has(parent)) problems.push(`requirement ${id} names a parent ${parent} that does not exist`);
  }
  for (const start of byId.keys()) {
    const seen = new Set<string>();
    for (let at: string | null | undefined = start; at; at = byId.get(at)) {
      if (seen.has(at)) {
        problems.push(`requirement ${start} is its own ancestor (a cycle through ${at})`);
        break;
      }
      seen.add(at);
    }
  }
  return problems;
}

export function parsePack(file: string, raw: unknown): FrameworkPack {
  const parsed = frameworkPack.safeParse(raw);
  if (!parsed.success)
    throw new CatalogError(
      file,
      zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`),
    );
  const problems = structuralProblems(parsed.data);
  if (problems.length) throw new CatalogError(file, problems);
  return parsed.data;
}

/** Reads and validates every pack in the folder; any invalid pack stops the start with the reasons. */
export function loadFrameworkPacks(folder = frameworksFolder): FrameworkPack[] {
  if (!fs.existsSync(folder)) return [];
  const packs = fs
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
      return parsePack(file, raw);
    });
  const ids = new Set<string>();
  for (const p of packs) {
    if (ids.has(p.id)) throw new CatalogError(path.join(folder, p.id), [`two packs have the id ${p.id}`]);
    ids.add(p.id);
  }
  return packs;
}
