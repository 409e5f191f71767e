import type { AiServiceEntry } from './catalogue-schema.js';
import { normaliseHost } from './host.js';

/** One catalogue domain: its bytes (for the allocation-free path) and the entries that claim it. */
interface DomainSlot {
  domain: string;
  bytes: Uint8Array;
  entries: readonly AiServiceEntry[];
}

/** Hash of a byte run read right to left, lowercasing A–Z: the same value for a host suffix and a catalogue domain. */
function suffixHashStep(h: number, byte: number): number {
  return (Math.imul(h, 31) + (byte >= 65 && byte <= 90 ? byte | 0x20 : byte)) | 0;
}

/**
 * Finds the catalogue entries of a host by domain suffix on label boundaries: chat.deepseek.com matches deepseek.com;
 * notdeepseek.com and deepseek.com.evil.example do not. The longest claimed suffix wins. Lookups walk the host label
 * by label through hash maps — no regular expression per line.
 */
export class DomainMatcher {
  private readonly byDomain = new Map<string, DomainSlot>();
  private readonly byHash = new Map<number, DomainSlot[]>();

  constructor(entries: readonly AiServiceEntry[]) {
    const owners = new Map<string, AiServiceEntry[]>();
    for (const e of entries) for (const d of [...e.domains, ...e.sharedDomains]) owners.set(d, [...(owners.get(d) ?? []), e]);
    for (const [domain, list] of owners) {
      const slot: DomainSlot = { domain, bytes: Buffer.from(domain, 'latin1'), entries: list };
      this.byDomain.set(domain, slot);
      let h = 0;
      for (let i = domain.length - 1; i >= 0; i--) h = suffixHashStep(h, domain.charCodeAt(i));
      this.byHash.set(h, [...(this.byHash.get(h) ?? []), slot]);
    }
  }

  /** Every catalogue domain, for tools that need the plain list (the benchmark's grep patterns). */
  domains(): string[] {
    return [...this.byDomain.keys()];
  }

  /** The entries claiming a host (any form: URL, host:port, IDN); empty for IP literals and unknown hosts. */
  matchHost(raw: string): readonly AiServiceEntry[] {
    const host = normaliseHost(raw);
    if (host === null) return [];
    for (let at = 0; at >= 0;) {
      const slot = this.byDomain.get(at === 0 ? host : host.slice(at));
      if (slot) return slot.entries;
      const dot = host.indexOf('.', at);
      at = dot < 0 ? -1 : dot + 1;
    }
    return [];
  }

  /**
   * The same match on the raw bytes of a host name (buf[start..end), already cut from its URL and port), without
   * allocating: the host is hashed right to left and each label boundary is looked up. Returns null when nothing
   * matches; non-ASCII hosts must go through matchHost (IDN → punycode).
   */
  matchHostBytes(buf: Uint8Array, start: number, end: number): readonly AiServiceEntry[] | null {
    if (end > start && buf[end - 1] === 0x2e) end--; // trailing dot
    let h = 0;
    let best: DomainSlot | null = null;
    for (let i = end - 1; i >= start - 1; i--) {
      if (i === start - 1 || buf[i] === 0x2e) {
        const slots = this.byHash.get(h);
        if (slots) {
          for (const slot of slots) if (bytesEqualLower(buf, i + 1, end, slot.bytes)) best = slot;
        }
        if (i === start - 1) break;
      }
      h = suffixHashStep(h, buf[i]!);
    }
    return best ? best.entries : null;
  }
}

function bytesEqualLower(buf: Uint8Array, start: number, end: number, lower: Uint8Array): boolean {
  if (end - start !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const b = buf[start + i]!;
    if ((b >= 65 && b <= 90 ? b | 0x20 : b) !== lower[i]) return false;
  }
  return true;
}
