import type { AiServiceEntry } from './catalogue-schema.js';
import { merchantTokens, normaliseAppName } from './names.js';

/**
 * OAuth / SSO application names: exact after normalisation (case, punctuation, width), plus aliases an organisation
 * configures (alias → catalogue id). No fuzzy matching: "Notion" must not claim "Notion Calendar Sync Tool".
 */
export class AppNameMatcher {
  private readonly byName = new Map<string, AiServiceEntry>();

  constructor(entries: readonly AiServiceEntry[], aliases: Record<string, string> = {}) {
    const byId = new Map(entries.map((e) => [e.id, e]));
    for (const e of entries) for (const n of e.oauthAppNames) this.byName.set(normaliseAppName(n), e);
    for (const [alias, id] of Object.entries(aliases)) {
      const e = byId.get(id);
      if (!e) throw new Error(`alias "${alias}" names ${id}, which is not in the catalogue`);
      this.byName.set(normaliseAppName(alias), e);
    }
  }

  match(appName: string): AiServiceEntry | null {
    return this.byName.get(normaliseAppName(appName)) ?? null;
  }
}

/** Payment facilitators that put their own name before the merchant's ("PAYPAL *MIDJOURNEY", "SQ *…"). */
const facilitatorPrefixes: string[][] = [['PAYPAL'], ['PP'], ['SQ'], ['SP'], ['FS'], ['PADDLE', 'NET'], ['PADDLE']];

/**
 * Card-statement descriptors: the catalogue's merchant name must be the whole leading run of tokens of the descriptor
 * (after a payment facilitator's prefix, if any); the longest catalogue name wins. Conservative on purpose: "OPENAIRE"
 * or "MY OPENAI TRAINING LTD" do not match "OPENAI".
 */
export class MerchantMatcher {
  private readonly byFirstToken = new Map<string, { tokens: string[]; entry: AiServiceEntry }[]>();

  constructor(entries: readonly AiServiceEntry[]) {
    for (const entry of entries) {
      for (const m of entry.merchantNames) {
        const tokens = merchantTokens(m);
        if (tokens.length === 0) continue;
        const list = this.byFirstToken.get(tokens[0]!) ?? [];
        list.push({ tokens, entry });
        list.sort((a, b) => b.tokens.length - a.tokens.length);
        this.byFirstToken.set(tokens[0]!, list);
      }
    }
  }

  match(descriptor: string): AiServiceEntry | null {
    const tokens = merchantTokens(descriptor);
    const direct = this.matchAt(tokens, 0);
    if (direct) return direct;
    for (const prefix of facilitatorPrefixes) {
      if (prefix.every((p, i) => tokens[i] === p)) {
        const after = this.matchAt(tokens, prefix.length);
        if (after) return after;
      }
    }
    return null;
  }

  private matchAt(tokens: string[], from: number): AiServiceEntry | null {
    const first = tokens[from];
    if (first === undefined) return null;
    for (const candidate of this.byFirstToken.get(first) ?? []) {
      if (candidate.tokens.every((t, i) => tokens[from + i] === t)) return candidate.entry;
    }
    return null;
  }
}
