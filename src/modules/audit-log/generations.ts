/**
 * A counter per organisation that moves on every audited write, with a short log of which entities changed.
 * Every write appends to the audit trail (the house rule), so this is the one place that knows when an
 * organisation's data changed; in-memory read models compare it to the counter they were built at and either
 * patch the entities that changed or rebuild.
 */
export interface Change {
  entityType: string;
  entityId: string | null;
}

interface OrgLog {
  generation: number;
  /** changes in order, each with the generation it produced */
  changes: (Change & { generation: number })[];
  /** the log is complete for the generations after this one */
  knownAfter: number;
}

/** Changes remembered per organisation; a reader further behind than this rebuilds. */
const MAX_LOGGED_CHANGES = 5000;
const logs = new Map<string, OrgLog>();
let recordedChanges = 0;

/** Changes recorded by this process since it started, across organisations (drives statistics refreshes). */
export function totalRecordedChanges(): number {
  return recordedChanges;
}

export function recordWrite(orgId: string, changes: readonly Change[]): void {
  recordedChanges += Math.max(1, changes.length);
  const log = logs.get(orgId) ?? { generation: 0, changes: [], knownAfter: 0 };
  log.generation++;
  for (const c of changes) log.changes.push({ entityType: c.entityType, entityId: c.entityId, generation: log.generation });
  if (log.changes.length > MAX_LOGGED_CHANGES) {
    // Forget whole generations, so that what is kept is complete for every generation it covers.
    log.knownAfter = log.changes[log.changes.length - MAX_LOGGED_CHANGES - 1]!.generation;
    log.changes = log.changes.filter((c) => c.generation > log.knownAfter);
  }
  logs.set(orgId, log);
}

export function generationOf(orgId: string): number {
  return logs.get(orgId)?.generation ?? 0;
}

/** What changed after `generation`, or null when that is no longer known (the log was trimmed). */
export function changesSince(orgId: string, generation: number): Change[] | null {
  const log = logs.get(orgId);
  if (!log) return generation === 0 ? [] : null;
  if (generation < log.knownAfter) return null;
  return log.changes.filter((c) => c.generation > generation).map(({ entityType, entityId }) => ({ entityType, entityId }));
}
