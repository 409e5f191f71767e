import type { DiscoveryEvent, ImportStats } from '../events.js';
import { parseTime } from '../time.js';
import { type ColumnRole, parseAmount, type TabularPreset } from './columns.js';

/**
 * One row of a tabular import → an event, or null after counting the row as rejected (no value in the needed column,
 * a time or amount that is not understood). `get` returns the trimmed cell of a role, '' or undefined when absent.
 */
export function rowToEvent(
  get: (role: ColumnRole) => string | undefined,
  preset: TabularPreset,
  stats: ImportStats,
  lineNo: number,
): DiscoveryEvent | null {
  const present = preset.needsOneOf.filter((r) => (get(r) ?? '') !== '');
  if (present.length === 0) {
    stats.reject(lineNo, `no ${preset.needsOneOf.join(' or ')} value`);
    return null;
  }
  const timeText = get('time') ?? '';
  const time = timeText === '' ? null : parseTime(timeText);
  if (timeText !== '' && time === null) {
    stats.reject(lineNo, `time not understood: "${timeText.slice(0, 40)}"`);
    return null;
  }
  const event: DiscoveryEvent = { time, user: (get('user') ?? '') || null };
  const amountText = get('amount') ?? '';
  if (amountText !== '') {
    const amount = parseAmount(amountText);
    if (amount === null) {
      stats.reject(lineNo, `amount not understood: "${amountText.slice(0, 40)}"`);
      return null;
    }
    event.amount = amount;
  }
  const domain = get('domain');
  const url = get('url');
  const app = get('app');
  const merchant = get('merchant');
  if (domain) event.host = domain;
  if (url) event.url = url;
  if (app) event.appName = app;
  if (merchant) event.merchant = merchant;
  return event;
}
