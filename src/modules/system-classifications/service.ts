import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { classifyEuAiAct } from '../classification/eu-ai-act/classify.js';
import { classifyHongKong } from '../classification/hong-kong.js';
import type { EuAiActResult, EuTier, HongKongResult } from '../classification/schema.js';
import { loadRiskSettings } from '../risks/settings-service.js';
import { allowedOnSystem } from '../systems/present.js';
import * as systemsRepo from '../systems/repo.js';
import { addMonths } from './cadence.js';
import { suggestAnswers } from './prefill.js';
import * as repo from './repo.js';
import {
  classifySystemInput,
  type ClassificationOverview,
  type ClassificationState,
  type ClassificationView,
  type ClassifySystemInput,
} from './schema.js';

const today = (): string => new Date().toISOString().slice(0, 10);

function present(row: repo.ClassificationRow): ClassificationView {
  return {
    id: row.id,
    systemId: row.systemId,
    rulesVersion: row.rulesVersion,
    tier: row.tier as EuTier,
    eu: { answers: row.euAnswers as Record<string, unknown>, result: row.euResult as EuAiActResult },
    hk: row.hkResult ? { answers: (row.hkAnswers ?? {}) as Record<string, unknown>, result: row.hkResult as HongKongResult } : null,
    classifiedBy: row.classifiedBy,
    classifiedAt: row.classifiedAt.toISOString(),
  };
}

async function liveSystem(ctx: OrgContext, systemId: string): Promise<systemsRepo.SystemRow> {
  const system = await systemsRepo.lockSystem(ctx.db, ctx.org.id, systemId);
  if (!system) throw notFound('AI system');
  return system;
}

export async function getClassificationState(ctx: OrgContext, systemId: string): Promise<ClassificationState> {
  if (!can(ctx.role, 'system.read')) throw forbidden();
  const system = await liveSystem(ctx, systemId);
  const history = await repo.historyOf(ctx.db, ctx.org.id, systemId);
  const suggested = suggestAnswers(system);
  const [current] = history;
  return {
    current: current ? present(current) : null,
    suggestedAnswers: { eu: suggested.eu as Record<string, unknown>, hk: suggested.hk as Record<string, unknown> },
    suggestionReasons: suggested.reasons,
    history: history.map((h) => ({
      id: h.id,
      tier: h.tier as EuTier,
      rulesVersion: h.rulesVersion,
      classifiedBy: h.classifiedBy,
      classifiedAt: h.classifiedAt.toISOString(),
    })),
    nextReviewDate: system.nextReviewDate,
    can: { classify: !system.archivedAt && allowedOnSystem(ctx.role, ctx.actor, 'system.classify', system) },
  };
}

/**
 * Classifies a system from the wizard's answers: stores the answers, both results and the rules version, and sets
 * the system's next review date from the review cadence of its tier (risk settings).
 */
export async function classifySystem(ctx: OrgContext, systemId: string, input: ClassifySystemInput): Promise<ClassificationState> {
  if (!can(ctx.role, 'system.classify')) throw forbidden();
  const data = parseOrThrow(classifySystemInput, input);
  const eu = classifyEuAiAct(data.eu);
  const hk = data.hk ? classifyHongKong(data.hk) : null;
  await withAudit(ctx, async (tx, audit) => {
    const before = await systemsRepo.lockSystem(tx, ctx.org.id, systemId);
    if (!before) throw notFound('AI system');
    if (!allowedOnSystem(ctx.role, ctx.actor, 'system.classify', before)) throw forbidden('You can only classify the AI systems you own');
    if (before.archivedAt) throw new AppError('conflict', 'This AI system is archived; restore it before classifying it');
    const row = await repo.insertClassification(tx, {
      orgId: ctx.org.id,
      systemId,
      rulesVersion: eu.rulesVersion,
      euAnswers: data.eu,
      euResult: eu,
      tier: eu.tier,
      hkAnswers: data.hk ?? null,
      hkResult: hk,
      classifiedBy: ctx.actor.label,
    });
    const { data: settings } = await loadRiskSettings(tx, ctx.org.id);
    // An out-of-scope system is reviewed as often as its indicative tier asks: its risk does not depend on whether
    // EU law reaches it today, and that can change with one new client.
    const months = Math.min(settings.reviewCadence[eu.tier], settings.reviewCadence[eu.indicativeTier]);
    const nextReviewDate = addMonths(today(), months);
    await systemsRepo.updateSystem(tx, ctx.org.id, systemId, { nextReviewDate });
    // Recorded against the system, so that its history and the register's read model both see the change.
    audit({
      action: 'system.classify',
      entityType: 'ai_system',
      entityId: systemId,
      before: { nextReviewDate: before.nextReviewDate },
      after: {
        classificationId: row.id,
        tier: eu.tier,
        basis: eu.basis,
        rulesVersion: eu.rulesVersion,
        pcpdRiskLevel: hk?.pcpd.riskLevel ?? null,
        nextReviewDate,
      },
    });
  });
  return getClassificationState(ctx, systemId);
}

/** Every live system with its tier, basis, PCPD risk level and review date: the board's first question. */
export async function classificationOverview(ctx: OrgContext): Promise<ClassificationOverview> {
  if (!can(ctx.role, 'system.read')) throw forbidden();
  const rows = await repo.latestPerSystem(ctx.db, ctx.org.id);
  const now = today();
  const items = rows.map((r) => {
    const eu = r.euResult as EuAiActResult | null;
    const hk = r.hkResult as HongKongResult | null;
    return {
      systemId: r.id,
      name: r.name,
      tier: (r.tier as EuTier | null) ?? null,
      indicativeTier: eu?.indicativeTier ?? null,
      basis: eu?.basis ?? [],
      pcpdRiskLevel: hk?.pcpd.riskLevel ?? null,
      classifiedAt: r.classifiedAt?.toISOString() ?? null,
      nextReviewDate: r.nextReviewDate,
      reviewOverdue: !!r.nextReviewDate && r.nextReviewDate < now,
    };
  });
  const counts: Record<string, number> = {};
  for (const i of items) if (i.tier) counts[i.tier] = (counts[i.tier] ?? 0) + 1;
  return {
    items,
    counts,
    overdue: items.filter((i) => i.reviewOverdue).length,
    unclassified: items.filter((i) => !i.tier).length,
  };
}
