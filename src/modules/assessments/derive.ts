import type { ControlStatus } from '../controls/schema.js';
import type { ItemStatus } from './schema.js';

/**
 * The status the organisation's controls give a requirement: no live control → not assessed; every control
 * implemented → met; at least one implemented or under way → partially met; only planned or not implemented → gap.
 */
export function deriveStatus(controls: readonly ControlStatus[]): ItemStatus {
  if (controls.length === 0) return 'not_assessed';
  if (controls.every((s) => s === 'implemented')) return 'met';
  if (controls.some((s) => s === 'implemented' || s === 'in_progress')) return 'partially_met';
  return 'gap';
}

export interface LinkedControl {
  status: ControlStatus;
  /** the systems the control is applied to; empty means the whole organisation */
  systemIds: readonly string[];
}

/** For an assessment of one system, only controls applied organisation-wide or to that system count. */
export function controlsInScope(controls: readonly LinkedControl[], systemId: string | null): ControlStatus[] {
  return controls.filter((c) => systemId === null || c.systemIds.length === 0 || c.systemIds.includes(systemId)).map((c) => c.status);
}
