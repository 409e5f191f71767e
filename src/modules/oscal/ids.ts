import { createHash } from 'node:crypto';

/**
 * Namespace of our OSCAL extension props and parts. A URN rather than a web address: the project has no domain of its
 * own to promise a resolvable page at, and OSCAL only asks for a URI.
 */
export const OPENAIMS_NS = 'urn:openaims:oscal';
export const OSCAL_VERSION = '1.1.3';

/** Fixed namespace UUID of OpenAIMS exports (random once, never to change: every exported uuid derives from it). */
const NAMESPACE = '6f0c3a52-8d1e-4c5b-9a77-2f3e41d0b9c8';

/**
 * RFC 4122 name-based UUID (version 5, SHA-1) of `name` in our namespace: the same object gets the same uuid in
 * every export, so two exports of unchanged data differ only in `last-modified`.
 */
export function stableUuid(name: string): string {
  const ns = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** OSCAL's token (an XML NCName): a letter or underscore, then letters, digits, '.', '-' or '_'. */
const TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;
export const isOscalToken = (s: string): boolean => TOKEN.test(s);

/**
 * A requirement id as an OSCAL token: 'A.2.2' stays, 'GOVERN 1.1' → 'GOVERN-1.1', 'Art. 5(1)(a)' → 'Art.-5_1_a',
 * '4.1' → 'req-4.1' (a token cannot start with a digit). Different ids can meet on one token, so `tokenMap`
 * numbers later ones; the original id travels in a `label` prop.
 */
export function toToken(id: string): string {
  const cleaned = id
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/_+$/, '');
  if (cleaned === '') return 'req';
  return /^(\p{L}|_)/u.test(cleaned) ? cleaned : `req-${cleaned}`;
}

/** Tokens for a list of ids, unique and deterministic for the order given (the pack's order). */
export function tokenMap(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    if (out.has(id)) continue;
    const base = toToken(id);
    let token = base;
    for (let n = 2; used.has(token); n++) token = `${base}-${n}`;
    used.add(token);
    out.set(id, token);
  }
  return out;
}

/** OSCAL strings (StringDatatype) have no leading or trailing whitespace and are never empty. */
export function oscalString(value: string | null | undefined): string | undefined {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : undefined;
}

/** A prop, or nothing when the value is empty. */
export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
  class?: string;
  remarks?: string;
}

export function prop(name: string, value: string | number | boolean | null | undefined, extra: Partial<OscalProp> = {}): OscalProp[] {
  const v = value === null || value === undefined ? undefined : oscalString(String(value));
  return v === undefined ? [] : [{ name, ns: OPENAIMS_NS, value: v, ...extra }];
}

/** A calendar date as an OSCAL date-time: the end of that day in UTC. */
export const endOfDay = (date: string): string => `${date}T23:59:59Z`;

/** Drops keys whose value is undefined or an empty array: OSCAL arrays, when present, have at least one item. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}
