import { dataCategoryLabels } from '../systems/labels.js';
import type { dataCategories } from '../systems/schema.js';
import { regionFromText, regionLabels, type ResidencyRegion } from './regions.js';
import { personalCategories, type ResidencyViolation } from './schema.js';

export interface PolicyFacts {
  allowedRegions: readonly string[];
  /** empty: any personal data */
  dataCategories: readonly string[];
}
export interface SystemFacts {
  id: string;
  name: string;
  regionsUsed: readonly string[];
  outputRegions: readonly string[];
  dataCategories: readonly string[];
  /** the vendor whose product it is, by the system's vendor or by an AI feature linked to it */
  vendorIds: readonly string[];
}
export interface VendorFacts {
  id: string;
  name: string;
  dataProcessingRegions: readonly string[];
}

type Category = (typeof dataCategories)[number];

const short = (codes: readonly string[]) => codes.map((c) => regionLabels[c as ResidencyRegion]?.short ?? c).join(', ');
const zhList = (codes: readonly string[]) => codes.map((c) => regionLabels[c as ResidencyRegion]?.['zh-HK'] ?? c).join('、');
const catsEn = (cats: readonly string[]) => cats.map((c) => dataCategoryLabels[c as Category]?.en.toLowerCase() ?? c).join(', ');
const catsZh = (cats: readonly string[]) => cats.map((c) => dataCategoryLabels[c as Category]?.['zh-HK'] ?? c).join('、');

/**
 * Every place where data the policy covers is, or may be, processed outside the allowed regions: each live system's
 * regions of use and output, and each vendor that receives such data through a system: its stated regions, and a
 * vendor that states none is a violation too (no commitment is not compliance). Pure; the caller loads the facts.
 */
export function residencyViolations(policy: PolicyFacts, systems: SystemFacts[], vendors: VendorFacts[]): ResidencyViolation[] {
  const covered = new Set<string>(policy.dataCategories.length ? policy.dataCategories : personalCategories);
  const allowed = new Set(policy.allowedRegions);
  const allowedEn = short(policy.allowedRegions);
  const allowedZh = zhList(policy.allowedRegions);
  const out: ResidencyViolation[] = [];
  const vendorSystems = new Map<string, { id: string; name: string; cats: string[] }[]>();

  for (const s of systems) {
    const cats = s.dataCategories.filter((c) => covered.has(c));
    if (!cats.length) continue;
    for (const v of s.vendorIds) vendorSystems.set(v, [...(vendorSystems.get(v) ?? []), { id: s.id, name: s.name, cats }]);
    for (const region of [...new Set([...s.regionsUsed, ...s.outputRegions])].filter((r) => !allowed.has(r))) {
      const label = regionLabels[region as ResidencyRegion];
      out.push({
        subject: 'system',
        id: s.id,
        name: s.name,
        kind: 'region_not_allowed',
        region: (label ? region : 'other') as ResidencyRegion,
        regionText: null,
        dataCategories: cats,
        systems: [{ id: s.id, name: s.name }],
        reason: {
          en: `processes ${catsEn(cats)} in ${label?.short ?? region}; allowed: ${allowedEn}`,
          'zh-HK': `在${label?.['zh-HK'] ?? region}處理${catsZh(cats)}；獲准地區：${allowedZh}`,
        },
      });
    }
  }

  for (const v of vendors) {
    const via = vendorSystems.get(v.id);
    if (!via) continue;
    const cats = [...new Set(via.flatMap((s) => s.cats))];
    const base = {
      subject: 'vendor' as const,
      id: v.id,
      name: v.name,
      dataCategories: cats,
      systems: via.map(({ id, name }) => ({ id, name })),
    };
    if (!v.dataProcessingRegions.length) {
      out.push({
        ...base,
        kind: 'no_region_stated',
        region: null,
        regionText: null,
        reason: {
          en: `receives ${catsEn(cats)} but states no processing region; allowed: ${allowedEn}`,
          'zh-HK': `接收${catsZh(cats)}但未列明處理地區；獲准地區：${allowedZh}`,
        },
      });
      continue;
    }
    for (const text of v.dataProcessingRegions) {
      const code = regionFromText(text);
      if (code && allowed.has(code)) continue;
      out.push({
        ...base,
        kind: code ? 'region_not_allowed' : 'unknown_region',
        region: code,
        regionText: text,
        reason: code
          ? {
              en: `processes ${catsEn(cats)} in ${regionLabels[code].short}; allowed: ${allowedEn}`,
              'zh-HK': `在${regionLabels[code]['zh-HK']}處理${catsZh(cats)}；獲准地區：${allowedZh}`,
            }
          : {
              en: `processes ${catsEn(cats)} in "${text}", which is not a region the policy knows; allowed: ${allowedEn}`,
              'zh-HK': `在「${text}」處理${catsZh(cats)}，此地區不在政策所列範圍；獲准地區：${allowedZh}`,
            },
      });
    }
  }
  return out;
}
