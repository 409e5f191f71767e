/**
 * Reading OTLP values the same way whether they came from OTLP/JSON (hex ids, int64 as strings or numbers) or from
 * protobufjs (ids as bytes, 64-bit integers as Long objects, unset fields as prototype defaults).
 */

/** A loosely typed OTLP message: a parsed JSON object or a decoded protobufjs message. */
export type Message = Record<string, unknown>;

export const isMessage = (v: unknown): v is Message => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

/** The list under `key`; a missing field is an empty list, anything else that is not an array is malformed. */
export function listOf(message: Message, key: string): unknown[] {
  const v = message[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new TypeError(`${key} must be a list`);
  return v;
}

interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
}
const isLong = (v: unknown): v is LongLike => isMessage(v) && typeof v.low === 'number' && typeof v.high === 'number';

/** A 64-bit integer (or double) as a JS number; precision beyond 2^53 does not matter for times and counts here. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    if (v.trim() === '') return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  if (typeof v === 'bigint') return Number(v);
  if (isLong(v)) return v.unsigned || v.high >= 0 ? (v.high >>> 0) * 4294967296 + (v.low >>> 0) : v.high * 4294967296 + (v.low >>> 0);
  return undefined;
}

const HEX = /^[0-9a-f]+$/i;
const DIGITS = /^\d{1,20}$/;

/** A trace or span id as lower-case hex: JSON sends hex, protobuf sends bytes. Undefined when absent or malformed. */
export function hexId(v: unknown, bytes: number): string | undefined {
  if (typeof v === 'string') return v.length === bytes * 2 && HEX.test(v) ? v.toLowerCase() : undefined;
  if (v instanceof Uint8Array) return v.length === bytes ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex') : undefined;
  return undefined;
}

const ANY_VALUE_KINDS = ['stringValue', 'intValue', 'doubleValue', 'boolValue', 'arrayValue', 'kvlistValue', 'bytesValue'] as const;

/** The scalar inside an AnyValue (string, number or boolean); arrays, maps and bytes are not needed here. */
export function scalarOf(value: unknown): string | number | boolean | undefined {
  if (!isMessage(value)) return undefined;
  for (const kind of ANY_VALUE_KINDS) {
    // Own properties only: protobufjs puts the defaults of unset oneof members on the prototype.
    if (!Object.prototype.hasOwnProperty.call(value, kind)) continue;
    const v = value[kind];
    if (kind === 'stringValue') return typeof v === 'string' ? v : undefined;
    if (kind === 'boolValue') return typeof v === 'boolean' ? v : undefined;
    if (kind === 'intValue' || kind === 'doubleValue') return numberOf(v);
    return undefined;
  }
  return undefined;
}

/** The attributes whose keys pass `wanted`, as a map of scalars. */
export function attributesOf(message: Message, key: string, wanted: (k: string) => boolean): Map<string, string | number | boolean> {
  const out = new Map<string, string | number | boolean>();
  for (const kv of listOf(message, key)) {
    if (!isMessage(kv) || typeof kv.key !== 'string' || !wanted(kv.key)) continue;
    const v = scalarOf(kv.value);
    if (v !== undefined) out.set(kv.key, v);
  }
  return out;
}

/** Text fit for a PostgreSQL text column: no NUL characters, at most `max` characters. */
export function cleanText(v: unknown, max: number): string | undefined {
  if (typeof v !== 'string') return typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  const s = v.includes('\u0000') ? v.replaceAll('\u0000', '') : v;
  return s.length > max ? s.slice(0, max) : s;
}

/**
 * Epoch nanoseconds as whole epoch milliseconds (floored), exactly: nanoseconds since 1970 exceed 2^53, so dividing
 * the double would land a time on an exact millisecond 1 ms early.
 */
export function millisOf(v: unknown): number | undefined {
  if (typeof v === 'string' && DIGITS.test(v)) return v.length > 6 ? Number(v.slice(0, -6)) : 0;
  if (typeof v === 'bigint') return Number(v / 1_000_000n);
  if (isLong(v) && (v.unsigned || v.high >= 0)) return Number(((BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0)) / 1_000_000n);
  const n = numberOf(v);
  return n === undefined ? undefined : Math.floor(n / 1e6);
}

/**
 * end − start of two unix-nanosecond times, exact: times near 1.7e18 lose ~256 ns as doubles, so the difference is
 * taken on the integers (BigInt for strings, the 32-bit halves for protobuf Longs). Undefined when either is not a time.
 */
export function nanosBetween(start: unknown, end: unknown): number | undefined {
  if (typeof start === 'string' && typeof end === 'string' && DIGITS.test(start) && DIGITS.test(end)) {
    // Usually both share all but their last digits: subtract those as doubles (exact below 2^53), else BigInt.
    const cut = start.length - 15;
    if (cut > 0 && end.length === start.length && start.slice(0, cut) === end.slice(0, cut)) {
      return Number(end.slice(cut)) - Number(start.slice(cut));
    }
    return Number(BigInt(end) - BigInt(start));
  }
  if (isLong(start) && isLong(end)) return (end.high - start.high) * 4294967296 + ((end.low >>> 0) - (start.low >>> 0));
  const s = numberOf(start);
  const e = numberOf(end);
  return s === undefined || e === undefined ? undefined : e - s;
}
