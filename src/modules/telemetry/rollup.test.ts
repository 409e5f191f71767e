import { describe, expect, it } from 'vitest';
import { percentile } from './histogram.js';
import type { GenAiSpan } from './otlp/genai-spans.js';
import { rollupBlocks } from './rollup.js';
import { blockOf } from './span-block.js';

const span = (minute: number, durationMs: number, extra: Partial<GenAiSpan> = {}): GenAiSpan => ({
  traceId: 't',
  spanId: 's',
  name: 'chat',
  startTime: new Date(Date.UTC(2026, 0, 1, 10, minute, 30)),
  durationMs,
  genAiSystem: null,
  model: null,
  operation: null,
  inputTokens: null,
  outputTokens: null,
  error: false,
  errorType: null,
  ...extra,
});

const queued = (spans: GenAiSpan[]) => ({
  systemId: 'sys-1',
  subject: 'sys-1',
  block: blockOf({ serviceName: 'chat', aimsSystemId: null, spans }),
});

describe('rollupBlocks', () => {
  it('merges spans into one row per subject and minute with counts, tokens, models and a latency histogram', () => {
    const rows = [
      ...rollupBlocks('org', [
        queued([
          span(0, 100, { model: 'gpt-4o', inputTokens: 10, outputTokens: 5 }),
          span(0, 300, { model: 'gpt-4o', error: true, inputTokens: 1 }),
          span(1, 50),
        ]),
        // a second request's block in the same minute adds to the same row
        queued([span(0, 200, { model: 'o3' })]),
      ]).values(),
    ];
    expect(rows).toHaveLength(2);
    const first = rows[0]!;
    expect(first).toMatchObject({
      orgId: 'org',
      subject: 'sys-1',
      systemId: 'sys-1',
      minute: new Date(Date.UTC(2026, 0, 1, 10, 0)),
      requests: 3,
      errors: 1,
      latencySumMs: 600,
      inputTokens: 11,
      outputTokens: 5,
    });
    expect(first.models).toEqual({ 'gpt-4o': 2, o3: 1 });
    const p50 = percentile(first.latencyBuckets as Record<string, number>, 0.5)!;
    expect(Math.abs(p50 - 200) / 200).toBeLessThan(0.05);
    expect(rows[1]).toMatchObject({ requests: 1, errors: 0, minute: new Date(Date.UTC(2026, 0, 1, 10, 1)) });
  });
});
