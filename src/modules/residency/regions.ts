import { regions as systemRegions } from '../systems/schema.js';

/**
 * Region codes for data residency: the AI system register's codes plus the places vendors commonly name. A system
 * can only say `other` for anything outside Hong Kong, mainland China and the EU; vendors and questionnaires can be
 * precise.
 */
export const residencyRegions = [
  ...systemRegions.filter((r) => r !== 'other'),
  'singapore',
  'united_kingdom',
  'united_states',
  'canada',
  'japan',
  'australia',
  'other',
] as const;
export type ResidencyRegion = (typeof residencyRegions)[number];

export const regionLabels: Record<ResidencyRegion, { en: string; 'zh-HK': string; short: string }> = {
  hong_kong: { en: 'Hong Kong', 'zh-HK': '香港', short: 'HK' },
  mainland_china: { en: 'Mainland China', 'zh-HK': '中國內地', short: 'CN' },
  eu: { en: 'European Union', 'zh-HK': '歐盟', short: 'EU' },
  singapore: { en: 'Singapore', 'zh-HK': '新加坡', short: 'SG' },
  united_kingdom: { en: 'United Kingdom', 'zh-HK': '英國', short: 'UK' },
  united_states: { en: 'United States', 'zh-HK': '美國', short: 'US' },
  canada: { en: 'Canada', 'zh-HK': '加拿大', short: 'CA' },
  japan: { en: 'Japan', 'zh-HK': '日本', short: 'JP' },
  australia: { en: 'Australia', 'zh-HK': '澳洲', short: 'AU' },
  other: { en: 'another region', 'zh-HK': '其他地區', short: 'other' },
};

const aliases: Record<string, ResidencyRegion> = {
  hk: 'hong_kong',
  hksar: 'hong_kong',
  'mainland china': 'mainland_china',
  china: 'mainland_china',
  prc: 'mainland_china',
  cn: 'mainland_china',
  'european union': 'eu',
  europe: 'eu',
  sg: 'singapore',
  uk: 'united_kingdom',
  'great britain': 'united_kingdom',
  us: 'united_states',
  usa: 'united_states',
  'united states of america': 'united_states',
  ca: 'canada',
  jp: 'japan',
  au: 'australia',
};

/** A vendor's free-text region ("United States", "US", "hong_kong") as a code; null when it names no known region. */
export function regionFromText(text: string): ResidencyRegion | null {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[._-]+/g, ' ')
    .replace(/\s+/g, ' ');
  const code = key.replace(/ /g, '_');
  if ((residencyRegions as readonly string[]).includes(code)) return code as ResidencyRegion;
  const byLabel = residencyRegions.find((r) => regionLabels[r].en.toLowerCase() === key);
  return byLabel ?? aliases[key] ?? null;
}
