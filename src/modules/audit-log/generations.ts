/**
 * A counter per organisation that moves on every audited write. Every write appends to the audit trail (the
 * house rule), so this is the one place that knows when an organisation's data changed; in-memory read models
 * compare it to the counter they were built at.
 */
const generations = new Map<string, number>();

export function bumpGeneration(orgId: string): void {
  generations.set(orgId, (generations.get(orgId) ?? 0) + 1);
}

export function generationOf(orgId: string): number {
  return generations.get(orgId) ?? 0;
}
