import type { Db } from '../../db/connect.js';
import { AppError } from '../../server/errors.js';
import { checkLinkTarget } from '../evidence/links.js';
import { snapshotEvidence } from '../evidence/present.js';
import * as evidenceRepo from '../evidence/repo.js';
import type { AuditEvent } from '../audit-log/service.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import type { RunKind } from './schema.js';

/** ISO/IEC 42001 Annex A controls a run is evidence for: bias testing and V&V (fairness), monitoring in operation (drift). */
export const runRequirements: Record<RunKind, string[]> = {
  fairness: ['iso-iec-42001-2023:A.5.4', 'iso-iec-42001-2023:A.6.2.4'],
  drift: ['iso-iec-42001-2023:A.6.2.6'],
};

/**
 * Records a run as an evidence note linked to its system and requirements, inside the caller's transaction (through
 * the evidence module's repository, audited as evidence.create and evidence.link). A requirement the organisation's
 * catalogue lacks is skipped rather than failing the run.
 */
export async function recordRunEvidence(
  tx: Db,
  catalog: FrameworkCatalog,
  orgId: string,
  audit: (e: AuditEvent) => void,
  item: { kind: RunKind; systemId: string; title: string; note: string; collectedOn: string },
): Promise<string> {
  const row = await evidenceRepo.insertEvidence(tx, {
    orgId,
    kind: 'note',
    title: item.title.slice(0, 200),
    note: item.note.slice(0, 20000),
    collectedOn: item.collectedOn,
  });
  audit({ action: 'evidence.create', entityType: 'evidence', entityId: row.id, after: snapshotEvidence(row) });
  const links = [
    { targetType: 'system' as const, targetKey: item.systemId },
    ...runRequirements[item.kind].map((k) => ({ targetType: 'requirement' as const, targetKey: k })),
  ];
  for (const link of links) {
    try {
      await checkLinkTarget(tx, catalog, orgId, link.targetType, link.targetKey);
    } catch (err) {
      if (err instanceof AppError && link.targetType === 'requirement') continue;
      throw err;
    }
    if (await evidenceRepo.insertLink(tx, { orgId, evidenceId: row.id, ...link })) {
      audit({ action: 'evidence.link', entityType: 'evidence', entityId: row.id, after: link });
    }
  }
  return row.id;
}
