import type { OrgContext } from '../server/context.js';
import { createAssessment, updateItem } from '../modules/assessments/service.js';
import { adoptSuggestions, updateControl } from '../modules/controls/service.js';
import type { FrameworkCatalog } from '../modules/frameworks/service.js';
import { createActionFromGap } from '../modules/remediation/service.js';
import { addEvidenceLink, createEvidence, uploadEvidenceFile, type EvidenceEnv } from '../modules/evidence/service.js';
import { demoEvidence } from './evidence.js';
import { demoControls, demoFindings } from './gap-assessment.js';

/** The demo's controls, its partly done ISO/IEC 42001 gap assessment and the actions raised from it. */
export async function seedDemoCompliance(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  userIds: Map<string, string>,
  systemIds: Map<string, string>,
  evidence: EvidenceEnv | null,
): Promise<void> {
  const { created } = await adoptSuggestions(ctx, catalog, { suggestionIds: demoControls.map((c) => c.suggestion) });
  for (const control of created) {
    const plan = demoControls.find((c) => c.suggestion === control.suggestionId);
    if (!plan) continue;
    await updateControl(ctx, catalog, control.id, {
      status: plan.status,
      ownerId: userIds.get(plan.owner) ?? null,
      systemIds: (plan.systems ?? []).map((name) => must(systemIds.get(name), name)),
    });
  }
  const assessment = await createAssessment(ctx, catalog, { framework: 'iso-iec-42001-2023', title: 'ISO/IEC 42001 gap assessment 2026' });
  for (const f of demoFindings) {
    await updateItem(ctx, catalog, assessment.id, f.requirement, {
      ...(f.status ? { status: f.status } : {}),
      maturity: f.maturity ?? null,
      ownerId: f.owner ? (userIds.get(f.owner) ?? null) : null,
      dueDate: f.dueDate ?? null,
      notes: f.notes ?? null,
      gapDescription: f.gapDescription ?? null,
    });
    if (f.action) await createActionFromGap(ctx, catalog, assessment.id, f.requirement, { title: f.action });
  }
  const controlIds = new Map(created.map((c) => [c.suggestionId, c.id]));
  for (const e of demoEvidence) {
    // Without a file store (some tests load the demo into a bare database) the evidence library stays empty.
    if (!evidence) break;
    const env = evidence;
    const item = await createEvidence(ctx, env, {
      kind: e.file ? 'file' : e.url ? 'link' : 'note',
      title: e.title,
      url: e.url ?? null,
      note: e.note ?? null,
      ownerId: userIds.get(e.owner) ?? null,
      collectedOn: e.collectedOn,
      expiresOn: e.expiresOn ?? null,
    });
    if (e.file)
      await uploadEvidenceFile(ctx, env, item.id, {
        fileName: e.file.name,
        mediaType: 'text/markdown',
        content: Buffer.from(e.file.content),
      });
    for (const requirement of e.requirements ?? []) {
      await addEvidenceLink(ctx, env, item.id, { targetType: 'requirement', targetKey: `iso-iec-42001-2023:${requirement}` });
    }
    for (const suggestion of e.controls ?? []) {
      await addEvidenceLink(ctx, env, item.id, { targetType: 'control', targetKey: must(controlIds.get(suggestion), suggestion) });
    }
    for (const system of e.systems ?? []) {
      await addEvidenceLink(ctx, env, item.id, { targetType: 'system', targetKey: must(systemIds.get(system), system) });
    }
  }
}

function must(id: string | undefined, name: string): string {
  if (!id) throw new Error(`demo data names an unknown system: ${name}`);
  return id;
}
