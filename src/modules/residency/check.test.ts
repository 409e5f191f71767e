import { describe, expect, it } from 'vitest';
import { residencyViolations, type SystemFacts } from './check.js';
import { regionFromText } from './regions.js';

const policy = { allowedRegions: ['hong_kong', 'singapore'], dataCategories: [] };
const system = (over: Partial<SystemFacts>): SystemFacts => ({
  id: 's1',
  name: 'Lead scoring',
  regionsUsed: ['hong_kong'],
  outputRegions: [],
  dataCategories: ['personal'],
  vendorIds: [],
  ...over,
});

describe('regionFromText', () => {
  it('reads codes, English names and common abbreviations; unknown text is null', () => {
    expect(
      ['hong_kong', 'Hong Kong', ' HK ', 'United States', 'USA', 'us', 'European Union', 'PRC', 'Singapore'].map(regionFromText),
    ).toEqual([
      'hong_kong',
      'hong_kong',
      'hong_kong',
      'united_states',
      'united_states',
      'united_states',
      'eu',
      'mainland_china',
      'singapore',
    ]);
    expect(regionFromText('Mars')).toBeNull();
  });
});

describe('residencyViolations', () => {
  it('flags each region of use or output outside the policy once, with EN and zh-HK reasons', () => {
    const out = residencyViolations(policy, [system({ regionsUsed: ['hong_kong', 'eu'], outputRegions: ['eu', 'mainland_china'] })], []);
    expect(out.map((v) => [v.region, v.reason.en, v.reason['zh-HK']])).toEqual([
      ['eu', 'processes personal data in EU; allowed: HK, SG', '在歐盟處理個人資料；獲准地區：香港、新加坡'],
      ['mainland_china', 'processes personal data in CN; allowed: HK, SG', '在中國內地處理個人資料；獲准地區：香港、新加坡'],
    ]);
  });

  it('covers only the personal categories when the policy names none, and only the named ones otherwise', () => {
    const financial = system({ regionsUsed: ['eu'], dataCategories: ['financial'] });
    expect(residencyViolations(policy, [financial], [])).toEqual([]);
    expect(residencyViolations({ ...policy, dataCategories: ['financial'] }, [financial], [])).toHaveLength(1);
    expect(residencyViolations(policy, [system({ regionsUsed: ['eu'], dataCategories: ['none'] })], [])).toEqual([]);
  });

  it('checks vendors that receive covered data: no stated region, a region outside, and unrecognised text', () => {
    const systems = [
      system({ vendorIds: ['v1', 'v2', 'v3', 'v4'] }),
      system({ id: 's2', name: 'Other', dataCategories: ['none'], vendorIds: ['v5'] }),
    ];
    const vendors = [
      { id: 'v1', name: 'Silent', dataProcessingRegions: [] },
      { id: 'v2', name: 'Abroad', dataProcessingRegions: ['Hong Kong', 'United States'] },
      { id: 'v3', name: 'Odd', dataProcessingRegions: ['Atlantis'] },
      { id: 'v4', name: 'Fine', dataProcessingRegions: ['Singapore'] },
      { id: 'v5', name: 'Unrelated', dataProcessingRegions: [] },
    ];
    const out = residencyViolations(policy, systems, vendors);
    expect(out.map((v) => [v.name, v.kind, v.region, v.regionText])).toEqual([
      ['Silent', 'no_region_stated', null, null],
      ['Abroad', 'region_not_allowed', 'united_states', 'United States'],
      ['Odd', 'unknown_region', null, 'Atlantis'],
    ]);
    expect(out[0]?.systems).toEqual([{ id: 's1', name: 'Lead scoring' }]);
    expect(out[1]?.reason.en).toBe('processes personal data in US; allowed: HK, SG');
  });
});
