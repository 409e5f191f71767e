import type { Db } from '../db/connect.js';
import { TelemetryIngest } from '../modules/telemetry/ingest.js';
import type { Message } from '../modules/telemetry/otlp/values.js';

const HOURS = 6;
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });

/** A deterministic pseudo-random sequence, so the demo charts look the same on every machine. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

interface ServiceSpec {
  serviceName: string;
  systemId?: string;
  genAiSystem: string;
  /** per minute: model, share of calls, typical latency (ms), tokens in and out */
  calls: { model: string; share: number; latencyMs: number; inputTokens: number; outputTokens: number }[];
  perMinute: number;
  errorRate: number;
  fromMinute: number;
}

function spansOf(spec: ServiceSpec, start: number, next: () => number): Message {
  const spans: Message[] = [];
  const minutes = HOURS * 60;
  for (let m = spec.fromMinute; m < minutes; m++) {
    const busy = 0.5 + Math.sin((m / minutes) * Math.PI) * 0.8;
    const count = Math.round(spec.perMinute * busy * (0.7 + next() * 0.6));
    for (let i = 0; i < count; i++) {
      const pick = next();
      let acc = 0;
      const call = spec.calls.find((c) => (acc += c.share) >= pick) ?? spec.calls[0]!;
      // latency: a long right tail, as LLM calls have
      const latency = call.latencyMs * Math.exp((next() - 0.5) * 1.2) * (next() < 0.03 ? 4 : 1);
      const startNs = BigInt(start + m * 60_000 + Math.floor(next() * 60_000)) * 1_000_000n;
      const error = next() < spec.errorRate;
      spans.push({
        traceId: Buffer.from(Array.from({ length: 16 }, () => Math.floor(next() * 256))).toString('hex'),
        spanId: Buffer.from(Array.from({ length: 8 }, () => Math.floor(next() * 256))).toString('hex'),
        name: `chat ${call.model}`,
        kind: 3,
        startTimeUnixNano: startNs.toString(),
        endTimeUnixNano: (startNs + BigInt(Math.round(latency * 1e6))).toString(),
        attributes: [
          str('gen_ai.system', spec.genAiSystem),
          str('gen_ai.operation.name', call.model.includes('embedding') ? 'embeddings' : 'chat'),
          str('gen_ai.request.model', call.model),
          int('gen_ai.usage.input_tokens', Math.round(call.inputTokens * (0.5 + next()))),
          ...(error ? [str('error.type', '429')] : [int('gen_ai.usage.output_tokens', Math.round(call.outputTokens * (0.5 + next())))]),
        ],
        status: { code: error ? 2 : 0 },
      });
    }
  }
  const resource = [str('service.name', spec.serviceName), ...(spec.systemId ? [str('aims.system.id', spec.systemId)] : [])];
  return { resourceSpans: [{ resource: { attributes: resource }, scopeSpans: [{ scope: { name: 'demo' }, spans }] }] };
}

const FIVE_MINUTES_NS = 300_000_000_000n;

/**
 * The GenAI client metrics an OpenTelemetry SDK would have exported alongside those spans: token usage by type and
 * operation duration, as delta histograms per five minutes, summed from the spans themselves so both views agree.
 */
function metricsOf(traces: Message, start: number): Message {
  const origin = BigInt(start) * 1_000_000n;
  const buckets = new Map<bigint, { calls: number; input: number; outputCalls: number; output: number; seconds: number }>();
  const [resourceSpans] = traces.resourceSpans as { resource: Message; scopeSpans: { spans: Message[] }[] }[];
  const spans = resourceSpans!.scopeSpans[0]!.spans;
  for (const span of spans) {
    const startNs = BigInt(span.startTimeUnixNano as string);
    // five-minute periods counted from the start of the six hours, so the last one ends before now
    const key = origin + ((startNs - origin) / FIVE_MINUTES_NS) * FIVE_MINUTES_NS;
    const b = buckets.get(key) ?? { calls: 0, input: 0, outputCalls: 0, output: 0, seconds: 0 };
    const attr = (name: string) =>
      (span.attributes as { key: string; value: { intValue?: string } }[]).find((a) => a.key === name)?.value.intValue;
    b.calls++;
    b.input += Number(attr('gen_ai.usage.input_tokens') ?? 0);
    const output = attr('gen_ai.usage.output_tokens');
    if (output !== undefined) {
      b.outputCalls++;
      b.output += Number(output);
    }
    b.seconds += Number(BigInt(span.endTimeUnixNano as string) - startNs) / 1e9;
    buckets.set(key, b);
  }
  const point = (start: bigint, count: number, sum: number, tokenType?: string) => ({
    attributes: tokenType ? [str('gen_ai.token.type', tokenType)] : [],
    startTimeUnixNano: start.toString(),
    timeUnixNano: (start + FIVE_MINUTES_NS - 1n).toString(),
    count: String(count),
    sum,
  });
  const entries = [...buckets.entries()];
  const histogram = (name: string, unit: string, dataPoints: unknown[]) => ({
    name,
    unit,
    histogram: { aggregationTemporality: 1, dataPoints },
  });
  return {
    resourceMetrics: [
      {
        resource: resourceSpans!.resource,
        scopeMetrics: [
          {
            scope: { name: 'demo' },
            metrics: [
              histogram('gen_ai.client.token.usage', '{token}', [
                ...entries.map(([k, b]) => point(k, b.calls, b.input, 'input')),
                ...entries.filter(([, b]) => b.outputCalls > 0).map(([k, b]) => point(k, b.outputCalls, b.output, 'output')),
              ]),
              histogram(
                'gen_ai.client.operation.duration',
                's',
                entries.map(([k, b]) => point(k, b.calls, Math.round(b.seconds * 1000) / 1000)),
              ),
            ],
          },
        ],
      },
    ],
  };
}

/**
 * Six hours of LLM telemetry up to now, sent through the OTLP receiver's own pipeline: the knowledge assistant's
 * chat and embedding calls (its chat model, gpt-4o-mini, is not the one in its register entry, which the Telemetry
 * page flags) with the GenAI client metrics its SDK would export, and a marketing tool nobody registered calling
 * DeepSeek.
 */
export async function seedDemoTelemetry(db: Db, orgId: string, systemIds: Map<string, string>, now = new Date()): Promise<void> {
  const assistant = systemIds.get('Harbour Knowledge Assistant');
  if (!assistant) throw new Error('the demo has no knowledge assistant');
  const start = Math.floor(now.getTime() / 60_000) * 60_000 - HOURS * 3_600_000;
  const next = sequence(42);
  const ingest = new TelemetryIngest(db);
  const services: ServiceSpec[] = [
    {
      serviceName: 'harbour-knowledge-assistant',
      systemId: assistant,
      genAiSystem: 'az.ai.openai',
      calls: [
        { model: 'gpt-4o-mini', share: 0.7, latencyMs: 1400, inputTokens: 1800, outputTokens: 350 },
        { model: 'text-embedding-3-large', share: 0.3, latencyMs: 120, inputTokens: 400, outputTokens: 0 },
      ],
      perMinute: 6,
      errorRate: 0.015,
      fromMinute: 0,
    },
    {
      serviceName: 'marketing-copy-helper',
      genAiSystem: 'deepseek',
      calls: [{ model: 'deepseek-chat', share: 1, latencyMs: 2600, inputTokens: 900, outputTokens: 700 }],
      perMinute: 1,
      errorRate: 0.04,
      fromMinute: HOURS * 60 - 90,
    },
  ];
  try {
    for (const spec of services) {
      const traces = spansOf(spec, start, next);
      await ingest.traces(orgId, traces);
      if (spec.systemId) await ingest.metrics(orgId, metricsOf(traces, start));
    }
    await ingest.queue.flush();
  } finally {
    await ingest.queue.close();
  }
}
