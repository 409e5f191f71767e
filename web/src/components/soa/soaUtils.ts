import type { SoaStatementEntry } from '@contracts/soa/schema.js';

export type SoaLang = 'en' | 'zh-HK';

export const soaLang = (language: string): SoaLang => (language === 'zh-HK' ? 'zh-HK' : 'en');

/** Entries under their Annex A objective, in the order the statement lists them. */
export function groupByObjective<E extends SoaStatementEntry>(entries: E[]): { objective: E['objective']; entries: E[] }[] {
  const groups = new Map<string, { objective: E['objective']; entries: E[] }>();
  for (const entry of entries) {
    const group = groups.get(entry.objective.ref) ?? { objective: entry.objective, entries: [] as E[] };
    group.entries.push(entry);
    groups.set(entry.objective.ref, group);
  }
  return [...groups.values()];
}

export const applicabilityColor = (applicable: boolean | null): string => (applicable === null ? 'gray' : applicable ? 'teal' : 'dark');
