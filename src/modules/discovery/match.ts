import type { AiServiceEntry } from '../../lib/discovery/catalogue-schema.js';

export interface MatchableSystem {
  id: string;
  name: string;
  modelProviders: string[];
  vendorName: string | null;
}

/** Lowercase letters and digits only: "ChatGPT Enterprise" → "chatgptenterprise". */
const squash = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The provider's own name without the parenthesised legal entity: "DeepSeek (Hangzhou DeepSeek AI)" → "deepseek". */
const providerKey = (provider: string): string => squash(provider.replace(/\([^)]*\)/g, ''));

/**
 * The live system a catalogue entry is registered as, when none is linked by hand. A system matches when
 * (1) its name contains the product name (e.g. "ChatGPT Enterprise" for ChatGPT), or
 * (2) its vendor's name or one of its model providers is the entry's provider, and that provider has only this one
 *     entry in the catalogue (so "OpenAI" alone cannot say whether ChatGPT or the OpenAI API is meant).
 * Rule 1 wins over rule 2; among several systems the first by name is taken.
 */
export function autoMatch(
  entry: AiServiceEntry,
  systems: readonly MatchableSystem[],
  entriesPerProvider: ReadonlyMap<string, number>,
): MatchableSystem | null {
  const product = squash(entry.product);
  const provider = providerKey(entry.provider);
  const sorted = [...systems].sort((a, b) => a.name.localeCompare(b.name));
  const byName = product.length >= 3 ? sorted.find((s) => squash(s.name).includes(product)) : undefined;
  if (byName) return byName;
  if (!provider || (entriesPerProvider.get(provider) ?? 0) !== 1) return null;
  return sorted.find((s) => [s.vendorName ?? '', ...s.modelProviders].some((p) => p !== '' && providerKey(p) === provider)) ?? null;
}

/** How many catalogue entries each provider has, keyed as autoMatch compares providers. */
export function countEntriesPerProvider(entries: readonly AiServiceEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(providerKey(e.provider), (counts.get(providerKey(e.provider)) ?? 0) + 1);
  return counts;
}
