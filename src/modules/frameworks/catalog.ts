import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { zodIssues } from '../../server/validate.js';
import { frameworkPack, type FrameworkPack } from './schema.js';

export const frameworksFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../catalogs/frameworks');

export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The catalogue file ${path.basename(file)} is not valid:\n  ${problems.join('\n  ')}`);
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

/** The JSON files of a catalogue folder, in name order (none when the folder is absent). */
export function catalogFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(folder, f));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CatalogError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
}

function checkAgainst<T extends z.ZodType>(file: string, schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new CatalogError(
      file,
      zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** Reads a catalogue file and checks it against its schema; any problem names the file and the reason. */
export function readCatalogFile<T extends z.ZodType>(file: string, schema: T): z.output<T> {
  return checkAgainst(file, schema, readJson(file));
}

export function parsePack(file: string, raw: unknown): FrameworkPack {
  const pack = checkAgainst(file, frameworkPack, raw);
  const problems = structuralProblems(pack);
  if (problems.length) throw new CatalogError(file, problems);
  return pack;
}

/** Reads and validates every pack in the folder; any invalid pack stops the start with the reasons. */
export function loadFrameworkPacks(folder = frameworksFolder): FrameworkPack[] {
  const packs = catalogFiles(folder).map((file) => parsePack(file, readJson(file)));
  const ids = new Set<string>();
  for (const p of packs) {
    if (ids.has(p.id)) throw new CatalogError(path.join(folder, p.id), [`two packs have the id ${p.id}`]);
    ids.add(p.id);
  }
  return packs;
}
