import { type ByteSource, type DiscoveryEvent, type DiscoveryImport, ImportStats } from '../events.js';
import { eachLine } from '../lines.js';

/** Lets the caller skip lines whose host cannot matter, before anything is decoded (the scanner's fast path). */
export interface HostPrefilter {
  /** buf[start..end) is the host name, without scheme, port or path; true = decode the line into an event */
  keepHost(buf: Uint8Array, start: number, end: number): boolean;
}

/** Space, tab and other control bytes separate fields (one comparison per byte in the hot loop). */
const SPACE = 0x20;

/**
 * Squid's native access.log: `time elapsed client code/status bytes method URL user hierarchy/peer type`, e.g.
 * `1732700000.123    45 10.1.2.3 TCP_TUNNEL/200 5120 CONNECT chat.deepseek.com:443 alice HIER_DIRECT/1.2.3.4 -`.
 * The user is the authenticated name (field 8) or, when that is "-", the client address. Lines are parsed in place:
 * only the first 8 fields are located, and with a prefilter only the lines it keeps become events.
 */
export function readSquid(source: ByteSource, options: { prefilter?: HostPrefilter } = {}): DiscoveryImport {
  const stats = new ImportStats();
  const prefilter = options.prefilter;
  let batch: DiscoveryEvent[] = [];
  const starts = new Int32Array(7);
  const ends = new Int32Array(7);
  const span = new HostSpan();

  const onLine = (buf: Buffer, start: number, end: number, lineNo: number) => {
    // Fields 1..7 by their boundaries (runs of spaces count as one: Squid pads the elapsed time). The URL field is
    // not walked here: the host is cut from its start, and the rest of the line is read only for lines kept.
    let field = 0;
    let i = start;
    for (;;) {
      while (i < end && buf[i]! <= SPACE) i++;
      if (i >= end) break;
      starts[field] = i;
      if (field === 6) {
        field = 7;
        break;
      }
      while (i < end && buf[i]! > SPACE) i++;
      ends[field++] = i;
    }
    if (field === 0) return; // blank line: not a record
    stats.linesRead++;
    if (field < 7) return stats.reject(lineNo, `only ${field} fields (a native access.log line has at least 7)`);
    const time = epochMillis(buf, starts[0]!, ends[0]!);
    if (time === null) return stats.reject(lineNo, 'the first field is not a Unix time');
    span.find(buf, starts[6]!, end);
    if (span.end <= span.start) return stats.reject(lineNo, 'no host in the URL field');
    if (prefilter && !span.nonAscii && !prefilter.keepHost(buf, span.start, span.end)) return;
    batch.push({ time, user: squidUser(buf, span.end, end, starts[2]!, ends[2]!), host: buf.toString('utf8', span.start, span.end) });
  };
  const flush = () => {
    const out = batch;
    batch = [];
    return out;
  };
  return { events: eachLine(source, stats, onLine, flush), stats };
}

/** "1732700000.123" → epoch ms, or null when the field is not digits with at most one decimal point. */
export function epochMillis(buf: Uint8Array, start: number, end: number): number | null {
  let seconds = 0;
  let i = start;
  for (; i < end && buf[i] !== 0x2e; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return null;
    seconds = seconds * 10 + d;
  }
  if (i === start) return null;
  let millis = 0;
  let scale = 100;
  for (i++; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return null;
    millis += d * scale;
    scale /= 10;
  }
  return seconds * 1000 + Math.floor(millis);
}

/**
 * Where the host is inside a URL field that starts at `start` (the field ends at a space or `end`): after
 * "scheme://" and any user info, up to the port, path, query or field end (CONNECT lines carry "host:443"). [IPv6]
 * literals give an empty span. `nonAscii` flags bytes ≥ 0x80 (the caller then matches through IDN normalisation).
 * One instance is reused for every line: no allocation in the hot loop.
 */
export class HostSpan {
  start = 0;
  end = 0;
  nonAscii = false;

  find(buf: Uint8Array, start: number, end: number): void {
    let hs = start;
    for (let i = start; i + 2 < end && i < start + 16; i++) {
      const b = buf[i]!;
      if (b === 0x3a && buf[i + 1] === 0x2f && buf[i + 2] === 0x2f) {
        hs = i + 3;
        break;
      }
      if (b === 0x2f || b <= SPACE) break;
    }
    this.nonAscii = false;
    if (buf[hs] === 0x5b) {
      this.start = this.end = hs; // [IPv6]
      return;
    }
    let he = hs;
    for (; he < end; he++) {
      const b = buf[he]!;
      if (b === 0x2f || b === 0x3a || b === 0x3f || b === 0x23 || b <= SPACE) break;
      if (b === 0x40) hs = he + 1; // user@host
      if (b >= 0x80) this.nonAscii = true;
    }
    this.start = hs;
    this.end = he;
  }
}

/** The 8th field (authenticated user) when it is not "-", else the client address; `from` is inside the URL field. */
function squidUser(buf: Buffer, from: number, end: number, clientStart: number, clientEnd: number): string {
  let i = from;
  while (i < end && buf[i]! > SPACE) i++; // rest of the URL
  while (i < end && buf[i]! <= SPACE) i++;
  const us = i;
  while (i < end && buf[i]! > SPACE) i++;
  if (i === us || (i - us === 1 && buf[us] === 0x2d)) return buf.toString('latin1', clientStart, clientEnd);
  return decodeURIComponentSafe(buf.toString('utf8', us, i));
}

function decodeURIComponentSafe(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
