import { type ByteSource, type DiscoveryEvent, type DiscoveryImport, ImportStats } from '../events.js';
import { eachLine } from '../lines.js';
import { type ColumnOptions, type ColumnRole, headerKey, type TabularPreset } from './columns.js';
import { rowToEvent } from './rows.js';

/**
 * JSON lines: one object per line. A field is the caller's key (a dotted path reaches nested objects, e.g.
 * "destination.domain") or the first of the preset's names found among the object's top-level keys. A line that is not
 * a JSON object, or lacks the needed value, is counted as rejected.
 */
export function readJsonLines(source: ByteSource, preset: TabularPreset, columns: ColumnOptions = {}): DiscoveryImport {
  const stats = new ImportStats();
  let batch: DiscoveryEvent[] = [];
  const onLine = (buf: Buffer, start: number, end: number, lineNo: number) => {
    const text = buf.toString('utf8', start, end).trim();
    if (text === '') return;
    stats.linesRead++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return stats.reject(lineNo, 'not valid JSON');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return stats.reject(lineNo, 'not a JSON object');
    const record = value as Record<string, unknown>;
    let keys: Map<string, string> | null = null;
    const get = (role: ColumnRole): string | undefined => {
      const chosen = columns[role];
      if (chosen !== undefined)
        return text_(
          chosen.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), record),
        );
      keys ??= new Map(Object.keys(record).map((k) => [headerKey(k), k]));
      for (const alias of preset.aliases[role] ?? []) {
        const key = keys.get(alias);
        if (key !== undefined) return text_(record[key]);
      }
      return undefined;
    };
    const event = rowToEvent(get, preset, stats, lineNo);
    if (event) batch.push(event);
  };
  const flush = () => {
    const out = batch;
    batch = [];
    return out;
  };
  return { events: eachLine(source, stats, onLine, flush), stats };
}

function text_(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
