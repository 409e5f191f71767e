import { attributesOf, cleanText, hexId, isMessage, listOf, millisOf, nanosBetween, numberOf, type Message } from './values.js';

/** The GenAI facts of one span, before it is mapped to a system. */
export interface GenAiSpan {
  traceId: string;
  spanId: string;
  name: string;
  startTime: Date;
  durationMs: number;
  genAiSystem: string | null;
  model: string | null;
  operation: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  error: boolean;
  errorType: string | null;
}

/** The spans of one resource (one reporting service). */
export interface ResourceGroup {
  serviceName: string;
  /** the aims.system.id resource attribute, when sent */
  aimsSystemId: string | null;
  spans: GenAiSpan[];
}

export interface ExtractedSpans {
  groups: ResourceGroup[];
  /** spans without GenAI attributes, accepted and dropped */
  ignored: number;
  /** malformed spans (bad ids or times), reported back as a partial success */
  rejected: number;
}

const STATUS_ERROR = 2;
const MAX_INT32 = 2_147_483_647;
/** Spans must start between 2000-01-01 and a day ahead of the clock (skew); anything else is a malformed time. */
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const SKEW_MS = 24 * 3600 * 1000;

const wantedResource = (k: string): boolean => k === 'service.name' || k === 'aims.system.id';
const wantedSpan = (k: string): boolean => k.startsWith('gen_ai.') || k === 'error.type';

function tokens(v: string | number | boolean | undefined): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_INT32 ? v : null;
}

const text = (v: unknown, max: number): string | null => {
  const s = cleanText(v, max);
  return s === undefined || s === '' ? null : s;
};

/** One span's GenAI facts; null when it carries no gen_ai.* attribute (and its resource names no system); 'bad' when malformed. */
function readSpan(span: Message, resourceNamesSystem: boolean, now: number): GenAiSpan | null | 'bad' {
  const attrs = attributesOf(span, 'attributes', wantedSpan);
  let genAi = resourceNamesSystem;
  if (!genAi) for (const k of attrs.keys()) if (k.startsWith('gen_ai.')) genAi = true;
  if (!genAi) return null;
  const traceId = hexId(span.traceId, 16);
  const spanId = hexId(span.spanId, 8);
  const startMs = millisOf(span.startTimeUnixNano);
  const durationNs = nanosBetween(span.startTimeUnixNano, span.endTimeUnixNano);
  if (!traceId || !spanId || startMs === undefined || durationNs === undefined) return 'bad';
  if (!(startMs >= EARLIEST_MS && startMs <= now + SKEW_MS) || durationNs < 0) return 'bad';
  const status = isMessage(span.status) ? numberOf(span.status.code) : undefined;
  const errorType = text(attrs.get('error.type'), 200);
  return {
    traceId,
    spanId,
    name: text(span.name, 300) ?? '',
    startTime: new Date(startMs),
    durationMs: durationNs / 1e6,
    genAiSystem: text(attrs.get('gen_ai.provider.name') ?? attrs.get('gen_ai.system'), 100),
    model: text(attrs.get('gen_ai.response.model') ?? attrs.get('gen_ai.request.model'), 200),
    operation: text(attrs.get('gen_ai.operation.name'), 100),
    inputTokens: tokens(attrs.get('gen_ai.usage.input_tokens') ?? attrs.get('gen_ai.usage.prompt_tokens')),
    outputTokens: tokens(attrs.get('gen_ai.usage.output_tokens') ?? attrs.get('gen_ai.usage.completion_tokens')),
    error: status === STATUS_ERROR || errorType !== null,
    errorType,
  };
}

/**
 * The GenAI spans of an ExportTraceServiceRequest, grouped by resource. Throws TypeError when the request's
 * structure is wrong (lists that are not lists): the caller answers 400.
 */
export function extractSpans(request: Message, now = Date.now()): ExtractedSpans {
  const out: ExtractedSpans = { groups: [], ignored: 0, rejected: 0 };
  for (const rs of listOf(request, 'resourceSpans')) {
    if (!isMessage(rs)) throw new TypeError('resourceSpans must hold objects');
    const resource = isMessage(rs.resource) ? attributesOf(rs.resource, 'attributes', wantedResource) : new Map();
    const aimsSystemId = text(resource.get('aims.system.id'), 100);
    const group: ResourceGroup = { serviceName: text(resource.get('service.name'), 200) ?? 'unknown_service', aimsSystemId, spans: [] };
    for (const ss of listOf(rs, 'scopeSpans')) {
      if (!isMessage(ss)) throw new TypeError('scopeSpans must hold objects');
      for (const span of listOf(ss, 'spans')) {
        if (!isMessage(span)) throw new TypeError('spans must hold objects');
        const read = readSpan(span, aimsSystemId !== null, now);
        if (read === 'bad') out.rejected++;
        else if (read === null) out.ignored++;
        else group.spans.push(read);
      }
    }
    if (group.spans.length > 0) out.groups.push(group);
  }
  return out;
}
