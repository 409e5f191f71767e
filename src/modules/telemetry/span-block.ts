import { addSample, type LatencyBuckets } from './histogram.js';
import type { ExtractedSpans, GenAiSpan, ResourceGroup } from './otlp/genai-spans.js';

/**
 * The spans of one resource (one reporting service) in the form the writer stores them: every column already
 * rendered as the elements of a PostgreSQL array literal, plus the per-minute rollup and per-model sightings of
 * these spans. A block is plain data (strings and numbers), so a decoding thread can build it and hand it over
 * cheaply, and the writer only concatenates blocks: no per-span work is left for the thread that serves requests.
 */
export interface SpanBlock {
  serviceName: string;
  /** the aims.system.id resource attribute, when sent */
  aimsSystemId: string | null;
  count: number;
  /** comma-separated array-literal elements, one per span, in span order */
  columns: Record<SpanColumn, string>;
  minutes: MinuteRollup[];
  models: ModelSighting[];
}

/** The span columns a block renders; the organisation, system and service columns are the writer's. */
export const SPAN_COLUMNS = [
  ['genAiSystem', 'gen_ai_system', 'text'],
  ['model', 'model', 'text'],
  ['operation', 'operation', 'text'],
  ['traceId', 'trace_id', 'text'],
  ['spanId', 'span_id', 'text'],
  ['name', 'name', 'text'],
  ['startTime', 'start_time', 'timestamptz'],
  ['durationMs', 'duration_ms', 'float8'],
  ['inputTokens', 'input_tokens', 'int'],
  ['outputTokens', 'output_tokens', 'int'],
  ['error', 'error', 'bool'],
  ['errorType', 'error_type', 'text'],
] as const;
export type SpanColumn = (typeof SPAN_COLUMNS)[number][0];

/** One minute of a block's spans, before it is attributed to a subject. */
export interface MinuteRollup {
  /** epoch milliseconds of the minute's start */
  minute: number;
  requests: number;
  errors: number;
  latencySumMs: number;
  latencyBuckets: LatencyBuckets;
  inputTokens: number;
  outputTokens: number;
  models: Record<string, number>;
}

/** The spans of a block that named one model ('' for none): what an unregistered-AI sighting needs. */
export interface ModelSighting {
  model: string;
  genAiSystem: string | null;
  spans: number;
  firstSeen: number;
  lastSeen: number;
}

/** The traces of one request, decoded and rendered. */
export interface DecodedTraces {
  blocks: SpanBlock[];
  ignored: number;
  rejected: number;
}

const MINUTE_MS = 60_000;
const NEEDS_ESCAPE = /["\\]/;

/** One element of a PostgreSQL array literal: text quoted and escaped, null as NULL. */
export function literalElement(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v !== 'string') return String(v);
  return NEEDS_ESCAPE.test(v) ? `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `"${v}"`;
}

function render(span: GenAiSpan, column: SpanColumn): string {
  if (column === 'startTime') return span.startTime.toISOString();
  return literalElement(span[column]);
}

function minutesOf(spans: GenAiSpan[]): MinuteRollup[] {
  const byMinute = new Map<number, MinuteRollup>();
  for (const s of spans) {
    const minute = Math.floor(s.startTime.getTime() / MINUTE_MS) * MINUTE_MS;
    let r = byMinute.get(minute);
    if (!r) {
      r = { minute, requests: 0, errors: 0, latencySumMs: 0, latencyBuckets: {}, inputTokens: 0, outputTokens: 0, models: {} };
      byMinute.set(minute, r);
    }
    r.requests++;
    if (s.error) r.errors++;
    r.latencySumMs += s.durationMs;
    addSample(r.latencyBuckets, s.durationMs);
    r.inputTokens += s.inputTokens ?? 0;
    r.outputTokens += s.outputTokens ?? 0;
    if (s.model) r.models[s.model] = (r.models[s.model] ?? 0) + 1;
  }
  return [...byMinute.values()];
}

function modelsOf(spans: GenAiSpan[]): ModelSighting[] {
  const byModel = new Map<string, ModelSighting>();
  for (const s of spans) {
    const at = s.startTime.getTime();
    const model = s.model ?? '';
    const m = byModel.get(model);
    if (!m) byModel.set(model, { model, genAiSystem: s.genAiSystem, spans: 1, firstSeen: at, lastSeen: at });
    else {
      m.spans++;
      if (at < m.firstSeen) m.firstSeen = at;
      if (at > m.lastSeen) m.lastSeen = at;
      m.genAiSystem ??= s.genAiSystem;
    }
  }
  return [...byModel.values()];
}

export function blockOf(group: ResourceGroup): SpanBlock {
  const columns = {} as Record<SpanColumn, string>;
  for (const [column] of SPAN_COLUMNS) columns[column] = group.spans.map((s) => render(s, column)).join(',');
  return {
    serviceName: group.serviceName,
    aimsSystemId: group.aimsSystemId,
    count: group.spans.length,
    columns,
    minutes: minutesOf(group.spans),
    models: modelsOf(group.spans),
  };
}

export function blocksOf(extracted: ExtractedSpans): DecodedTraces {
  return { blocks: extracted.groups.map(blockOf), ignored: extracted.ignored, rejected: extracted.rejected };
}

/**
 * Memory a queued block holds, roughly: its rendered text and its rollups. Text counts two bytes a character, as V8
 * stores a string with any non-Latin-1 character; pure ASCII takes half that, so this errs on the safe side.
 */
export function blockBytes(block: SpanBlock): number {
  let n = 200 + block.serviceName.length * 2;
  for (const [column] of SPAN_COLUMNS) n += block.columns[column].length * 2;
  return n + block.minutes.length * 600 + block.models.reduce((sum, m) => sum + 100 + m.model.length * 2, 0);
}
