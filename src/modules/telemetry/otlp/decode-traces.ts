import { AppError, type ErrorCode } from '../../../server/errors.js';
import { blocksOf, type DecodedTraces } from '../span-block.js';
import { extractSpans } from './genai-spans.js';
import { decodeRequest, type Encoding } from './wire.js';

/** One /v1/traces body to decode: plain data, so it can cross to a decoding thread. */
export interface DecodeTask {
  body: Uint8Array;
  encoding: Encoding;
  contentEncoding: string | undefined;
  /** the receiving clock, for the span-time sanity check */
  now: number;
}

/** A decoding thread cannot throw an AppError across (only its message would survive), so bad input is a value. */
export type DecodeOutcome = { ok: true; traces: DecodedTraces } | { ok: false; code: ErrorCode; message: string };

/** Decodes an OTLP trace export and renders its GenAI spans into blocks; bad input is an outcome, not a throw. */
export function decodeTraces(task: DecodeTask): DecodeOutcome {
  const body = Buffer.from(task.body.buffer, task.body.byteOffset, task.body.byteLength);
  try {
    return { ok: true, traces: blocksOf(extractSpans(decodeRequest('traces', body, task.encoding, task.contentEncoding), task.now)) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
    if (err instanceof TypeError) return { ok: false, code: 'bad_request', message: `Not an OTLP export request: ${err.message}` };
    throw err;
  }
}

export function unwrapOutcome(outcome: DecodeOutcome): DecodedTraces {
  if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
  return outcome.traces;
}
