import type { OrgContext } from '../../server/context.js';
import { forbidden } from '../../server/errors.js';
import { can } from '../auth/permissions.js';
import { buildHeatmap, buildSummary } from './heatmap.js';
import * as repo from './repo.js';
import type { RiskHeatmap, RiskScopeQuery, RiskSummary } from './schema.js';
import { loadRiskSettings } from './settings-service.js';

const todayIso = (): string => new Date().toISOString().slice(0, 10);

export async function riskHeatmap(ctx: OrgContext, query: RiskScopeQuery): Promise<RiskHeatmap> {
  if (!can(ctx.role, 'risk.read')) throw forbidden();
  const { data } = await loadRiskSettings(ctx.db, ctx.org.id);
  return buildHeatmap(data.matrix, await repo.riskGroups(ctx.db, ctx.org.id, query.system, todayIso()));
}

export async function riskSummary(ctx: OrgContext, query: RiskScopeQuery): Promise<RiskSummary> {
  if (!can(ctx.role, 'risk.read')) throw forbidden();
  const { data } = await loadRiskSettings(ctx.db, ctx.org.id);
  return buildSummary(data.matrix, data.criteria.acceptableMaxScore, await repo.riskGroups(ctx.db, ctx.org.id, query.system, todayIso()));
}
