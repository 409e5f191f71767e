import type { Db } from '../../db/connect.js';
import type { Actor, OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can, grantOf, type Role } from '../auth/permissions.js';
import { impactDocument } from './export/document.js';
import { renderImpact, type ImpactFile } from './export/index.js';
import * as repo from './repo.js';
import { snapshotImpact } from './snapshot.js';
import { fingerprintChanged, requiredReasons, systemFingerprint } from './rules.js';
import {
  createImpactInput,
  signoffInput,
  signoffSteps,
  updateImpactInput,
  type CreateImpactInput,
  type ImpactCurrentStatus,
  type ImpactExportQuery,
  type ImpactListQuery,
  type ImpactPage,
  type ImpactStatus,
  type ImpactSummary,
  type ImpactVersionList,
  type ImpactView,
  type RequiredList,
  type SignoffInput,
  type SignoffStep,
  type SignoffView,
  type UpdateImpactInput,
} from './schema.js';
import { impactContent, missingSections, readContent, type ImpactContent } from './template.js';

export { markImpactReassessment } from './reassess.js';

/** Roles that may sign the governance step (with an `all` grant of impact.signoff). */
const governanceRoles: ReadonlySet<Role> = new Set<Role>(['governance_lead', 'owner', 'admin']);

type Owners = Pick<repo.SystemRow, 'accountableOwnerId' | 'technicalOwnerId'>;

/** Whether the actor may sign this step: the system's own owner for `system_owner`, a governance role for the other. */
export function maySign(step: SignoffStep, role: Role, actor: Actor, system: Owners): boolean {
  const grant = grantOf(role, 'impact.signoff');
  if (!grant) return false;
  if (step === 'system_owner')
    return !!actor.userId && (system.accountableOwnerId === actor.userId || system.technicalOwnerId === actor.userId);
  return grant === 'all' && governanceRoles.has(role);
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function summary(r: repo.ImpactRow, system: { id: string; name: string }): ImpactSummary {
  return {
    id: r.id,
    system,
    versionNo: r.versionNo,
    status: r.status as ImpactStatus,
    needsReassessment: r.needsReassessment,
    reassessmentReason: r.reassessmentReason,
    createdBy: r.createdBy,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    submittedAt: iso(r.submittedAt),
    approvedAt: iso(r.approvedAt),
  };
}

const signoffView = (s: repo.SignoffRow): SignoffView => ({
  id: s.id,
  step: s.step as SignoffStep,
  userId: s.userId,
  signerName: s.signerName,
  decision: s.decision as SignoffView['decision'],
  note: s.note,
  signedAt: s.signedAt.toISOString(),
});

/** The sign-offs of the current review round: those since the last submission (none while in draft). */
function currentRound(r: repo.ImpactRow, signoffs: repo.SignoffRow[]): repo.SignoffRow[] {
  if (r.status === 'draft' || !r.submittedAt) return [];
  const since = r.submittedAt.getTime();
  return signoffs.filter((s) => s.signedAt.getTime() >= since);
}

function stepDecision(round: repo.SignoffRow[], step: SignoffStep): repo.SignoffRow | undefined {
  return round.filter((s) => s.step === step).at(-1);
}

async function signersOf(db: Db, orgId: string, system: Owners): Promise<Record<SignoffStep, { id: string; name: string }[]>> {
  const ownerIds = [system.accountableOwnerId, system.technicalOwnerId].filter((v): v is string => !!v);
  // one after the other: `db` may be a transaction, whose connection runs one query at a time
  const owners = await repo.members(db, orgId, { userIds: [...new Set(ownerIds)] });
  const leads = await repo.members(db, orgId, { roles: [...governanceRoles] });
  const pick = (m: repo.MemberRow) => ({ id: m.id, name: m.name });
  return {
    system_owner: owners.filter((m) => grantOf(m.role as Role, 'impact.signoff')).map(pick),
    governance_lead: leads.map(pick),
  };
}

async function loadView(ctx: OrgContext, id: string): Promise<ImpactView> {
  const joined = await repo.findImpact(ctx.db, ctx.org.id, id);
  if (!joined) throw notFound('Impact assessment');
  const { impact: r } = joined;
  const [system, signoffs, versions] = await Promise.all([
    repo.findSystem(ctx.db, ctx.org.id, r.systemId),
    repo.signoffsOf(ctx.db, ctx.org.id, r.id),
    repo.versionsOf(ctx.db, ctx.org.id, r.systemId),
  ]);
  if (!system) throw notFound('AI system');
  const signers = await signersOf(ctx.db, ctx.org.id, system);
  const content = readContent(r.content);
  const round = currentRound(r, signoffs);
  const manage = can(ctx.role, 'impact.manage');
  const rejections = r.submittedAt ? signoffs.filter((s) => s.decision === 'reject' && s.signedAt >= r.submittedAt!) : [];
  const signable = (step: SignoffStep) =>
    r.status === 'in_review' && stepDecision(round, step)?.decision !== 'approve' && maySign(step, ctx.role, ctx.actor, system);
  return {
    ...summary(r, joined.system),
    content,
    missingSections: missingSections(content).sections,
    systemChanged: fingerprintChanged(r.systemFingerprint, system),
    steps: signoffSteps.map((step) => {
      const s = stepDecision(round, step);
      return {
        step,
        state: !s ? 'pending' : s.decision === 'approve' ? 'approved' : 'rejected',
        signoff: s ? signoffView(s) : null,
        signers: signers[step],
      };
    }),
    signoffs: signoffs.map(signoffView),
    rejection: r.status === 'draft' && rejections.length ? signoffView(rejections.at(-1)!) : null,
    can: {
      update: manage && r.status === 'draft',
      submit: manage && r.status === 'draft',
      signoff: { system_owner: signable('system_owner'), governance_lead: signable('governance_lead') },
      newVersion: manage && r.status === 'approved' && versions[0]?.id === r.id && !system.archivedAt,
    },
  };
}

/* ---------- reads ---------- */

export async function listImpacts(ctx: OrgContext, query: ImpactListQuery): Promise<ImpactPage> {
  if (!can(ctx.role, 'impact.read')) throw forbidden();
  const { rows, total } = await repo.listImpacts(ctx.db, ctx.org.id, query);
  return { items: rows.map((j) => summary(j.impact, j.system)), total, limit: query.limit, offset: query.offset };
}

export async function getImpact(ctx: OrgContext, id: string): Promise<ImpactView> {
  if (!can(ctx.role, 'impact.read')) throw forbidden();
  return loadView(ctx, id);
}

export async function listVersions(ctx: OrgContext, systemId: string): Promise<ImpactVersionList> {
  if (!can(ctx.role, 'impact.read')) throw forbidden();
  const system = await repo.findSystem(ctx.db, ctx.org.id, systemId);
  if (!system) throw notFound('AI system');
  const ref = { id: system.id, name: system.name };
  return { system: ref, items: (await repo.versionsOf(ctx.db, ctx.org.id, systemId)).map((r) => summary(r, ref)) };
}

function currentStatus(latest: repo.ImpactRow | undefined): ImpactCurrentStatus {
  if (!latest) return 'none';
  if (latest.needsReassessment) return 'needs_reassessment';
  return latest.status as ImpactStatus;
}

/** For each live system: whether an impact assessment is required, why, and where its assessment stands. */
export async function requiredAssessments(ctx: OrgContext): Promise<RequiredList> {
  if (!can(ctx.role, 'impact.read')) throw forbidden();
  const [systems, tiers, latest] = await Promise.all([
    repo.liveSystems(ctx.db, ctx.org.id),
    repo.latestTiers(ctx.db, ctx.org.id),
    repo.latestImpacts(ctx.db, ctx.org.id),
  ]);
  return {
    items: systems.map((s) => {
      const tier = tiers.get(s.id) ?? null;
      const reasons = requiredReasons({
        tier,
        decisionRole: s.decisionRole,
        affectedPersons: s.affectedPersons,
        dataCategories: s.dataCategories,
      });
      const current = latest.get(s.id);
      return {
        system: { id: s.id, name: s.name },
        required: reasons.length > 0,
        reasons,
        tier,
        status: currentStatus(current),
        assessmentId: current?.id ?? null,
        versionNo: current?.versionNo ?? null,
      };
    }),
  };
}

/* ---------- writes ---------- */

/** Version 1 starts from what the register already says; later versions copy the latest approved one. */
function initialContent(system: repo.SystemRow): ImpactContent {
  return { system: { intendedUse: system.purpose } };
}

export async function createImpact(ctx: OrgContext, input: CreateImpactInput): Promise<ImpactView> {
  if (!can(ctx.role, 'impact.manage')) throw forbidden();
  const { systemId } = parseOrThrow(createImpactInput, input);
  const id = await withAudit(ctx, async (tx, audit) => {
    const system = await repo.lockSystem(tx, ctx.org.id, systemId);
    if (!system) throw notFound('AI system');
    if (system.archivedAt) throw new AppError('conflict', 'This AI system is archived; restore it before assessing it');
    const [latest] = await repo.versionsOf(tx, ctx.org.id, systemId);
    if (latest && latest.status !== 'approved') {
      throw new AppError(
        'conflict',
        `An assessment of this system is already open (version ${latest.versionNo}, ${latest.status.replace('_', ' ')})`,
        {
          assessmentId: latest.id,
          status: latest.status,
        },
      );
    }
    const row = await repo.insertImpact(tx, {
      orgId: ctx.org.id,
      systemId,
      versionNo: (latest?.versionNo ?? 0) + 1,
      status: 'draft',
      content: latest ? readContent(latest.content) : initialContent(system),
      systemFingerprint: systemFingerprint(system),
      createdBy: ctx.actor.label,
    });
    audit({ action: 'impact.create', entityType: 'impact_assessment', entityId: row.id, after: snapshotImpact(row) });
    return row.id;
  });
  return loadView(ctx, id);
}

function staleVersion(current: number): AppError {
  return new AppError('conflict', 'Someone else changed this assessment since you opened it; reload and try again', {
    currentVersion: current,
  });
}

function notDraft(r: repo.ImpactRow): AppError {
  return r.status === 'approved'
    ? new AppError('conflict', 'This version is approved and frozen; start a new version to change it', { status: r.status })
    : new AppError('conflict', 'This assessment is in review; a reviewer must return it to draft before it can change', {
        status: r.status,
      });
}

/** Mitigations may only name the organisation's own applied controls. */
async function controlIssues(db: Db, orgId: string, content: ImpactContent): Promise<FieldIssue[]> {
  const items = content.mitigations?.items ?? [];
  const known = await repo.controlsAmong(db, orgId, [...new Set(items.flatMap((m) => m.controlIds))]);
  return items.flatMap((m, i) =>
    m.controlIds.flatMap((c, j) =>
      known.has(c) ? [] : [{ path: `content.mitigations.items.${i}.controlIds.${j}`, message: 'No such applied control' }],
    ),
  );
}

export async function updateImpact(ctx: OrgContext, id: string, input: UpdateImpactInput): Promise<ImpactView> {
  if (!can(ctx.role, 'impact.manage')) throw forbidden();
  const { version, content: patch } = parseOrThrow(updateImpactInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockImpact(tx, ctx.org.id, id);
    if (!before) throw notFound('Impact assessment');
    if (before.status !== 'draft') throw notDraft(before);
    if (version !== undefined && version !== before.version) throw staleVersion(before.version);
    const merged: Record<string, unknown> = { ...readContent(before.content) };
    for (const [section, value] of Object.entries(patch)) {
      if (value === null) delete merged[section];
      else if (value !== undefined) merged[section] = value;
    }
    const content = parseOrThrow(impactContent, merged);
    const issues = await controlIssues(tx, ctx.org.id, content);
    if (issues.length) throw invalid('Some mitigations refer to controls that do not exist', issues);
    const after = await repo.updateImpact(tx, ctx.org.id, id, { content });
    if (!after) throw notFound('Impact assessment');
    audit({
      action: 'impact.update',
      entityType: 'impact_assessment',
      entityId: id,
      before: snapshotImpact(before),
      after: snapshotImpact(after),
    });
  });
  return loadView(ctx, id);
}

/** Draft → in review, once the required sections are complete. Submitting what is already in review changes nothing. */
export async function submitImpact(ctx: OrgContext, id: string): Promise<ImpactView> {
  if (!can(ctx.role, 'impact.manage')) throw forbidden();
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockImpact(tx, ctx.org.id, id);
    if (!before) throw notFound('Impact assessment');
    if (before.status === 'in_review') return;
    if (before.status !== 'draft') throw notDraft(before);
    const missing = missingSections(readContent(before.content));
    if (missing.sections.length) {
      throw new AppError('unprocessable', `Complete the required sections first: ${missing.sections.join(', ')}`, {
        missingSections: missing.sections,
        issues: missing.fields.map(({ path, message }) => ({ path, message })),
      });
    }
    const system = await repo.findSystem(tx, ctx.org.id, before.systemId);
    if (!system) throw notFound('AI system');
    if (!system.accountableOwnerId && !system.technicalOwnerId) {
      throw invalid('Name an accountable or technical owner of the system first: they sign the assessment', [
        { path: 'systemId', message: 'The system has no owner to sign the assessment' },
      ]);
    }
    // The author submits against the system as it is now.
    const after = await repo.updateImpact(tx, ctx.org.id, id, {
      status: 'in_review',
      submittedAt: new Date(),
      systemFingerprint: systemFingerprint(system),
      needsReassessment: false,
      reassessmentReason: null,
    });
    if (!after) throw notFound('Impact assessment');
    audit({
      action: 'impact.submit',
      entityType: 'impact_assessment',
      entityId: id,
      before: snapshotImpact(before),
      after: snapshotImpact(after),
    });
  });
  return loadView(ctx, id);
}

/**
 * One step's decision. A rejection returns the assessment to draft with its note; when every step has approved in
 * this review round, the version is approved and frozen. Approving a step already approved changes nothing.
 */
export async function signoffImpact(ctx: OrgContext, id: string, input: SignoffInput): Promise<ImpactView> {
  if (!can(ctx.role, 'impact.signoff')) throw forbidden();
  const { step, decision, note } = parseOrThrow(signoffInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.lockImpact(tx, ctx.org.id, id);
    if (!before) throw notFound('Impact assessment');
    const system = await repo.findSystem(tx, ctx.org.id, before.systemId);
    if (!system) throw notFound('AI system');
    if (!maySign(step, ctx.role, ctx.actor, system)) {
      throw forbidden(
        step === 'system_owner'
          ? "Only the system's accountable or technical owner can sign this step"
          : 'Only a governance lead, owner or administrator can sign this step',
      );
    }
    if (before.status !== 'in_review')
      throw new AppError('conflict', 'Only an assessment in review can be signed', { status: before.status });
    const round = currentRound(before, await repo.signoffsOf(tx, ctx.org.id, id));
    if (decision === 'approve' && stepDecision(round, step)?.decision === 'approve') return;
    if (decision === 'reject' && !note)
      throw invalid('Say what needs to change', [{ path: 'note', message: 'A note is required to return the assessment' }]);
    if (decision === 'approve') {
      if (before.needsReassessment) {
        throw new AppError(
          'conflict',
          'The system changed after this assessment was submitted; return it to draft so that it can be updated',
          {
            reassessmentReason: before.reassessmentReason,
          },
        );
      }
      const other = signoffSteps.find((s) => s !== step)!;
      const otherSigner = stepDecision(round, other);
      if (ctx.actor.userId && otherSigner?.decision === 'approve' && otherSigner.userId === ctx.actor.userId) {
        throw forbidden('The two sign-off steps need two different people');
      }
    }
    const signerName = (ctx.actor.userId ? await repo.userName(tx, ctx.actor.userId) : undefined) ?? ctx.actor.label;
    const signoff = await repo.insertSignoff(tx, {
      orgId: ctx.org.id,
      assessmentId: id,
      step,
      userId: ctx.actor.userId,
      signerName,
      decision,
      note: note || null,
      signedAt: new Date(),
    });
    const entry = { step, decision, note: note || null, signerName, signoffId: signoff.id };
    if (decision === 'reject') {
      const after = await repo.updateImpact(tx, ctx.org.id, id, { status: 'draft' });
      audit({
        action: 'impact.reject',
        entityType: 'impact_assessment',
        entityId: id,
        before: snapshotImpact(before),
        after: { ...snapshotImpact(after!), signoff: entry },
      });
      return;
    }
    const approvedSteps = new Set([...round.filter((s) => s.decision === 'approve').map((s) => s.step), step]);
    // A rejection in this round sent it back to draft, so every decision of the round here is an approval.
    if (signoffSteps.every((s) => approvedSteps.has(s))) {
      const after = await repo.updateImpact(tx, ctx.org.id, id, { status: 'approved', approvedAt: new Date() });
      audit({
        action: 'impact.approve',
        entityType: 'impact_assessment',
        entityId: id,
        before: snapshotImpact(before),
        after: { ...snapshotImpact(after!), signoff: entry },
      });
    } else {
      audit({ action: 'impact.signoff', entityType: 'impact_assessment', entityId: id, after: entry });
    }
  });
  return loadView(ctx, id);
}

export async function exportImpact(ctx: OrgContext, id: string, query: ImpactExportQuery): Promise<ImpactFile> {
  const view = await getImpact(ctx, id);
  const controlIds = [...new Set((view.content.mitigations?.items ?? []).flatMap((m) => m.controlIds))];
  const controlNames = await repo.controlsAmong(ctx.db, ctx.org.id, controlIds);
  const doc = impactDocument({
    view,
    controlNames,
    orgName: ctx.org.name,
    orgSlug: ctx.org.slug,
    lang: query.lang,
    generatedAt: new Date(),
  });
  return renderImpact(doc, query.format);
}
