import { describe, expect, it } from 'vitest';
import type { FrameworkPack, Requirement } from '../frameworks/schema.js';
import { assessmentToResults, type ItemForExport } from './assessment-results.js';
import { packToCatalog } from './catalog.js';
import { isOscalToken, stableUuid, tokenMap, toToken } from './ids.js';
import { actionsToPoam, type ActionForExport } from './poam.js';

const now = new Date('2026-11-27T10:00:00.000Z');
const req = (id: string, parent: string | null, assessable: boolean, extra: Partial<Requirement> = {}): Requirement => ({
  id,
  parent,
  kind: assessable ? 'control' : 'group',
  title: { en: `Title ${id}`, 'zh-HK': `標題 ${id}` },
  paraphrase: { en: `Do ${id}`, 'zh-HK': `做 ${id}` },
  assessable,
  components: assessable ? ['policy'] : [],
  weight: 2,
  reference: `Ref ${id}`,
  guidance: null,
  ...extra,
});
const pack: FrameworkPack = {
  id: 'test-pack',
  version: '1',
  kind: 'framework',
  title: { en: 'Test pack', 'zh-HK': '測試' },
  publisher: 'Tester',
  source: { title: 'Source', url: 'https://example.org/source' },
  requirements: [
    req('4', null, false),
    req('4.1', '4', true, { guidance: 'Annex B.4.1' }),
    req('A.2', null, false),
    req('A.2.2', 'A.2', true),
    req('A.2.2.x', 'A.2.2', false),
    req('V1', null, false, { paraphrase: null }),
  ],
};

describe('OSCAL ids', () => {
  it('maps requirement ids to tokens deterministically, unique within a pack', () => {
    expect(['A.2.2', 'GOVERN 1.1', 'Art. 5(1)(a)', '4.1', '  ', '資料 1'].map(toToken)).toEqual([
      'A.2.2',
      'GOVERN-1.1',
      'Art.-5_1_a',
      'req-4.1',
      'req',
      '資料-1',
    ]);
    const map = tokenMap(['Art. 5', 'Art.-5', 'Art._5', 'Art. 5']);
    expect([...map.values()]).toEqual(['Art.-5', 'Art.-5-2', 'Art._5']);
    for (const token of map.values()) expect(isOscalToken(token)).toBe(true);
  });

  it('derives version 5 uuids that are stable and distinct', () => {
    expect(stableUuid('catalog/x')).toBe(stableUuid('catalog/x'));
    expect(stableUuid('catalog/x')).not.toBe(stableUuid('catalog/y'));
    expect(stableUuid('catalog/x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('packToCatalog', () => {
  const { catalog } = packToCatalog(pack, { now });

  it('nests groups and controls as in the pack', () => {
    expect(catalog.groups?.map((g) => [g.id, g.controls?.map((c) => [c.id, c.controls?.map((k) => k.id)])])).toEqual([
      ['req-4', [['req-4.1', undefined]]],
      ['A.2', [['A.2.2', ['A.2.2.x']]]],
    ]);
    // a non-assessable requirement without children, and one under a control, are controls marked not assessable
    expect(catalog.controls?.map((c) => c.id)).toEqual(['V1']);
    expect(catalog.controls?.[0]?.props).toContainEqual({ name: 'assessable', ns: 'urn:openaims:oscal', value: 'false' });
  });

  it('keeps the original id, the paraphrase, the Chinese text and the source', () => {
    const control = catalog.groups?.[0]?.controls?.[0];
    expect(control?.props?.slice(0, 2)).toEqual([
      { name: 'label', value: '4.1' },
      { name: 'sort-id', value: '1' },
    ]);
    expect(control?.parts).toEqual([
      { id: 'req-4.1_smt', name: 'statement', prose: 'Do 4.1' },
      { id: 'req-4.1_gdn', name: 'guidance', prose: 'Annex B.4.1' },
      { id: 'req-4.1_obj', name: 'assessment-objective', prose: 'Determine whether the organisation meets 4.1: Title 4.1' },
      { id: 'req-4.1_zh-HK', name: 'translation', ns: 'urn:openaims:oscal', class: 'zh-HK', title: '標題 4.1', prose: '做 4.1' },
    ]);
    expect(control?.links).toEqual([{ href: 'https://example.org/source', rel: 'reference', text: 'Ref 4.1' }]);
    expect(catalog.metadata).toMatchObject({
      title: 'Test pack',
      'last-modified': now.toISOString(),
      'oscal-version': '1.1.3',
      version: '1',
    });
  });

  it('gives the same document for the same pack, but for last-modified', () => {
    const later = packToCatalog(pack, { now: new Date('2027-01-01T00:00:00Z') });
    expect({ ...later.catalog, metadata: { ...later.catalog.metadata, 'last-modified': 'x' } }).toEqual({
      ...catalog,
      metadata: { ...catalog.metadata, 'last-modified': 'x' },
    });
  });
});

describe('assessmentToResults', () => {
  const item = (requirementId: string, status: string, extra: Partial<ItemForExport> = {}): ItemForExport => ({
    id: `00000000-0000-4000-8000-00000000000${requirementId.length}`,
    requirementId,
    status,
    statusSource: 'manual',
    overrideReason: null,
    justification: null,
    maturity: null,
    notes: null,
    gapDescription: null,
    ownerName: null,
    dueDate: null,
    updatedAt: now,
    evidence: [],
    ...extra,
  });
  const doc = assessmentToResults({
    org: { id: 'o1', slug: 'acme', name: 'Acme' },
    assessment: {
      id: 'a1',
      title: 'Check',
      framework: 'test-pack',
      frameworkVersion: '1',
      status: 'in_progress',
      systemName: null,
      version: 3,
      createdAt: now,
    },
    items: [
      item('4.1', 'met', {
        evidence: [{ id: 'e1', title: 'Minutes', kind: 'link', url: 'https://x.example/a b', collectedOn: '2026-01-02' }],
      }),
      item('A.2.2', 'gap', { gapDescription: 'No policy', id: '00000000-0000-4000-8000-0000000000aa' }),
      item('V1', 'not_applicable', { justification: 'Out of scope', id: '00000000-0000-4000-8000-0000000000bb' }),
      item('A.2', 'not_assessed', { id: '00000000-0000-4000-8000-0000000000cc' }),
    ],
    pack,
    now,
  });
  const [result] = doc['assessment-results'].results;

  it('has a finding per concluded requirement, in OSCAL states', () => {
    expect(
      result?.findings?.map((f) => [f.title, f.target['target-id'], f.target.status.state, f.target['implementation-status']?.state]),
    ).toEqual([
      ['4.1 Title 4.1', 'req-4.1_obj', 'satisfied', 'implemented'],
      ['A.2.2 Title A.2.2', 'A.2.2_obj', 'not-satisfied', undefined],
      ['V1 Title V1', 'V1_obj', 'satisfied', 'not-applicable'],
    ]);
    expect(result?.findings?.[2]?.description).toBe('Out of scope');
    expect(result?.['reviewed-controls']['control-selections'][0]?.['include-controls']).toHaveLength(4);
  });

  it('records notes, gaps and evidence as observations linked from the findings', () => {
    expect(result?.observations?.map((o) => [o.description, o['relevant-evidence']?.map((e) => e.href)])).toEqual([
      ['Evidence recorded for 4.1.', ['https://x.example/a%20b']],
      ['Gap: No policy', undefined],
    ]);
    expect(result?.findings?.[1]?.['related-observations']).toEqual([{ 'observation-uuid': result?.observations?.[1]?.uuid }]);
  });

  it('points the required import-ap at a back-matter resource', () => {
    const ar = doc['assessment-results'];
    expect(ar['import-ap'].href).toBe(`#${ar['back-matter']?.resources[0]?.uuid}`);
  });
});

describe('actionsToPoam', () => {
  const action = (id: string, extra: Partial<ActionForExport> = {}): ActionForExport => ({
    id,
    framework: 'test-pack',
    requirementId: '4.1',
    title: `Fix ${id}`,
    description: null,
    ownerName: 'Ann',
    dueDate: '2027-02-28',
    status: 'in_progress',
    computedPriority: 6,
    priorityOverride: 9,
    updatedAt: now,
    ...extra,
  });
  const input = { org: { id: 'o1', slug: 'acme', name: 'Acme' }, framework: pack, packs: new Map([[pack.id, pack]]), now };

  it('makes an item per action, and a risk with the deadline for actions on a requirement', () => {
    const poam = actionsToPoam({
      ...input,
      actions: [action('x1'), action('x2', { framework: null, requirementId: null, status: 'done' })],
    })['plan-of-action-and-milestones'];
    expect(
      poam['poam-items'].map((i) => [i.title, i.props?.find((p) => p.name === 'priority')?.value, i['related-risks']?.length]),
    ).toEqual([
      ['Fix x1', '9', 1],
      ['Fix x2', '9', undefined],
    ]);
    expect(poam.risks).toEqual([
      expect.objectContaining({
        title: '4.1 Title 4.1 is not fully met',
        status: 'remediating',
        deadline: '2027-02-28T23:59:59Z',
        statement: 'Fix x1',
      }),
    ]);
    expect(poam.metadata.version).toBe(now.toISOString());
  });

  it('holds one placeholder item when there are no actions (OSCAL needs at least one)', () => {
    const poam = actionsToPoam({ ...input, actions: [] })['plan-of-action-and-milestones'];
    expect(poam['poam-items'].map((i) => i.title)).toEqual(['No remediation actions']);
    expect(poam.risks).toBeUndefined();
  });
});
