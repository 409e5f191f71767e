import { gzipSync } from 'node:zlib';
import protobuf from 'protobufjs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { otlpDescriptor } from './proto/otlp-descriptor.js';
import { TraceDecoder } from './trace-decoder.js';

// Spans a little in the past, with quotes and backslashes in names, so the rendered text is not trivial.
const startNs = BigInt(Date.now() - 60_000) * 1_000_000n;
const span = (i: number, hex: (h: string) => unknown) => ({
  traceId: hex(i.toString(16).padStart(32, '0')),
  spanId: hex((i + 1).toString(16).padStart(16, '0')),
  name: i % 7 === 0 ? `say "hi" \\ ${i}` : `chat ${i}`,
  startTimeUnixNano: (startNs + BigInt(i) * 1_000_000_000n).toString(),
  endTimeUnixNano: (startNs + BigInt(i) * 1_000_000_000n + 250_000_000n).toString(),
  attributes: [
    { key: 'gen_ai.system', value: { stringValue: 'openai' } },
    { key: 'gen_ai.request.model', value: { stringValue: i % 3 === 0 ? 'gpt-4o-mini' : 'gpt-4o' } },
    { key: 'gen_ai.usage.input_tokens', value: { intValue: String(100 + i) } },
  ],
  status: { code: i % 10 === 0 ? 2 : 0 },
});
const request = (n: number, hex: (h: string) => unknown) => ({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'chat-svc' } }] },
      scopeSpans: [{ spans: Array.from({ length: n }, (_, i) => span(i, hex)) }],
    },
  ],
});
const jsonBody = (n: number) => Buffer.from(JSON.stringify(request(n, (h) => h)));
const protoBody = (n: number) => {
  const type = protobuf.Root.fromJSON(otlpDescriptor).lookupType('otlp.ExportTraceServiceRequest');
  return Buffer.from(type.encode(type.fromObject(request(n, (h) => Buffer.from(h, 'hex')))).finish());
};

describe('TraceDecoder', () => {
  const threaded = new TraceDecoder({ threads: 1, inlineBelowBytes: 0, queuePerThread: 16 });
  const inPlace = new TraceDecoder({ threads: 0, inlineBelowBytes: 0, queuePerThread: 16 });
  afterAll(async () => threaded.close());

  it('renders the same span blocks on a decoding thread as in place, for JSON, gzip JSON and protobuf', async () => {
    for (const [body, encoding, gzip] of [
      [jsonBody(600), 'json', false],
      [gzipSync(jsonBody(600)), 'json', true],
      [protoBody(600), 'protobuf', false],
    ] as const) {
      const contentEncoding = gzip ? 'gzip' : undefined;
      // decode() consumes its body: each decoder gets a copy
      const there = await threaded.decode(Buffer.from(body), encoding, contentEncoding);
      expect(body.byteLength).toBeGreaterThan(0);
      const here = await inPlace.decode(Buffer.from(body), encoding, contentEncoding);
      expect(there).toEqual(here);
      expect(there.blocks).toHaveLength(1);
      expect(there.blocks[0]!.count).toBe(600);
      expect(there.blocks[0]!.columns.name).toContain('"say \\"hi\\" \\\\ 0"');
      expect(there.blocks[0]!.models.map((m) => [m.model, m.spans])).toEqual([
        ['gpt-4o-mini', 200],
        ['gpt-4o', 400],
      ]);
    }
  });

  it('answers bad input from a thread with the same clear error as in place', async () => {
    for (const decoder of [threaded, inPlace]) {
      await expect(decoder.decode(Buffer.from('{"resourceSpans": ['), 'json', undefined)).rejects.toMatchObject({
        code: 'bad_request',
        message: 'The request body is not valid JSON',
      });
      await expect(decoder.decode(Buffer.from('{"resourceSpans": 5}'), 'json', undefined)).rejects.toMatchObject({
        code: 'bad_request',
        message: 'Not an OTLP export request: resourceSpans must be a list',
      });
      await expect(decoder.decode(Buffer.from('xx'), 'json', 'br')).rejects.toMatchObject({ code: 'unsupported_media_type' });
    }
  });

  it('answers 503 with Retry-After when more requests wait for a thread than its queue holds', async () => {
    const busy = new TraceDecoder({ threads: 1, inlineBelowBytes: 0, queuePerThread: 1 });
    try {
      const body = jsonBody(2000);
      const results = await Promise.allSettled(Array.from({ length: 12 }, () => busy.decode(Buffer.from(body), 'json', undefined)));
      const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as AppError);
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const err of refused) {
        expect(err).toBeInstanceOf(AppError);
        expect(err).toMatchObject({ code: 'unavailable', status: 503, details: { retryAfterSeconds: 1 } });
      }
    } finally {
      await busy.close();
    }
  });

  it('decodes small bodies in place and starts no thread for them', async () => {
    const lazy = new TraceDecoder({ threads: 2, inlineBelowBytes: 64 * 1024, queuePerThread: 16 });
    const out = await lazy.decode(jsonBody(3), 'json', undefined);
    expect(out.blocks[0]!.count).toBe(3);
    expect((lazy as unknown as { pool: unknown }).pool).toBeNull();
    await lazy.close();
  });
});
