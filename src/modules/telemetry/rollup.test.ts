import { describe, expect, it } from 'vitest';
import { percentile } from './histogram.js';
import { arrayLiteral } from './repo.js';
import { rollupSpans, type QueuedSpan } from './rollup.js';

const span = (minute: number, durationMs: number, extra: Partial<QueuedSpan['row']> = {}): QueuedSpan => ({
  subject: 'sys-1',
  row: {
    orgId: 'org',
    systemId: 'sys-1',
    serviceName: 'chat',
    traceId: 't',
    spanId: 's',
    name: 'chat',
    startTime: new Date(Date.UTC(2026, 0, 1, 10, minute, 30)),
    durationMs,
    ...extra,
  },
});

describe('rollupSpans', () => {
  it('merges spans into one row per subject and minute with counts, tokens, models and a latency histogram', () => {
    const rows = [
      ...rollupSpans([
        span(0, 100, { model: 'gpt-4o', inputTokens: 10, outputTokens: 5 }),
        span(0, 300, { model: 'gpt-4o', error: true, inputTokens: 1 }),
        span(0, 200, { model: 'o3' }),
        span(1, 50),
      ]).values(),
    ];
    expect(rows).toHaveLength(2);
    const first = rows[0]!;
    expect(first).toMatchObject({
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
    expect(rows[1]).toMatchObject({ requests: 1, errors: 0 });
  });
});

describe('arrayLiteral', () => {
  it('quotes and escapes text so that any value survives, and writes NULL for null', () => {
    expect(arrayLiteral(['a', 'b"c', 'd\\e', '{x,y}', '', null, undefined])).toBe('{"a","b\\"c","d\\\\e","{x,y}","",NULL,NULL}');
    expect(arrayLiteral([1.5, 2, true, false])).toBe('{1.5,2,true,false}');
  });
});
