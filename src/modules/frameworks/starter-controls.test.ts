import { describe, expect, it } from 'vitest';
import { loadFrameworkPacks } from './catalog.js';
import type { StarterLibrary } from './schema.js';
import { loadStarterLibrary, starterLibraryProblems } from './starter-controls.js';

const packs = loadFrameworkPacks();
const byId = new Map(packs.map((p) => [p.id, p]));

describe('the starter control library', () => {
  it('serves every Annex A control, links only to requirements that exist, in both languages', () => {
    const library = loadStarterLibrary(packs);
    expect(library).not.toBeNull();
    expect(starterLibraryProblems(library!, byId)).toEqual([]);
    for (const c of library!.controls) {
      expect(c.evidenceExamples['zh-HK'].length, c.id).toBeGreaterThan(0);
      expect(
        c.requirements.some((r) => r.framework === 'iso-iec-42001-2023' && r.id.startsWith('A.')),
        c.id,
      ).toBe(true);
    }
  });

  it('names what is wrong with a library that is not complete or not consistent', () => {
    const control: StarterLibrary['controls'][number] = {
      id: 'SC-INV-01',
      name: { en: 'Register', 'zh-HK': '登記冊' },
      description: { en: 'Keep one', 'zh-HK': '備存' },
      frequency: 'quarterly',
      suggestedOwnerRole: 'governance_lead',
      evidenceExamples: { en: ['The register'], 'zh-HK': ['登記冊'] },
      requirements: [{ framework: 'iso-iec-42001-2023', id: 'A.4.2' }],
    };
    const library: StarterLibrary = {
      id: 'x',
      version: '1',
      title: { en: 'x', 'zh-HK': 'x' },
      controls: [
        control,
        {
          ...control,
          requirements: [
            { framework: 'iso-iec-42001-2023', id: 'A.99' },
            { framework: 'nope', id: 'X' },
          ],
        },
      ],
    };
    const problems = starterLibraryProblems(library, byId);
    expect(problems).toContain('suggested control SC-INV-01 appears twice');
    expect(problems).toContain('SC-INV-01 links to iso-iec-42001-2023 A.99, which does not exist');
    expect(problems).toContain('SC-INV-01 links to a framework that is not in the catalogue: nope');
    expect(problems).toContain('no suggested control serves Annex A control A.2.2');
  });
});
