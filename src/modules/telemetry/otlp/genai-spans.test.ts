import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { otlpDescriptor } from '../proto/otlp-descriptor.js';
import { extractSpans } from './genai-spans.js';
import { decodeRequest } from './wire.js';

const NOW = Date.UTC(2026, 0, 31, 12, 0, 0);
const startNs = BigInt(NOW - 60_000) * 1_000_000n;
const kv = (key: string, value: Record<string, unknown>) => ({ key, value });

function jsonRequest(
  spanAttrs: unknown[],
  resourceAttrs: unknown[] = [kv('service.name', { stringValue: 'chat' })],
  extra: Record<string, unknown> = {},
) {
  return {
    resourceSpans: [
      {
        resource: { attributes: resourceAttrs },
        scopeSpans: [
          {
            spans: [
              {
                traceId: '5b8efff798038103d269b633813fc60c',
                spanId: 'eee19b7ec3c1b174',
                name: 'chat gpt-4o',
                startTimeUnixNano: startNs.toString(),
                endTimeUnixNano: (startNs + 1_234_500_000n).toString(),
                attributes: spanAttrs,
                status: { code: 2 },
                ...extra,
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('extractSpans', () => {
  it('reads GenAI attributes from OTLP/JSON: ids, duration, model, tokens (as strings or numbers), error status', () => {
    const out = extractSpans(
      jsonRequest([
        kv('gen_ai.provider.name', { stringValue: 'openai' }),
        kv('gen_ai.request.model', { stringValue: 'gpt-4o' }),
        kv('gen_ai.response.model', { stringValue: 'gpt-4o-2024-08-06' }),
        kv('gen_ai.operation.name', { stringValue: 'chat' }),
        kv('gen_ai.usage.input_tokens', { intValue: '120' }),
        kv('gen_ai.usage.output_tokens', { intValue: 45 }),
        kv('error.type', { stringValue: 'timeout' }),
      ]),
      NOW,
    );
    expect(out).toMatchObject({ ignored: 0, rejected: 0 });
    expect(out.groups).toHaveLength(1);
    expect(out.groups[0]).toMatchObject({ serviceName: 'chat', aimsSystemId: null });
    expect(out.groups[0]!.spans[0]).toEqual({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      name: 'chat gpt-4o',
      startTime: new Date(NOW - 60_000),
      durationMs: 1234.5,
      genAiSystem: 'openai',
      model: 'gpt-4o-2024-08-06',
      operation: 'chat',
      inputTokens: 120,
      outputTokens: 45,
      error: true,
      errorType: 'timeout',
    });
  });

  it('takes the legacy token names, ignores spans without gen_ai.* and rejects malformed ids and times', () => {
    const legacy = extractSpans(
      jsonRequest([
        kv('gen_ai.system', { stringValue: 'anthropic' }),
        kv('gen_ai.usage.prompt_tokens', { intValue: '7' }),
        kv('gen_ai.usage.completion_tokens', { intValue: '3' }),
      ]),
      NOW,
    );
    expect(legacy.groups[0]!.spans[0]).toMatchObject({ genAiSystem: 'anthropic', inputTokens: 7, outputTokens: 3, model: null });
    expect(extractSpans(jsonRequest([kv('http.route', { stringValue: '/x' })]), NOW)).toEqual({ groups: [], ignored: 1, rejected: 0 });
    expect(extractSpans(jsonRequest([kv('gen_ai.system', { stringValue: 'x' })], undefined, { traceId: 'zz' }), NOW).rejected).toBe(1);
    expect(extractSpans(jsonRequest([kv('gen_ai.system', { stringValue: 'x' })], undefined, { endTimeUnixNano: '1' }), NOW).rejected).toBe(
      1,
    );
    expect(() => extractSpans({ resourceSpans: {} })).toThrow(TypeError);
  });

  it('keeps every span of a resource that names its system with aims.system.id, GenAI attributes or not', () => {
    const out = extractSpans(
      jsonRequest(
        [kv('http.route', { stringValue: '/x' })],
        [kv('service.name', { stringValue: 'pod-1' }), kv('aims.system.id', { stringValue: 'abc' })],
      ),
      NOW,
    );
    expect(out.groups[0]).toMatchObject({ serviceName: 'pod-1', aimsSystemId: 'abc' });
    expect(out.groups[0]!.spans).toHaveLength(1);
  });

  it('reads the same facts from protobuf (bytes ids, Long times, int64 tokens) as from JSON', () => {
    const root = protobuf.Root.fromJSON(otlpDescriptor);
    const type = root.lookupType('otlp.ExportTraceServiceRequest');
    const hex = (h: string) => Buffer.from(h, 'hex');
    const message = type.fromObject({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'chat' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: hex('5b8efff798038103d269b633813fc60c'),
                  spanId: hex('eee19b7ec3c1b174'),
                  name: 'chat',
                  startTimeUnixNano: startNs.toString(),
                  endTimeUnixNano: (startNs + 2_000_000n).toString(),
                  attributes: [
                    { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
                    { key: 'gen_ai.usage.input_tokens', value: { intValue: 9 } },
                  ],
                  status: { code: 0 },
                },
              ],
            },
          ],
        },
      ],
    });
    const bytes = Buffer.from(type.encode(message).finish());
    const out = extractSpans(decodeRequest('traces', bytes, 'protobuf', undefined), NOW);
    expect(out.groups[0]!.spans[0]).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      durationMs: 2,
      model: 'gpt-4o',
      inputTokens: 9,
      outputTokens: null,
      error: false,
    });
  });
});
