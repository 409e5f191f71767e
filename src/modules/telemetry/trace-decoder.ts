import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Engine } from '../../db/connect.js';
import { AppError } from '../../server/errors.js';
import { decodeTraces, unwrapOutcome, type DecodeOutcome, type DecodeTask } from './otlp/decode-traces.js';
import type { Encoding } from './otlp/wire.js';
import type { DecodedTraces } from './span-block.js';

export interface DecoderOptions {
  /** decoding threads; 0 decodes every request on the thread that serves it */
  threads: number;
  /** bodies smaller than this are decoded in place: the hop to a thread would cost more than it saves */
  inlineBelowBytes: number;
  /** requests waiting for a thread, per thread, before the receiver answers 503 */
  queuePerThread: number;
}

/**
 * Threads: AIMS_TELEMETRY_DECODE_THREADS, else on PostgreSQL one fewer than the cores (at most 4; none on a single
 * core), and none on PGlite. The embedded database runs in the main thread, so there decoding elsewhere adds no
 * throughput and, measured, made the slowest requests five times slower (bench/otlp.ts, ADR 0009).
 */
export function decoderOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, engine: Engine = 'postgres'): DecoderOptions {
  const set = env.AIMS_TELEMETRY_DECODE_THREADS;
  const byEngine = engine === 'pglite' ? 0 : Math.min(4, os.availableParallelism() - 1);
  const threads = set !== undefined && /^\d+$/.test(set.trim()) ? Number(set) : byEngine;
  return { threads: Math.max(0, Math.min(threads, 32)), inlineBelowBytes: 64 * 1024, queuePerThread: 16 };
}

const workerFile = fileURLToPath(new URL('./otlp/decode-worker.mjs', import.meta.url));

/**
 * Decodes /v1/traces bodies (JSON.parse or protobuf, GenAI extraction, rendering into span blocks) on a pool of
 * worker threads, so the thread that serves requests and runs the writer keeps only the cheap part (ADR 0009).
 * The pool starts with the first large request. Its queue is bounded: when it is full the receiver answers 503
 * with Retry-After, as it does when the ingest queue is full.
 */
export class TraceDecoder {
  private pool: Piscina<DecodeTask, DecodeOutcome> | null = null;

  constructor(readonly options: DecoderOptions = decoderOptionsFromEnv()) {}

  /** Decodes a request body, which it consumes: a large body's memory moves to the thread, so do not read it again. */
  async decode(body: Buffer, encoding: Encoding, contentEncoding: string | undefined): Promise<DecodedTraces> {
    const now = Date.now();
    if (this.options.threads === 0 || body.byteLength < this.options.inlineBelowBytes) {
      return unwrapOutcome(decodeTraces({ body, encoding, contentEncoding, now }));
    }
    const pool = (this.pool ??= new Piscina<DecodeTask, DecodeOutcome>({
      filename: workerFile,
      minThreads: this.options.threads,
      maxThreads: this.options.threads,
      maxQueue: this.options.threads * this.options.queuePerThread,
    }));
    // Moved to the thread, not copied, when the body owns its memory (large bodies do); a body that shares a pooled
    // buffer with others is copied first. Either way the request's buffer is not read again here.
    const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
    let outcome: DecodeOutcome;
    try {
      outcome = await pool.run({ body: owned, encoding, contentEncoding, now }, { transferList: [owned.buffer as ArrayBuffer] });
    } catch (err) {
      if (err instanceof Error && /queue is at limit/i.test(err.message)) {
        throw new AppError('unavailable', 'The telemetry decoders are busy; retry later', { retryAfterSeconds: 1 });
      }
      throw err;
    }
    return unwrapOutcome(outcome);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}
