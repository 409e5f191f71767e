import type { Db } from '../../db/connect.js';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { defaultRiskSettings, maxScore } from './matrix.js';
import * as repo from './repo.js';
import { riskSettingsInput, type RiskSettingsData, type RiskSettingsInput, type RiskSettingsView } from './schema.js';

/** The organisation's settings, or the defaults while it has none (version 0). */
export async function loadRiskSettings(db: Db, orgId: string): Promise<{ data: RiskSettingsData; row?: repo.RiskSettingsRow }> {
  const row = await repo.findSettings(db, orgId);
  return row ? { data: dataOf(row), row } : { data: defaultRiskSettings };
}

const dataOf = (row: repo.RiskSettingsRow): RiskSettingsData => ({
  matrix: row.matrix as RiskSettingsData['matrix'],
  criteria: row.criteria as RiskSettingsData['criteria'],
  reviewCadence: row.reviewCadence as RiskSettingsData['reviewCadence'],
});

function present(ctx: OrgContext, data: RiskSettingsData, row?: repo.RiskSettingsRow): RiskSettingsView {
  return {
    ...data,
    maxScore: maxScore(data.matrix),
    version: row?.version ?? 0,
    isDefault: !row,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    can: { configure: can(ctx.role, 'risk.configure') },
  };
}

export async function getRiskSettings(ctx: OrgContext): Promise<RiskSettingsView> {
  if (!can(ctx.role, 'risk.read')) throw forbidden();
  const { data, row } = await loadRiskSettings(ctx.db, ctx.org.id);
  return present(ctx, data, row);
}

/**
 * Replaces the settings. A smaller matrix is refused while risks (archived ones included) sit outside it: shrinking
 * must never silently move or corrupt a recorded likelihood or impact.
 */
export async function updateRiskSettings(ctx: OrgContext, input: RiskSettingsInput): Promise<RiskSettingsView> {
  if (!can(ctx.role, 'risk.configure')) throw forbidden();
  const { version, ...next } = parseOrThrow(riskSettingsInput, input);
  await withAudit(ctx, async (tx, audit) => {
    const before = await repo.findSettings(tx, ctx.org.id, true);
    const current = before?.version ?? 0;
    if (version !== undefined && version !== current) {
      throw new AppError('conflict', 'Someone else changed the risk settings since you opened them; reload and try again', {
        currentVersion: current,
      });
    }
    const L = next.matrix.likelihood.length;
    const I = next.matrix.impact.length;
    const outside = await repo.countOutsideMatrix(tx, ctx.org.id, L, I);
    if (outside > 0) {
      throw new AppError(
        'unprocessable',
        `${outside} risk(s) have a likelihood or impact above the new ${L}×${I} matrix; change them first`,
        {
          count: outside,
          issues: [{ path: 'matrix', message: `${outside} risk(s) have a likelihood above ${L} or an impact above ${I}` }],
        },
      );
    }
    const after = before ? await repo.updateSettings(tx, ctx.org.id, next) : await repo.insertSettings(tx, { orgId: ctx.org.id, ...next });
    if (!after) throw new AppError('conflict', 'The risk settings were changed at the same time; reload and try again');
    audit({
      action: 'risk_settings.update',
      entityType: 'risk_settings',
      entityId: ctx.org.id,
      before: before ? { ...dataOf(before), version: before.version } : { ...defaultRiskSettings, version: 0 },
      after: { ...next, version: after.version },
    });
  });
  return getRiskSettings(ctx);
}
