import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { App } from '../../src/server/types.js';

/** Starts the app listening on a free local port (the OTel SDK exporters need a real server); returns its base URL. */
export async function listenLocally(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });

export interface SpanSpec {
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  error?: boolean;
  durationMs?: number;
  startMs?: number;
  genAi?: boolean;
}

/** An OTLP/JSON ExportTraceServiceRequest for one service, written by hand as the spec describes it. */
export function otlpJson(serviceName: string, spans: SpanSpec[], resourceAttrs: Record<string, string> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    resourceSpans: [
      {
        resource: { attributes: [str('service.name', serviceName), ...Object.entries(resourceAttrs).map(([k, v]) => str(k, v))] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: spans.map((s, i) => {
              const start = BigInt(s.startMs ?? now - 1000) * 1_000_000n + BigInt(i);
              const end = start + BigInt(Math.round((s.durationMs ?? 100) * 1e6));
              const attributes =
                s.genAi === false
                  ? [str('http.method', 'GET')]
                  : [
                      str('gen_ai.system', 'openai'),
                      str('gen_ai.operation.name', 'chat'),
                      ...(s.model ? [str('gen_ai.request.model', s.model)] : []),
                      ...(s.inputTokens !== undefined ? [int('gen_ai.usage.input_tokens', s.inputTokens)] : []),
                      ...(s.outputTokens !== undefined ? [int('gen_ai.usage.output_tokens', s.outputTokens)] : []),
                    ];
              return {
                traceId: hex(16),
                spanId: hex(8),
                name: `chat ${s.model ?? ''}`.trim(),
                kind: 3,
                startTimeUnixNano: start.toString(),
                endTimeUnixNano: end.toString(),
                attributes,
                status: { code: s.error ? 2 : 0 },
              };
            }),
          },
        ],
      },
    ],
  };
}
