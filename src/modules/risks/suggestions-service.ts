import type { OrgContext } from '../../server/context.js';
import { forbidden, invalid, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { findSystem, lockSystem } from '../systems/repo.js';
import { presentListItem, snapshotRisk } from './present.js';
import * as repo from './repo.js';
import {
  acceptSuggestionsInput,
  suggestionKeys,
  type AcceptSuggestionsInput,
  type AcceptSuggestionsResult,
  type RiskSuggestionList,
  type SuggestionKey,
} from './schema.js';
import { loadRiskSettings } from './settings-service.js';
import { suggestRisks } from './suggest.js';

const isKey = (k: string): k is SuggestionKey => (suggestionKeys as readonly string[]).includes(k);

/** The risks the rules suggest for a live system, without those already in its register. */
export async function riskSuggestions(ctx: OrgContext, systemId: string): Promise<RiskSuggestionList> {
  if (!can(ctx.role, 'risk.read')) throw forbidden();
  const system = await findLiveSystem(ctx, systemId);
  const { data } = await loadRiskSettings(ctx.db, ctx.org.id);
  const added = await repo.suggestionKeysOf(ctx.db, ctx.org.id, systemId);
  return {
    items: suggestRisks(system, {
      exclude: added,
      likelihoodLevels: data.matrix.likelihood.length,
      impactLevels: data.matrix.impact.length,
    }),
    alreadyAdded: [...added].filter(isKey),
  };
}

async function findLiveSystem(ctx: Pick<OrgContext, 'db' | 'org'>, systemId: string) {
  const found = await findSystem(ctx.db, ctx.org.id, systemId);
  if (!found || found.system.archivedAt) throw notFound('System');
  return found.system;
}

/**
 * Adds the chosen suggestions as identified risks of the system. Keys already in its register are skipped, so
 * accepting twice adds nothing; the system row is locked so that two concurrent calls cannot both add one.
 */
export async function acceptRiskSuggestions(
  ctx: OrgContext,
  systemId: string,
  input: AcceptSuggestionsInput,
): Promise<AcceptSuggestionsResult> {
  if (!can(ctx.role, 'risk.manage')) throw forbidden();
  const { keys, lang } = parseOrThrow(acceptSuggestionsInput, input);
  return withAudit(ctx, async (tx, audit) => {
    const system = await lockSystem(tx, ctx.org.id, systemId);
    if (!system || system.archivedAt) throw notFound('System');
    const { data } = await loadRiskSettings(tx, ctx.org.id);
    const added = await repo.suggestionKeysOf(tx, ctx.org.id, systemId);
    const offered = new Map(
      suggestRisks(system, { likelihoodLevels: data.matrix.likelihood.length, impactLevels: data.matrix.impact.length }).map((s) => [
        s.key,
        s,
      ]),
    );
    const wanted = [...new Set(keys)];
    const notOffered = wanted.filter((k) => !offered.has(k));
    if (notOffered.length) {
      throw invalid(
        `Not suggested for this system: ${notOffered.join(', ')}`,
        notOffered.map((k) => ({ path: `keys.${keys.indexOf(k)}`, message: `"${k}" does not apply to this system's attributes` })),
      );
    }
    const skipped = wanted.filter((k) => added.has(k));
    const rows = await repo.insertRisks(
      tx,
      wanted
        .filter((k) => !added.has(k))
        .map((k) => {
          const s = offered.get(k)!;
          return {
            orgId: ctx.org.id,
            systemId,
            title: s.title[lang],
            description: s.description[lang],
            riskSource: s.riskSource,
            objective: s.objective,
            likelihood: s.likelihood,
            impact: s.impact,
            status: 'identified',
            suggestionKey: k,
          };
        }),
    );
    for (const row of rows) {
      audit({
        action: 'risk.create',
        entityType: 'risk',
        entityId: row.id,
        after: { ...snapshotRisk(row), fromSuggestion: row.suggestionKey },
      });
    }
    const refs = { systemName: system.name, ownerName: null, controlCount: 0 };
    return { created: rows.map((r) => presentListItem(r, refs, data.matrix)), skipped };
  });
}
