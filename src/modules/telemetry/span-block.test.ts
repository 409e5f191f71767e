import { describe, expect, it } from 'vitest';
import type { GenAiSpan } from './otlp/genai-spans.js';
import { blockOf, literalElement } from './span-block.js';

const span = (extra: Partial<GenAiSpan> = {}): GenAiSpan => ({
  traceId: 'aa',
  spanId: 'bb',
  name: 'chat',
  startTime: new Date(Date.UTC(2026, 0, 1, 10, 0, 30, 250)),
  durationMs: 12.5,
  genAiSystem: 'openai',
  model: 'gpt-4o',
  operation: 'chat',
  inputTokens: 10,
  outputTokens: null,
  error: false,
  errorType: null,
  ...extra,
});

describe('literalElement', () => {
  it('quotes and escapes text so that any value survives, and writes NULL for null', () => {
    expect(['a', 'b"c', 'd\\e', '{x,y}', '', 'NULL', null, undefined].map(literalElement).join(',')).toBe(
      '"a","b\\"c","d\\\\e","{x,y}","","NULL",NULL,NULL',
    );
    expect([1.5, 2, true, false].map(literalElement).join(',')).toBe('1.5,2,true,false');
  });
});

describe('blockOf', () => {
  it('renders each column as array-literal elements in span order, with the rollup and the models seen', () => {
    const block = blockOf({
      serviceName: 'chat',
      aimsSystemId: null,
      spans: [
        span(),
        span({ model: null, name: 'say "hi"', error: true, errorType: '429', startTime: new Date(Date.UTC(2026, 0, 1, 10, 1)) }),
      ],
    });
    expect(block.count).toBe(2);
    expect(block.columns.name).toBe('"chat","say \\"hi\\""');
    expect(block.columns.model).toBe('"gpt-4o",NULL');
    expect(block.columns.startTime).toBe('2026-01-01T10:00:30.250Z,2026-01-01T10:01:00.000Z');
    expect(block.columns.outputTokens).toBe('NULL,NULL');
    expect(block.columns.error).toBe('false,true');
    expect(block.minutes.map((m) => [m.minute, m.requests, m.errors])).toEqual([
      [Date.UTC(2026, 0, 1, 10, 0), 1, 0],
      [Date.UTC(2026, 0, 1, 10, 1), 1, 1],
    ]);
    expect(block.models).toEqual([
      {
        model: 'gpt-4o',
        genAiSystem: 'openai',
        spans: 1,
        firstSeen: Date.UTC(2026, 0, 1, 10, 0, 30, 250),
        lastSeen: Date.UTC(2026, 0, 1, 10, 0, 30, 250),
      },
      { model: '', genAiSystem: 'openai', spans: 1, firstSeen: Date.UTC(2026, 0, 1, 10, 1), lastSeen: Date.UTC(2026, 0, 1, 10, 1) },
    ]);
  });
});
