import type { OrgContext } from '../server/context.js';
import { createAlertRule } from '../modules/alerts/service.js';

/** Two alert rules a governance lead would start with: the knowledge assistant's errors and slow answers. */
export async function seedDemoAlerts(ctx: OrgContext, systemIds: Map<string, string>): Promise<void> {
  const assistant = systemIds.get('Harbour Knowledge Assistant');
  if (!assistant) throw new Error('the demo has no knowledge assistant');
  await createAlertRule(ctx, {
    name: 'Knowledge assistant: error rate above 5%',
    systemId: assistant,
    metric: 'error_rate',
    comparator: 'above',
    threshold: 0.05,
    windowMinutes: 15,
    cooldownMinutes: 60,
  });
  await createAlertRule(ctx, {
    name: 'Knowledge assistant: p95 latency above 6 s',
    systemId: assistant,
    metric: 'latency_p95',
    comparator: 'above',
    threshold: 6000,
    windowMinutes: 15,
    cooldownMinutes: 60,
  });
}
