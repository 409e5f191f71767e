import type { Db } from '../../db/connect.js';
import { sha256Hex } from '../../lib/secrets.js';
import { systemActor, type OrgContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { snapshotEvidence } from '../evidence/present.js';
import * as evidenceRepo from '../evidence/repo.js';
import { evidenceLimits } from '../evidence/schema.js';
import {
  addEvidenceLink,
  archiveEvidence,
  createEvidence,
  uploadEvidenceFile,
  type EvidenceEnv,
  type EvidenceUpload,
} from '../evidence/service.js';
import { cleanFileName, resolveEvidenceMediaType } from '../evidence/file-types.js';
import { regionLabels, residencyRegions } from '../residency/regions.js';
import { normaliseAnswers, readStored, renderAnswers } from './answers.js';
import { effectiveStatus, snapshotAssessment } from './present.js';
import type { AssessmentLanguage } from './questionnaire.js';
import * as repo from './repo.js';
import { vendorLinkSubmit, type VendorLinkResult, type VendorLinkSubmit, type VendorLinkView } from './schema.js';
import { checkAnswers, templateOf } from './service.js';

/** Evidence of vendor due diligence is linked to ISO/IEC 42001 A.10.3 (suppliers): evidence cannot link to a vendor. */
export const SUPPLIER_REQUIREMENT = 'iso-iec-42001-2023:A.10.3';

type LinkRow = NonNullable<Awaited<ReturnType<typeof repo.unsafeFindByTokenHash>>>;

const gone = (why: string) => new AppError('gone', why);

/** The assessment behind a token: 404 for a token that never existed, 410 once it was used, replaced or expired. */
async function openLink(db: Db, token: string): Promise<{ row: LinkRow; hash: string }> {
  const hash = sha256Hex(token);
  const row = await repo.unsafeFindByTokenHash(db, hash);
  if (!row) throw notFound('Questionnaire link');
  const status = effectiveStatus(row.assessment);
  if (row.assessment.linkUsedAt || status !== 'sent') {
    throw gone(
      status === 'expired' ? 'This questionnaire link has expired; ask for a new one' : 'This questionnaire has already been answered',
    );
  }
  return { row, hash };
}

/** Writes made through the link are the vendor's, recorded under the organisation as such. */
function linkContext(db: Db, row: LinkRow, requestId: string | null): OrgContext {
  return {
    db,
    actor: systemActor(`vendor link (${row.vendorName})`),
    org: { id: row.assessment.orgId, slug: row.orgSlug, name: row.orgName },
    // evidence services check evidence.manage; a contributor may add evidence and nothing more of note
    role: 'contributor',
    requestId,
  };
}

export async function readVendorLink(db: Db, token: string): Promise<VendorLinkView> {
  const { row } = await openLink(db, token);
  const a = row.assessment;
  const template = templateOf(a.templateId);
  if (!template) throw gone('This questionnaire is no longer available');
  const lang = a.language as AssessmentLanguage;
  const stored = readStored(a.answers);
  return {
    vendorName: row.vendorName,
    orgName: row.orgName,
    language: lang,
    title: template.title[lang],
    intro: template.intro[lang],
    topics: template.topics.map((t) => ({ id: t.id, title: t.title[lang] })),
    questions: template.questions.map((q) => ({
      id: q.id,
      topic: q.topic,
      type: q.type,
      weight: q.weight,
      text: q.text[lang],
      help: q.help?.[lang] ?? null,
      evidenceRequested: q.evidenceRequested?.[lang] ?? null,
      options: q.options.map((o) => ({ id: o.id, label: o.label[lang] })),
    })),
    regions: residencyRegions.map((code) => ({ code, label: regionLabels[code][lang] })),
    answers: Object.fromEntries(Object.entries(stored.values).map(([k, v]) => [k, { value: v.value, comment: v.comment ?? null }])),
    attachments: stored.attachments.length,
    expiresAt: a.linkExpiresAt!.toISOString(),
  };
}

/**
 * The vendor's answers, once: validated against the questionnaire, then in one transaction the link is used (an
 * update that only matches an open link, so a concurrent second submission gets nothing and answers 410), the
 * answers become a note of evidence linked to A.10.3, and the assessment points at it.
 */
export async function submitVendorLink(
  db: Db,
  token: string,
  input: VendorLinkSubmit,
  requestId: string | null,
): Promise<VendorLinkResult> {
  const { row, hash } = await openLink(db, token);
  const data = parseOrThrow(vendorLinkSubmit, input);
  const template = templateOf(row.assessment.templateId);
  if (!template) throw gone('This questionnaire is no longer available');
  const answers = normaliseAnswers(data.answers);
  checkAnswers(template, answers);
  const ctx = linkContext(db, row, requestId);
  const lang = row.assessment.language as AssessmentLanguage;
  const result = await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockAssessment(tx, ctx.org.id, row.assessment.id);
    const stored = readStored(before?.answers);
    const after = await repo.claimLink(tx, ctx.org.id, row.assessment.id, hash, { answers: { ...stored, values: answers } });
    if (!before || !after) throw gone('This questionnaire has already been answered');
    const note = renderAnswers(template, answers, lang).slice(0, evidenceLimits.note);
    const evidence = await evidenceRepo.insertEvidence(tx, {
      orgId: ctx.org.id,
      kind: 'note',
      title: `${lang === 'en' ? 'Due-diligence answers from' : '盡職審查回覆：'} ${row.vendorName}`.slice(0, evidenceLimits.title),
      description: `${template.id} ${template.version}`,
      note,
      collectedOn: new Date().toISOString().slice(0, 10),
    });
    const requirement = SUPPLIER_REQUIREMENT;
    await evidenceRepo.insertLink(tx, { orgId: ctx.org.id, evidenceId: evidence.id, targetType: 'requirement', targetKey: requirement });
    const linked = await repo.updateAssessment(tx, ctx.org.id, row.assessment.id, { evidenceId: evidence.id });
    audit({ action: 'evidence.create', entityType: 'evidence', entityId: evidence.id, after: snapshotEvidence(evidence) });
    audit({
      action: 'evidence.link',
      entityType: 'evidence',
      entityId: evidence.id,
      after: { targetType: 'requirement', targetKey: requirement },
    });
    audit({
      action: 'vendor_assessment.submit',
      entityType: 'vendor_assessment',
      entityId: row.assessment.id,
      before: snapshotAssessment(before),
      after: snapshotAssessment(linked ?? after),
    });
    return { submittedAt: (after.submittedAt ?? new Date()).toISOString(), attachments: stored.attachments.length };
  });
  return result;
}

/**
 * A document from the vendor: a file evidence item made through the evidence services (type and size checks,
 * content-addressed store), linked to A.10.3 and recorded on the assessment while the link is open.
 */
export async function attachVendorFile(
  db: Db,
  env: EvidenceEnv,
  token: string,
  upload: EvidenceUpload,
  requestId: string | null,
): Promise<VendorLinkResult> {
  const { row, hash } = await openLink(db, token);
  // refuse a disallowed type before anything is written
  const fileName = cleanFileName(upload.fileName);
  resolveEvidenceMediaType(fileName, upload.mediaType);
  const ctx = linkContext(db, row, requestId);
  const item = await createEvidence(ctx, env, {
    kind: 'file',
    title: `${row.vendorName}: ${fileName}`.slice(0, evidenceLimits.title),
    description: `Attached by the vendor to questionnaire ${row.assessment.templateId}`,
  });
  try {
    await uploadEvidenceFile(ctx, env, item.id, upload);
    await addEvidenceLink(ctx, env, item.id, { targetType: 'requirement', targetKey: SUPPLIER_REQUIREMENT });
    const attached = await withAudit(ctx, async (tx, audit) => {
      const after = await repo.addAttachment(tx, ctx.org.id, row.assessment.id, hash, item.id);
      if (!after) return null;
      audit({ action: 'vendor_assessment.attach', entityType: 'vendor_assessment', entityId: after.id, after: { evidenceId: item.id } });
      return readStored(after.answers).attachments.length;
    });
    if (attached === null) throw gone('This questionnaire has already been answered');
    return { submittedAt: null, attachments: attached };
  } catch (err) {
    // the item would be an empty or orphaned file record: archive it, keep the error
    await archiveEvidence(ctx, env, item.id).catch(() => undefined);
    throw err;
  }
}
