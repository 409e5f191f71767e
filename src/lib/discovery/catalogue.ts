import type { z } from 'zod';
import { bundledAiServiceFiles } from './bundled.js';
import { aiServiceEntry, aiServiceFile, type AiServiceEntry } from './catalogue-schema.js';
import { canonicalDomain } from './host.js';
import { merchantTokens, normaliseAppName } from './names.js';

/**
 * Cloud and platform domains that host many unrelated services. Matching one of them would attribute any traffic to
 * one product, so an entry may list one only when it is the model API itself (modelApi: true); entries should name a
 * specific host instead (e.g. generativelanguage.googleapis.com).
 */
export const genericDomains: ReadonlySet<string> = new Set([
  'amazonaws.com',
  'azure.com',
  'azureedge.net',
  'azurewebsites.net',
  'windows.net',
  'microsoft.com',
  'office.com',
  'googleapis.com',
  'google.com',
  'gstatic.com',
  'googleusercontent.com',
  'cloudfront.net',
  'akamaized.net',
  'akamaihd.net',
  'cloudflare.com',
  'workers.dev',
  'pages.dev',
  'github.io',
  'githubusercontent.com',
  'vercel.app',
  'herokuapp.com',
  'netlify.app',
  'aliyuncs.com',
  'myqcloud.com',
  'bcebos.com',
  'apple.com',
  'icloud.com',
]);

export class AiCatalogueError extends Error {
  constructor(readonly problems: string[]) {
    super(`The AI service catalogue is not valid:\n  ${problems.join('\n  ')}`);
    this.name = 'AiCatalogueError';
  }
}

export interface AiCatalogue {
  readonly entries: readonly AiServiceEntry[];
  readonly byId: ReadonlyMap<string, AiServiceEntry>;
}

export interface CatalogueSource {
  /** file name (or "extra") for messages */
  name: string;
  raw: unknown;
}

function issues(source: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${source}: ${i.path.join('.') || 'value'}: ${i.message}`);
}

/**
 * Validates the bundled files and merges the extra entries (an organisation's own) over them by id. Bundled domains
 * must already be canonical (lowercase punycode); extra entries are normalised. Throws AiCatalogueError with every
 * problem found: schema, duplicate ids, malformed or generic domains, a domain claimed twice without being marked
 * shared, an application or merchant name claimed twice.
 */
export function buildAiCatalogue(files: CatalogueSource[], extra: unknown[] = []): AiCatalogue {
  const problems: string[] = [];
  const byId = new Map<string, AiServiceEntry>();
  const origin = new Map<string, string>();
  for (const file of files) {
    const parsed = aiServiceFile.safeParse(file.raw);
    if (!parsed.success) {
      problems.push(...issues(file.name, parsed.error));
      continue;
    }
    for (const entry of parsed.data.services) {
      if (byId.has(entry.id)) problems.push(`${file.name}: id ${entry.id} is also used in ${origin.get(entry.id)}`);
      for (const d of [...entry.domains, ...entry.sharedDomains]) {
        if (canonicalDomain(d) !== d) problems.push(`${file.name}: ${entry.id}: domain "${d}" is not a lowercase punycode domain name`);
      }
      byId.set(entry.id, entry);
      origin.set(entry.id, file.name);
    }
  }
  extra.forEach((raw, i) => {
    const parsed = aiServiceEntry.safeParse(raw);
    if (!parsed.success) {
      problems.push(...issues(`extra[${i}]`, parsed.error));
      return;
    }
    const entry = parsed.data;
    const normalise = (list: string[]) =>
      list.map((d) => {
        const c = canonicalDomain(d);
        if (c === null) problems.push(`extra[${i}]: ${entry.id}: "${d}" is not a domain name`);
        return c ?? d;
      });
    byId.set(entry.id, { ...entry, domains: normalise(entry.domains), sharedDomains: normalise(entry.sharedDomains) });
    origin.set(entry.id, `extra[${i}]`);
  });
  const entries = [...byId.values()];
  problems.push(...crossEntryProblems(entries, origin));
  if (problems.length) throw new AiCatalogueError(problems);
  return { entries, byId };
}

function crossEntryProblems(entries: AiServiceEntry[], origin: Map<string, string>): string[] {
  const problems: string[] = [];
  const where = (e: AiServiceEntry) => `${origin.get(e.id)}: ${e.id}`;
  const domainOwners = new Map<string, AiServiceEntry[]>();
  const appNames = new Map<string, AiServiceEntry>();
  const merchants = new Map<string, AiServiceEntry>();
  for (const e of entries) {
    const own = new Set<string>();
    for (const d of [...e.domains, ...e.sharedDomains]) {
      if (own.has(d)) problems.push(`${where(e)}: domain ${d} is listed twice`);
      own.add(d);
      if (genericDomains.has(d) && !e.modelApi) problems.push(`${where(e)}: ${d} is a generic platform domain; name a specific host`);
      domainOwners.set(d, [...(domainOwners.get(d) ?? []), e]);
    }
    for (const n of e.oauthAppNames) {
      const key = normaliseAppName(n);
      const other = appNames.get(key);
      if (other && other !== e) problems.push(`${where(e)}: application name "${n}" is also claimed by ${other.id}`);
      appNames.set(key, e);
    }
    for (const m of e.merchantNames) {
      const tokens = merchantTokens(m);
      if (tokens.length === 0 || (tokens.length === 1 && tokens[0]!.length < 5)) {
        problems.push(`${where(e)}: merchant name "${m}" is too short to match safely (one token needs 5+ characters)`);
      }
      const key = tokens.join(' ');
      const other = merchants.get(key);
      if (other && other !== e) problems.push(`${where(e)}: merchant name "${m}" is also claimed by ${other.id}`);
      merchants.set(key, e);
    }
  }
  for (const [d, owners] of domainOwners) {
    if (owners.length < 2) continue;
    const unmarked = owners.filter((o) => !o.sharedDomains.includes(d));
    if (unmarked.length) {
      problems.push(`domain ${d} is claimed by ${owners.map((o) => o.id).join(', ')}; each must list it under sharedDomains`);
    }
  }
  return problems;
}

/** The bundled catalogue with an organisation's own entries merged over it (same id replaces). */
export function loadAiCatalogue(extra: unknown[] = []): AiCatalogue {
  return buildAiCatalogue(bundledAiServiceFiles, extra);
}
