import type { Db } from '../../db/connect.js';
import type { AuditEvent } from '../audit-log/service.js';
import * as repo from './repo.js';
import { fingerprintChanged, reassessmentReason, relevantChanges } from './rules.js';
import { snapshotImpact } from './snapshot.js';

/**
 * Marks a system's assessment as needing re-assessment after a change to the system's purpose, models or data
 * categories. Call it inside the transaction that updated the system, after the update; `audit` is withAudit's.
 * Flags the newest approved or in-review version whose recorded fingerprint no longer matches the system; returns it.
 */
export async function markImpactReassessment(
  tx: Db,
  orgId: string,
  systemId: string,
  changedFields: string[],
  audit?: (e: AuditEvent) => void,
): Promise<{ id: string; versionNo: number; reason: string } | null> {
  const fields = relevantChanges(changedFields);
  if (!fields.length) return null;
  const target = (await repo.versionsOf(tx, orgId, systemId)).find((v) => v.status === 'approved' || v.status === 'in_review');
  if (!target) return null;
  const system = await repo.findSystem(tx, orgId, systemId);
  if (!system || !fingerprintChanged(target.systemFingerprint, system)) return null;
  const reason = reassessmentReason(fields);
  const after = await repo.updateImpact(tx, orgId, target.id, { needsReassessment: true, reassessmentReason: reason });
  if (!after) return null;
  audit?.({
    action: 'impact.flag_reassessment',
    entityType: 'impact_assessment',
    entityId: target.id,
    before: snapshotImpact(target),
    after: snapshotImpact(after),
  });
  return { id: target.id, versionNo: target.versionNo, reason };
}
