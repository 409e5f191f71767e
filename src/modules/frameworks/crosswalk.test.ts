import { describe, expect, it } from 'vitest';
import { loadFrameworkPacks } from './catalog.js';
import { crosswalkProblems, loadCrosswalks, type Crosswalk } from './crosswalk.js';

const packs = loadFrameworkPacks();
const byId = new Map(packs.map((p) => [p.id, p]));

describe('the bundled crosswalks', () => {
  const crosswalks = loadCrosswalks(packs);

  it('load, and every link joins two requirements that exist', () => {
    expect(crosswalks.map((c) => c.id).sort()).toEqual(['iso-iec-42001-2023--hk-pdpo-dpp', 'iso-iec-42001-2023--nist-ai-rmf-1.0']);
    for (const c of crosswalks) expect(crosswalkProblems(c, byId)).toEqual([]);
  });

  it('say where each link comes from', () => {
    for (const c of crosswalks) {
      for (const l of c.links) {
        expect(l.source.length, `${c.id} ${l.from} → ${l.to}`).toBeGreaterThan(0);
        if (l.provenance === 'openaims') expect(l.source).toMatch(/OpenAIMS/);
      }
    }
  });

  it('map Annex A controls to the NIST AI RMF', () => {
    const nist = crosswalks.find((c) => c.to === 'nist-ai-rmf-1.0');
    const mapped = new Set(nist?.links.map((l) => l.from).filter((id) => id.startsWith('A.')));
    expect(mapped.size).toBeGreaterThanOrEqual(20);
  });
});

describe('a crosswalk that is not valid', () => {
  const base: Crosswalk = {
    id: 'x',
    from: 'iso-iec-42001-2023',
    to: 'hk-pdpo-dpp',
    title: { en: 'x', 'zh-HK': '甲' },
    links: [{ from: 'A.7.2', to: 'DPP1', relation: 'intersects', provenance: 'openaims', source: 'OpenAIMS mapping' }],
  };

  it('names links to requirements that do not exist, pairs linked twice and packs that are missing', () => {
    expect(crosswalkProblems(base, byId)).toEqual([]);
    const link = base.links[0]!;
    expect(crosswalkProblems({ ...base, links: [{ ...link, from: 'A.99' }] }, byId)).toEqual([
      'iso-iec-42001-2023 has no requirement A.99',
    ]);
    expect(crosswalkProblems({ ...base, links: [{ ...link, to: 'DPP9' }] }, byId)).toEqual(['hk-pdpo-dpp has no requirement DPP9']);
    expect(crosswalkProblems({ ...base, links: [link, link] }, byId)).toEqual(['A.7.2 → DPP1 is linked twice']);
    expect(crosswalkProblems({ ...base, to: 'no-pack' }, byId)).toEqual(['links packs that are not in the catalogue: no-pack']);
  });
});
