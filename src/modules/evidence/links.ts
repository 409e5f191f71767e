import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { AppError, invalid } from '../../server/errors.js';
import { resolvePack } from '../frameworks/org-packs.js';
import type { FrameworkPack } from '../frameworks/schema.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import * as repo from './repo.js';
import type { EvidenceTargetType } from './schema.js';

export interface LinkRef {
  targetType: string;
  targetKey: string;
}

export const linkId = (l: LinkRef): string => `${l.targetType}\u0000${l.targetKey}`;

/** "<framework>:<requirement>" split at the first colon (framework ids hold none). */
export function splitRequirementKey(key: string): { framework: string; requirement: string } | null {
  const at = key.indexOf(':');
  if (at <= 0 || at === key.length - 1) return null;
  return { framework: key.slice(0, at), requirement: key.slice(at + 1) };
}

const uuid = z.uuid();
const refused = (message: string) => invalid(message, [{ path: 'targetKey', message }]);

async function packOrNull(db: Db, catalog: FrameworkCatalog, orgId: string, framework: string): Promise<FrameworkPack | null> {
  try {
    return await resolvePack(db, catalog, orgId, framework);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

const targetNoun: Record<Exclude<EvidenceTargetType, 'requirement'>, string> = {
  control: 'control',
  system: 'AI system',
  assessment_item: 'assessment item',
};

/**
 * Refuses (422) a link to something the organisation does not have: an unknown framework or requirement, or a
 * control, system or assessment item that is not its own (another organisation's looks exactly like a missing one).
 */
export async function checkLinkTarget(
  db: Db,
  catalog: FrameworkCatalog,
  orgId: string,
  type: EvidenceTargetType,
  key: string,
): Promise<void> {
  if (type === 'requirement') {
    const parts = splitRequirementKey(key);
    if (!parts) throw refused('A requirement is named "<framework>:<requirement>", e.g. "iso-iec-42001-2023:A.6.2.4"');
    const pack = await packOrNull(db, catalog, orgId, parts.framework);
    if (!pack) throw refused(`There is no framework "${parts.framework}"`);
    if (!pack.requirements.some((r) => r.id === parts.requirement))
      throw refused(`The framework "${parts.framework}" has no requirement "${parts.requirement}"`);
    return;
  }
  const noun = targetNoun[type];
  if (!uuid.safeParse(key).success) throw refused(`Give the id of the ${noun}`);
  const [row] = await repo.targetNames(db, orgId, type, [key]);
  if (!row) throw refused(`There is no such ${noun} in this organisation`);
  if (row.archivedAt) throw refused(`This ${noun} is archived`);
}

/** What each link's target is called now; a target that has since gone keeps its key as its label. */
export async function linkLabels(db: Db, catalog: FrameworkCatalog, orgId: string, links: LinkRef[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const byType = new Map<string, string[]>();
  for (const l of links) byType.set(l.targetType, [...(byType.get(l.targetType) ?? []), l.targetKey]);

  const requirementKeys = [...new Set(byType.get('requirement') ?? [])];
  const frameworks = [...new Set(requirementKeys.map((k) => splitRequirementKey(k)?.framework).filter((f): f is string => !!f))];
  const packs = new Map<string, FrameworkPack | null>();
  for (const f of frameworks) packs.set(f, await packOrNull(db, catalog, orgId, f));
  for (const key of requirementKeys) {
    const parts = splitRequirementKey(key);
    const req = parts ? packs.get(parts.framework)?.requirements.find((r) => r.id === parts.requirement) : undefined;
    labels.set(linkId({ targetType: 'requirement', targetKey: key }), req ? `${req.id} ${req.title.en}` : key);
  }
  for (const type of ['control', 'system', 'assessment_item'] as const) {
    const ids = [...new Set(byType.get(type) ?? [])].filter((k) => uuid.safeParse(k).success);
    for (const row of await repo.targetNames(db, orgId, type, ids)) labels.set(linkId({ targetType: type, targetKey: row.id }), row.label);
  }
  for (const l of links) if (!labels.has(linkId(l))) labels.set(linkId(l), l.targetKey);
  return labels;
}
