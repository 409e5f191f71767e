import { randomSecret, sha256Hex } from '../../lib/secrets.js';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { addMonths } from '../system-classifications/cadence.js';
import * as vendorRepo from '../vendors/repo.js';
import { answerIssues, normaliseAnswers, readStored } from './answers.js';
import { loadQuestionnaires } from './load.js';
import { effectiveStatus, presentAssessment, snapshotAssessment } from './present.js';
import type { QuestionnaireTemplate } from './questionnaire.js';
import * as repo from './repo.js';
import {
  createAssessmentInput,
  dueQuery,
  reviewAssessmentInput,
  sendAssessmentInput,
  updateAssessmentInput,
  type AssessmentList,
  type AssessmentView,
  type CreateAssessmentInput,
  type DueList,
  type DueQuery,
  type QuestionnaireList,
  type ReviewAssessmentInput,
  type SendAssessmentInput,
  type SentAssessmentView,
  type UpdateAssessmentInput,
} from './schema.js';
import type { Answers } from './scoring.js';
import { reassessMonths, scoreAssessment } from './scoring.js';

const DAY_MS = 86_400_000;
const todayIso = (): string => new Date().toISOString().slice(0, 10);
export const vendorLinkPath = (token: string): string => `/vendor-response/${token}`;

const requireRead = (ctx: OrgContext) => {
  if (!can(ctx.role, 'vendor.read')) throw forbidden();
};
const requireUpdate = (ctx: OrgContext) => {
  if (!can(ctx.role, 'vendor.update')) throw forbidden();
};

export function templateOf(id: string): QuestionnaireTemplate | undefined {
  return loadQuestionnaires().get(id);
}

export function checkAnswers(template: QuestionnaireTemplate, answers: Answers): void {
  const issues = answerIssues(template, answers);
  if (issues.length) throw invalid(issues[0]!.message, issues);
}

export async function listQuestionnaires(ctx: OrgContext): Promise<QuestionnaireList> {
  requireRead(ctx);
  return {
    items: [...loadQuestionnaires().values()].map((t) => ({
      ...t,
      questions: t.questions.map((q) => ({
        ...q,
        help: q.help ?? null,
        evidenceRequested: q.evidenceRequested ?? null,
        knockout: q.knockout ?? null,
      })),
    })),
  };
}

async function liveVendor(ctx: OrgContext, vendorId: string) {
  const row = await vendorRepo.findVendor(ctx.db, ctx.org.id, vendorId);
  if (!row) throw notFound('Vendor');
  return row.vendor;
}

export async function listAssessments(ctx: OrgContext, vendorId: string): Promise<AssessmentList> {
  requireRead(ctx);
  await liveVendor(ctx, vendorId);
  const rows = await repo.listForVendor(ctx.db, ctx.org.id, vendorId);
  return { items: rows.map((r) => presentAssessment(r, templateOf(r.assessment.templateId), ctx.role)) };
}

export async function getAssessment(ctx: OrgContext, id: string): Promise<AssessmentView> {
  requireRead(ctx);
  const row = await repo.findAssessment(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Vendor assessment');
  return presentAssessment(row, templateOf(row.assessment.templateId), ctx.role);
}

export async function createAssessment(ctx: OrgContext, vendorId: string, input: CreateAssessmentInput): Promise<AssessmentView> {
  requireUpdate(ctx);
  const data = parseOrThrow(createAssessmentInput, input);
  const template = templateOf(data.templateId);
  if (!template)
    throw invalid(`There is no questionnaire "${data.templateId}"`, [{ path: 'templateId', message: 'Unknown questionnaire' }]);
  const answers = normaliseAnswers(data.answers);
  checkAnswers(template, answers);
  const id = await withAudit(ctx, async (tx, audit) => {
    const vendor = await vendorRepo.lockVendor(tx, ctx.org.id, vendorId);
    if (!vendor) throw notFound('Vendor');
    if (vendor.archivedAt) throw new AppError('conflict', 'This vendor is archived; restore it first');
    const row = await repo.insertAssessment(tx, {
      orgId: ctx.org.id,
      vendorId,
      templateId: template.id,
      templateVersion: template.version,
      language: data.language,
      status: 'draft',
      answers: { values: answers, attachments: [] },
    });
    audit({ action: 'vendor_assessment.create', entityType: 'vendor_assessment', entityId: row.id, after: snapshotAssessment(row) });
    return row.id;
  });
  return getAssessment(ctx, id);
}

function checkVersion(row: repo.AssessmentRow, version: number | undefined): void {
  if (version !== undefined && version !== row.version)
    throw new AppError('conflict', 'Someone else changed this assessment since you opened it; reload and try again', {
      currentVersion: row.version,
    });
}

/** The assessor fills in or corrects the answers: while it is a draft, or after the vendor submitted and before review. */
export async function updateAssessment(ctx: OrgContext, id: string, input: UpdateAssessmentInput): Promise<AssessmentView> {
  requireUpdate(ctx);
  const data = parseOrThrow(updateAssessmentInput, input);
  const answers = normaliseAnswers(data.answers);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockAssessment(tx, ctx.org.id, id);
    if (!before) throw notFound('Vendor assessment');
    checkVersion(before, data.version);
    const status = effectiveStatus(before);
    if (status !== 'draft' && status !== 'submitted')
      throw new AppError(
        'conflict',
        status === 'sent'
          ? 'The vendor is answering this questionnaire through its link'
          : `This assessment is ${status} and can no longer be changed; start a new one`,
      );
    const template = templateOf(before.templateId);
    if (!template) throw new AppError('conflict', `The questionnaire "${before.templateId}" is no longer available`);
    checkAnswers(template, answers);
    const after = await repo.updateAssessment(tx, ctx.org.id, id, {
      answers: { ...readStored(before.answers), values: answers },
      ...(data.language ? { language: data.language } : {}),
    });
    if (!after) throw notFound('Vendor assessment');
    audit({
      action: 'vendor_assessment.update',
      entityType: 'vendor_assessment',
      entityId: id,
      before: snapshotAssessment(before),
      after: snapshotAssessment(after),
    });
  });
  return getAssessment(ctx, id);
}

/**
 * Creates the vendor's link: 32 random bytes, of which only the SHA-256 is kept. The token is in this answer only;
 * sending again replaces it, so an older link stops working.
 */
export async function sendAssessment(ctx: OrgContext, id: string, input: SendAssessmentInput): Promise<SentAssessmentView> {
  requireUpdate(ctx);
  const data = parseOrThrow(sendAssessmentInput, input);
  const token = randomSecret(32);
  const expiresAt = new Date(Date.now() + data.expiresInDays * DAY_MS);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockAssessment(tx, ctx.org.id, id);
    if (!before) throw notFound('Vendor assessment');
    const status = effectiveStatus(before);
    if (status !== 'draft' && status !== 'sent' && status !== 'expired')
      throw new AppError('conflict', `This assessment is ${status} and cannot be sent again; start a new one`);
    const vendor = await vendorRepo.lockVendor(tx, ctx.org.id, before.vendorId);
    if (!vendor || vendor.archivedAt) throw new AppError('conflict', 'This vendor is archived; restore it first');
    const after = await repo.updateAssessment(tx, ctx.org.id, id, {
      status: 'sent',
      linkTokenHash: sha256Hex(token),
      linkExpiresAt: expiresAt,
      linkUsedAt: null,
      recipientEmail: data.recipientEmail ?? vendor.contactEmail,
      sentBy: ctx.actor.label,
    });
    if (!after) throw notFound('Vendor assessment');
    audit({
      action: 'vendor_assessment.send',
      entityType: 'vendor_assessment',
      entityId: id,
      before: snapshotAssessment(before),
      after: snapshotAssessment(after),
    });
  });
  return { assessment: await getAssessment(ctx, id), link: vendorLinkPath(token), token, expiresAt: expiresAt.toISOString() };
}

/**
 * The assessor's review fixes the score and tier of the answers as they stand, and the next assessment date from the
 * tier. Reviewing again recomputes them (e.g. after the questionnaire's scoring changed).
 */
export async function reviewAssessment(ctx: OrgContext, id: string, input: ReviewAssessmentInput): Promise<AssessmentView> {
  requireUpdate(ctx);
  const data = parseOrThrow(reviewAssessmentInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockAssessment(tx, ctx.org.id, id);
    if (!before) throw notFound('Vendor assessment');
    checkVersion(before, data.version);
    const status = effectiveStatus(before);
    if (status === 'sent') throw new AppError('conflict', 'The vendor has not answered yet; wait for the answers or let the link expire');
    const template = templateOf(before.templateId);
    if (!template) throw new AppError('conflict', `The questionnaire "${before.templateId}" is no longer available`);
    const result = scoreAssessment(template, readStored(before.answers).values);
    const today = todayIso();
    const after = await repo.updateAssessment(tx, ctx.org.id, id, {
      status: 'reviewed',
      score: result.score,
      tier: result.tier,
      reviewedBy: ctx.actor.label,
      reviewedAt: new Date(),
      nextAssessmentDate: addMonths(today, reassessMonths(template, result.tier)),
    });
    if (!after) throw notFound('Vendor assessment');
    audit({
      action: 'vendor_assessment.review',
      entityType: 'vendor_assessment',
      entityId: id,
      before: snapshotAssessment(before),
      after: snapshotAssessment(after),
    });
  });
  return getAssessment(ctx, id);
}

/** Live vendors never assessed, or whose latest reviewed assessment is due within `withinDays` (or overdue). */
export async function dueForReassessment(ctx: OrgContext, query: DueQuery): Promise<DueList> {
  requireRead(ctx);
  const q = parseOrThrow(dueQuery, query);
  const today = todayIso();
  const horizon = new Date(Date.now() + q.withinDays * DAY_MS).toISOString().slice(0, 10);
  const items: DueList['items'] = [];
  for (const r of await repo.latestReviewed(ctx.db, ctx.org.id)) {
    const next = r.nextAssessmentDate ?? null;
    const reason = !r.assessmentId ? 'never_assessed' : next && next < today ? 'overdue' : next && next <= horizon ? 'due_soon' : null;
    if (!reason) continue;
    items.push({
      vendor: { id: r.vendorId, name: r.vendorName },
      lastAssessmentId: r.assessmentId ?? null,
      lastReviewedAt: r.reviewedAt?.toISOString() ?? null,
      tier: r.tier ?? null,
      nextAssessmentDate: next,
      reason,
    });
  }
  return { items };
}
