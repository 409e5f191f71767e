import type { AiCatalogue } from './catalogue.js';
import type { AiServiceCategory, AiServiceEntry } from './catalogue-schema.js';
import { DistinctCounter } from './distinct.js';
import type { DiscoveryEvent } from './events.js';
import { DomainMatcher } from './match-domain.js';
import { AppNameMatcher, MerchantMatcher } from './match-names.js';
import { pseudonymiser } from './pseudonym.js';

export type MatchedOn = 'domain' | 'oauth' | 'merchant';

export interface Finding {
  catalogId: string;
  provider: string;
  product: string;
  category: AiServiceCategory;
  matchedOn: MatchedOn;
  requests: number;
  /** distinct users (pseudonymised); an estimate when usersExact is false */
  users: number;
  usersExact: boolean;
  firstSeen: string | null;
  lastSeen: string | null;
  /** total of expense amounts, when the source has them */
  amount: number | null;
}

export interface FindingsOptions {
  /**
   * HMAC-SHA256 key that pseudonymises users before they are counted; users are never kept in clear. The same key
   * gives the same pseudonym across imports (so counts can later be merged); a random key makes them unlinkable.
   */
  userKey: Buffer;
  /** exact distinct users per finding up to this many, then an estimate (HyperLogLog) */
  exactUsersCap?: number;
  /** organisation-configured OAuth application aliases: name → catalogue id */
  appAliases?: Record<string, string>;
  /** called with every pseudonymised user counted for a catalogue entry (to store pseudonyms for exact merging) */
  onUser?: (catalogId: string, pseudonym: number) => void;
}

/** The matchers of a catalogue, built once and shared by the importers' prefilter and the aggregation. */
export class CatalogueMatchers {
  readonly domains: DomainMatcher;
  readonly apps: AppNameMatcher;
  readonly merchants: MerchantMatcher;

  constructor(catalogue: AiCatalogue, appAliases: Record<string, string> = {}) {
    this.domains = new DomainMatcher(catalogue.entries);
    this.apps = new AppNameMatcher(catalogue.entries, appAliases);
    this.merchants = new MerchantMatcher(catalogue.entries);
  }
}

const HOST_CACHE_SIZE = 10_000;

interface Tally {
  entry: AiServiceEntry;
  matchedOn: MatchedOn;
  requests: number;
  users: DistinctCounter;
  first: number | null;
  last: number | null;
  amount: number | null;
}

/**
 * Aggregates events into one finding per catalogue entry and way of matching. An event is matched by application name
 * first, then merchant, then host or URL; a domain claimed by several entries (marked shared) counts for each.
 */
export class FindingsAggregator {
  private readonly tallies = new Map<string, Tally>();
  /** host → entries: a log repeats the same hosts millions of times (host names only, never users) */
  private readonly hostCache = new Map<string, readonly AiServiceEntry[]>();
  private readonly pseudonym: (user: string) => number;
  unmatched = 0;

  constructor(
    private readonly matchers: CatalogueMatchers,
    private readonly options: FindingsOptions,
  ) {
    this.pseudonym = pseudonymiser(options.userKey);
  }

  add(event: DiscoveryEvent): void {
    if (event.appName !== undefined) {
      const e = this.matchers.apps.match(event.appName);
      if (e) return this.count(e, 'oauth', event);
    }
    if (event.merchant !== undefined) {
      const e = this.matchers.merchants.match(event.merchant);
      if (e) return this.count(e, 'merchant', event);
    }
    const target = event.host ?? event.url;
    if (target !== undefined) {
      let entries = this.hostCache.get(target);
      if (entries === undefined) {
        entries = this.matchers.domains.matchHost(target);
        if (this.hostCache.size >= HOST_CACHE_SIZE) this.hostCache.clear();
        this.hostCache.set(target, entries);
      }
      if (entries.length) {
        for (const e of entries) this.count(e, 'domain', event);
        return;
      }
    }
    this.unmatched++;
  }

  private count(entry: AiServiceEntry, matchedOn: MatchedOn, event: DiscoveryEvent): void {
    const key = `${entry.id}\u0000${matchedOn}`;
    let t = this.tallies.get(key);
    if (!t) {
      t = { entry, matchedOn, requests: 0, users: new DistinctCounter(this.options.exactUsersCap), first: null, last: null, amount: null };
      this.tallies.set(key, t);
    }
    t.requests++;
    if (event.user !== null && event.user !== '') {
      const pseudonym = this.pseudonym(event.user);
      t.users.add(pseudonym);
      this.options.onUser?.(entry.id, pseudonym);
    }
    if (event.time !== null) {
      if (t.first === null || event.time < t.first) t.first = event.time;
      if (t.last === null || event.time > t.last) t.last = event.time;
    }
    if (event.amount !== undefined) t.amount = (t.amount ?? 0) + event.amount;
  }

  /** Findings, most requests first (then catalogue id). */
  findings(): Finding[] {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return [...this.tallies.values()]
      .map((t) => ({
        catalogId: t.entry.id,
        provider: t.entry.provider,
        product: t.entry.product,
        category: t.entry.category,
        matchedOn: t.matchedOn,
        requests: t.requests,
        users: t.users.count,
        usersExact: t.users.exact,
        firstSeen: iso(t.first),
        lastSeen: iso(t.last),
        amount: t.amount === null ? null : Math.round(t.amount * 100) / 100,
      }))
      .sort((a, b) => b.requests - a.requests || a.catalogId.localeCompare(b.catalogId) || a.matchedOn.localeCompare(b.matchedOn));
  }
}
