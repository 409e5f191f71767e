import type { ItemStatus } from '@contracts/assessments/schema.js';
import type { ControlStatus } from '@contracts/controls/schema.js';
import type { ActionStatus, PriorityLevel } from '@contracts/remediation/schema.js';

export const itemStatusColor: Record<ItemStatus, string> = {
  not_assessed: 'gray',
  not_applicable: 'dark',
  gap: 'red',
  partially_met: 'orange',
  met: 'teal',
};

export const controlStatusColor: Record<ControlStatus, string> = {
  planned: 'gray',
  in_progress: 'blue',
  implemented: 'teal',
  not_implemented: 'red',
};

export const actionStatusColor: Record<ActionStatus, string> = {
  open: 'blue',
  in_progress: 'yellow',
  done: 'teal',
  cancelled: 'gray',
};

export const priorityColor: Record<PriorityLevel, string> = { low: 'gray', medium: 'orange', high: 'red' };

/** A share (0–1) as a whole percentage. */
export const percent = (share: number): number => Math.round(share * 100);
