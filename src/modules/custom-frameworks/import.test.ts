import { describe, expect, it } from 'vitest';
import { loadFrameworkPacks } from '../frameworks/catalog.js';
import { packToCatalog } from '../oscal/catalog.js';
import { buildPack, draftProblems, type RequirementDraft } from './draft.js';
import { catalogPackFields, draftsFromCatalog, readOscalCatalog, slugOf } from './oscal-catalog.js';
import { draftsFromTable } from './sheet.js';

const draft = (row: number, id: string, parent: string | null, title = `T ${id}`): RequirementDraft => ({
  at: { row, path: null },
  id,
  parent,
  kind: null,
  title,
  titleZh: null,
  description: null,
  descriptionZh: null,
  assessable: null,
  components: null,
  weight: null,
  reference: null,
  guidance: null,
});

describe('draftProblems', () => {
  it('names each cycle once, in order, with its rows', () => {
    const problems = draftProblems([draft(2, 'A', 'C'), draft(3, 'B', 'A'), draft(4, 'C', 'B'), draft(5, 'D', 'A'), draft(6, 'E', 'E')]);
    expect(problems.map((p) => [p.row, p.message])).toEqual([
      [2, `These requirements are each other's ancestors (a cycle): "A" (row 2) → "C" (row 4) → "B" (row 3) → "A"`],
      [6, `These requirements are each other's ancestors (a cycle): "E" (row 6) → "E"`],
    ]);
  });

  it('finds duplicates, missing parents and empty titles; a clean list has none', () => {
    expect(draftProblems([draft(2, 'A', null), draft(3, 'A', 'Z', ' ')]).map((p) => p.message)).toEqual([
      'The title of "A" is empty',
      'The id "A" is used twice (also on row 2)',
      'The parent "Z" of "A" is not an id in this file',
    ]);
    expect(draftProblems([draft(2, 'A', null), draft(3, 'B', 'A')])).toEqual([]);
  });
});

describe('spreadsheet and OSCAL readers', () => {
  it('reads a sheet with headers in any case and reports unknown columns', () => {
    const read = draftsFromTable({
      headers: ['ID', 'Parent', 'Title', 'Description', 'Notes'],
      rows: [{ row: 2, cells: ['X', '', 'Title', 'Text', 'ignored'] }],
    });
    expect([read.problems, read.ignoredColumns, read.drafts[0]?.id, read.drafts[0]?.description]).toEqual([[], ['Notes'], 'X', 'Text']);
  });

  it('refuses OSCAL models other than a catalog by name', () => {
    const refuse = (doc: object) => () => readOscalCatalog(Buffer.from(JSON.stringify(doc)));
    expect(refuse({ profile: {} })).toThrow('This OSCAL document is a profile, not a catalog');
    expect(refuse({ 'system-security-plan': {} })).toThrow('This OSCAL document is a system security plan, not a catalog');
    expect(refuse([1, 2])).toThrow('not an OSCAL document');
  });

  it('turns every built-in pack back into the same pack from its catalog', () => {
    for (const pack of loadFrameworkPacks()) {
      const doc = readOscalCatalog(Buffer.from(JSON.stringify(packToCatalog(pack, { now: new Date() }))));
      const { drafts, problems } = draftsFromCatalog(doc);
      expect(problems).toEqual([]);
      const built = buildPack({ ...catalogPackFields(doc, {}, 'fallback'), requirements: drafts });
      expect(built.problems).toEqual([]);
      expect(built.pack).toEqual(pack);
    }
  });

  it('makes framework ids from titles', () => {
    expect(slugOf('Acme AI Policy (2025)')).toBe('acme-ai-policy-2025');
    expect(slugOf('人工智能')).toBe('imported-framework');
  });
});
