import { describe, expect, it } from 'vitest';
import { computeCoverage, type Status } from './coverage.js';
import type { Crosswalk } from './crosswalk.js';
import type { FrameworkPack, Requirement } from './schema.js';

const req = (id: string, assessable = true): Requirement => ({
  id,
  parent: null,
  kind: 'control',
  title: { en: id, 'zh-HK': id },
  paraphrase: null,
  assessable,
  components: assessable ? ['policy'] : [],
  weight: 2,
  reference: id,
  guidance: null,
});
const pack = (id: string, ids: string[]): FrameworkPack => ({
  id,
  version: '1',
  kind: 'framework',
  title: { en: id, 'zh-HK': id },
  publisher: 'x',
  source: { title: 'x', url: 'https://example.org' },
  requirements: ids.map((i) => req(i)),
});

const iso = pack('iso', ['A.1', 'A.2', 'A.3']);
const pdpo = pack('pdpo', ['DPP1', 'DPP2', 'DPP3', 'DPP4']);
// iso → pdpo: A.1 is equal to DPP1; A.2 is a superset of DPP2 (asks for more); A.3 intersects DPP3.
const cw: Crosswalk = {
  id: 'iso--pdpo',
  from: 'iso',
  to: 'pdpo',
  title: { en: 'x', 'zh-HK': 'x' },
  links: [
    { from: 'A.1', to: 'DPP1', relation: 'equal', provenance: 'openaims', source: 'OpenAIMS mapping' },
    { from: 'A.2', to: 'DPP2', relation: 'superset', provenance: 'published', source: 'Someone' },
    { from: 'A.3', to: 'DPP3', relation: 'intersects', provenance: 'openaims', source: 'OpenAIMS mapping' },
  ],
};

describe('coverage through crosswalks', () => {
  it('reads links in either direction and turns the relation around', () => {
    const rows = computeCoverage(pdpo, iso, [cw]);
    expect(rows.find((r) => r.requirementId === 'DPP2')?.links).toEqual([
      { sourceId: 'A.2', relation: 'subset', provenance: 'published', crosswalk: 'iso--pdpo', sourceStatus: null },
    ]);
    expect(rows.find((r) => r.requirementId === 'DPP4')).toEqual({ requirementId: 'DPP4', coverage: 'not_linked', links: [] });
    expect(rows.filter((r) => r.coverage === 'linked').map((r) => r.requirementId)).toEqual(['DPP1', 'DPP2', 'DPP3']);
  });

  it('counts met work as covering only where the source asks for at least as much', () => {
    const statuses = new Map<string, Status>([
      ['A.1', 'met'],
      ['A.2', 'met'],
      ['A.3', 'met'],
    ]);
    const pdpoRows = computeCoverage(pdpo, iso, [cw], statuses);
    expect(Object.fromEntries(pdpoRows.map((r) => [r.requirementId, r.coverage]))).toEqual({
      DPP1: 'covered',
      DPP2: 'covered',
      DPP3: 'partly_covered',
      DPP4: 'not_linked',
    });
    // The other way round, DPP2 being met does not cover A.2, which asks for more.
    const isoRows = computeCoverage(iso, pdpo, [cw], new Map<string, Status>([['DPP2', 'met']]));
    expect(isoRows.find((r) => r.requirementId === 'A.2')?.coverage).toBe('partly_covered');
  });

  it('does not count gaps, and ignores crosswalks between other packs', () => {
    const rows = computeCoverage(pdpo, iso, [cw, { ...cw, id: 'other', from: 'nist' }], new Map<string, Status>([['A.1', 'gap']]));
    expect(rows.find((r) => r.requirementId === 'DPP1')).toMatchObject({ coverage: 'linked', links: [{ sourceStatus: 'gap' }] });
  });
});
