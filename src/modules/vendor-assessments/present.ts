import type { Role } from '../auth/permissions.js';
import { can } from '../auth/permissions.js';
import { readStored } from './answers.js';
import type { AssessmentLanguage, QuestionnaireTemplate } from './questionnaire.js';
import type { AssessmentWithVendor } from './repo.js';
import type { AssessmentRow } from './repo.js';
import type { AssessmentStatus, AssessmentView } from './schema.js';
import { scoreAssessment } from './scoring.js';

/** A sent link past its expiry reads as expired; nothing is written when it lapses. */
export function effectiveStatus(a: AssessmentRow, now = new Date()): AssessmentStatus {
  if (a.status === 'sent' && a.linkExpiresAt && a.linkExpiresAt <= now) return 'expired';
  return a.status as AssessmentStatus;
}

export function snapshotAssessment(a: AssessmentRow): Record<string, unknown> {
  // the token hash is a credential's fingerprint: the audit trail records that a link exists, not the hash
  const { orgId: _org, linkTokenHash, createdAt, updatedAt, linkExpiresAt, linkUsedAt, submittedAt, reviewedAt, ...rest } = a;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    ...rest,
    hasLink: !!linkTokenHash,
    linkExpiresAt: iso(linkExpiresAt),
    linkUsedAt: iso(linkUsedAt),
    submittedAt: iso(submittedAt),
    reviewedAt: iso(reviewedAt),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export function presentAssessment(
  { assessment: a, vendorName }: AssessmentWithVendor,
  template: QuestionnaireTemplate | undefined,
  role: Role,
): AssessmentView {
  const stored = readStored(a.answers);
  const preview = template ? scoreAssessment(template, stored.values) : { score: 0, tier: '', knockouts: [], unanswered: [] };
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: a.id,
    vendor: { id: a.vendorId, name: vendorName },
    templateId: a.templateId,
    templateVersion: a.templateVersion,
    language: a.language as AssessmentLanguage,
    status: effectiveStatus(a),
    answers: Object.fromEntries(Object.entries(stored.values).map(([k, v]) => [k, { value: v.value, comment: v.comment ?? null }])),
    attachments: stored.attachments,
    score: a.score,
    tier: a.tier,
    preview: { score: preview.score, tier: preview.tier, knockouts: preview.knockouts, unanswered: preview.unanswered },
    link: { expiresAt: iso(a.linkExpiresAt), usedAt: iso(a.linkUsedAt), recipientEmail: a.recipientEmail, sentBy: a.sentBy },
    submittedAt: iso(a.submittedAt),
    reviewedBy: a.reviewedBy,
    reviewedAt: iso(a.reviewedAt),
    nextAssessmentDate: a.nextAssessmentDate,
    evidenceId: a.evidenceId,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    can: { update: can(role, 'vendor.update') },
  };
}
