import type { ByteSource, ImportStats } from './events.js';

/** Called for each line without its end-of-line bytes (\n or \r\n); lineNo counts from 1. */
export type LineHandler = (buf: Buffer, start: number, end: number, lineNo: number) => void;

const MAX_LINE = 1 << 20;

/**
 * Splits a byte stream into lines without decoding or copying them (only a line cut by a chunk boundary is joined),
 * and calls onLine for each; after each chunk, flush() may hand the events produced so far to the consumer. Lines
 * over 1 MiB are rejected (counted, not kept). Memory stays at about one chunk whatever the file size.
 */
export async function* eachLine<E>(source: ByteSource, stats: ImportStats, onLine: LineHandler, flush: () => E[]): AsyncGenerator<E> {
  let carry: Buffer | null = null;
  let overlong = false;
  let lineNo = 0;
  const emit = (buf: Buffer, start: number, end: number) => {
    lineNo++;
    if (end > start && buf[end - 1] === 0x0d) end--;
    if (overlong) {
      overlong = false;
      stats.reject(lineNo, 'line longer than 1 MiB');
      stats.linesRead++;
      return;
    }
    onLine(buf, start, end, lineNo);
  };
  for await (const piece of source) {
    const chunk =
      typeof piece === 'string'
        ? Buffer.from(piece)
        : Buffer.isBuffer(piece)
          ? piece
          : Buffer.from(piece.buffer, piece.byteOffset, piece.length);
    stats.bytesRead += chunk.length;
    let pos = 0;
    if (carry) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        carry = appendCarry(carry, chunk, 0, chunk.length, () => (overlong = true));
        continue;
      }
      const joined = appendCarry(carry, chunk, 0, nl, () => (overlong = true));
      carry = null;
      emit(joined, 0, joined.length);
      pos = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      emit(chunk, pos, nl);
      pos = nl + 1;
    }
    if (pos < chunk.length) carry = appendCarry(Buffer.alloc(0), chunk, pos, chunk.length, () => (overlong = true));
    const out = flush();
    if (out.length) yield* out;
  }
  if (carry && carry.length) emit(carry, 0, carry.length);
  const out = flush();
  if (out.length) yield* out;
}

/** carry + chunk[from..to), copied (the chunk is not retained); beyond 1 MiB the line is dropped and flagged. */
function appendCarry(carry: Buffer, chunk: Buffer, from: number, to: number, tooLong: () => void): Buffer {
  if (carry.length + (to - from) > MAX_LINE) {
    tooLong();
    return Buffer.alloc(0);
  }
  return Buffer.concat([carry, chunk.subarray(from, to)]);
}
