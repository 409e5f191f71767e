import type { OrgContext } from '../server/context.js';
import { createImpact, updateImpact } from '../modules/impact/service.js';
import { riskSuggestions, acceptRiskSuggestions } from '../modules/risks/suggestions-service.js';
import { classifySystem } from '../modules/system-classifications/service.js';
import { demoClassifications } from './classifications.js';
import { knowledgeAssistantImpactDraft } from './impact-draft.js';

/** The demo's classifications (every system), risks and the knowledge assistant's impact assessment in draft. */
export async function seedDemoRisk(ctx: OrgContext, systemIds: Map<string, string>): Promise<void> {
  for (const c of demoClassifications) {
    const id = systemIds.get(c.system);
    if (!id) throw new Error(`demo data names an unknown system: ${c.system}`);
    await classifySystem(ctx, id, { eu: c.eu, hk: c.hk });
  }
  // The register starts from what each system's facts suggest, for the systems that deal with clients and applicants.
  for (const name of ['CV screening (TalentSift)', 'CRM lead scoring (LeadLoom AI)', 'Harbour Knowledge Assistant']) {
    const id = systemIds.get(name);
    if (!id) throw new Error(`demo data names an unknown system: ${name}`);
    const { items } = await riskSuggestions(ctx, id);
    if (items.length) await acceptRiskSuggestions(ctx, id, { keys: items.map((i) => i.key) });
  }
  const assistant = systemIds.get('Harbour Knowledge Assistant');
  if (!assistant) throw new Error('the demo has no knowledge assistant');
  const draft = await createImpact(ctx, { systemId: assistant });
  await updateImpact(ctx, draft.id, { content: knowledgeAssistantImpactDraft, version: draft.version });
}
