import type { OrgContext } from '../../server/context.js';
import { forbidden, notFound } from '../../server/errors.js';
import { can } from '../auth/permissions.js';
import { resolvePack } from '../frameworks/org-packs.js';
import type { FrameworkPack } from '../frameworks/schema.js';
import type { FrameworkCatalog } from '../frameworks/service.js';
import { assessmentToResults, type EvidenceForExport } from './assessment-results.js';
import { packToCatalog } from './catalog.js';
import { actionsToPoam } from './poam.js';
import * as repo from './repo.js';
import type { OscalAssessmentResultsDocument, OscalDocument } from './types.js';

export interface OscalFile<D extends OscalDocument = OscalDocument> {
  fileName: string;
  document: D;
}

/** A pack the organisation can see, or null when it is gone (a deleted custom framework an old record names). */
async function packOrNull(ctx: OrgContext, catalog: FrameworkCatalog, id: string): Promise<FrameworkPack | null> {
  try {
    return await resolvePack(ctx.db, catalog, ctx.org.id, id);
  } catch {
    return null;
  }
}

export async function exportCatalog(ctx: OrgContext, catalog: FrameworkCatalog, frameworkId: string, now = new Date()): Promise<OscalFile> {
  if (!can(ctx.role, 'assessment.read')) throw forbidden();
  const pack = await resolvePack(ctx.db, catalog, ctx.org.id, frameworkId);
  return { fileName: `${pack.id}.oscal-catalog.json`, document: packToCatalog(pack, { now }) };
}

export async function exportAssessmentResults(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  assessmentId: string,
  now = new Date(),
): Promise<OscalFile<OscalAssessmentResultsDocument>> {
  if (!can(ctx.role, 'assessment.read')) throw forbidden();
  const found = await repo.findAssessment(ctx.db, ctx.org.id, assessmentId);
  if (!found) throw notFound('Assessment');
  const { assessment, systemName } = found;
  const rows = await repo.listAssessmentItems(ctx.db, ctx.org.id, assessment.id);
  const links = await repo.listEvidenceLinks(
    ctx.db,
    ctx.org.id,
    rows.map((r) => r.item.id),
    rows.map((r) => `${assessment.framework}:${r.item.requirementId}`),
  );
  const evidenceOf = (itemId: string, requirementId: string): EvidenceForExport[] => {
    const seen = new Set<string>();
    return links
      .filter(
        (l) =>
          (l.targetType === 'assessment_item' && l.targetKey === itemId) ||
          (l.targetType === 'requirement' && l.targetKey === `${assessment.framework}:${requirementId}`),
      )
      .filter((l) => !seen.has(l.id) && !!seen.add(l.id))
      .map(({ id, title, kind, url, collectedOn }) => ({ id, title, kind, url, collectedOn }));
  };
  const document = assessmentToResults({
    org: ctx.org,
    assessment: { ...assessment, systemName: systemName ?? null },
    items: rows.map(({ item, ownerName }) => ({
      ...item,
      ownerName: ownerName ?? null,
      evidence: evidenceOf(item.id, item.requirementId),
    })),
    pack: await packOrNull(ctx, catalog, assessment.framework),
    now,
  });
  return { fileName: `assessment-results-${assessment.id}.oscal.json`, document };
}

export async function exportPoam(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  frameworkId: string | undefined,
  now = new Date(),
): Promise<OscalFile> {
  if (!can(ctx.role, 'remediation.read')) throw forbidden();
  const framework = frameworkId ? await resolvePack(ctx.db, catalog, ctx.org.id, frameworkId) : null;
  const rows = await repo.listRemediationActions(ctx.db, ctx.org.id, frameworkId);
  const packs = new Map<string, FrameworkPack>();
  for (const id of new Set(rows.map((r) => r.action.framework).filter((f): f is string => !!f))) {
    const pack = await packOrNull(ctx, catalog, id);
    if (pack) packs.set(id, pack);
  }
  const document = actionsToPoam({
    org: ctx.org,
    actions: rows.map(({ action, ownerName }) => ({ ...action, ownerName: ownerName ?? null })),
    framework,
    packs,
    now,
  });
  return { fileName: `poam-${ctx.org.slug}${framework ? `-${framework.id}` : ''}.oscal.json`, document };
}
