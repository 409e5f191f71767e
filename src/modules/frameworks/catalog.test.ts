import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadFrameworkPacks, parsePack } from './catalog.js';
import type { FrameworkPack } from './schema.js';

const packs = loadFrameworkPacks();
const pack = (id: string): FrameworkPack => {
  const p = packs.find((x) => x.id === id);
  if (!p) throw new Error(`pack ${id} is missing from catalogs/frameworks`);
  return p;
};
const count = (p: FrameworkPack, kind: string) => p.requirements.filter((r) => r.kind === kind).length;

describe('the bundled framework packs', () => {
  it('load and validate (unique ids, existing parents, no cycles, both languages)', () => {
    expect(packs.length).toBeGreaterThanOrEqual(1);
    for (const p of packs) {
      for (const r of p.requirements) {
        expect(r.title.en.length * r.title['zh-HK'].length, `${p.id} ${r.id}`).toBeGreaterThan(0);
        if (r.paraphrase) expect(r.paraphrase['zh-HK'].length, `${p.id} ${r.id}`).toBeGreaterThan(0);
      }
    }
  });

  it('hold ISO/IEC 42001: clauses 4–10 with 6.1.1–6.1.4, and 38 Annex A controls in nine objectives', () => {
    const iso = pack('iso-iec-42001-2023');
    const ids = new Set(iso.requirements.map((r) => r.id));
    for (const id of ['4.1', '4.3', '5.2', '6.1.1', '6.1.2', '6.1.3', '6.1.4', '7.5.3', '8.4', '9.2.2', '9.3.3', '10.2'])
      expect(ids.has(id), id).toBe(true);
    const objectives = iso.requirements.filter((r) => r.kind === 'objective');
    expect(objectives.map((o) => o.id)).toEqual(['A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10']);
    const controls = iso.requirements.filter((r) => r.kind === 'control');
    expect(controls).toHaveLength(38);
    for (const c of controls) {
      expect(
        objectives.some((o) => o.id === c.parent),
        c.id,
      ).toBe(true);
      expect(c.guidance, c.id).toBe(`B${c.id.slice(1)}`);
      expect(c.assessable).toBe(true);
    }
  });

  it('hold NIST AI RMF 1.0: four functions, 19 categories, 72 subcategories', () => {
    const nist = pack('nist-ai-rmf-1.0');
    expect(count(nist, 'function')).toBe(4);
    expect(count(nist, 'category')).toBe(19);
    expect(count(nist, 'subcategory')).toBe(72);
  });

  it('hold the six PDPO data protection principles', () => {
    const pdpo = pack('hk-pdpo-dpp');
    expect(pdpo.requirements.filter((r) => r.kind === 'principle').map((r) => r.id)).toEqual([
      'DPP1',
      'DPP2',
      'DPP3',
      'DPP4',
      'DPP5',
      'DPP6',
    ]);
  });
});

describe('the bundled regulatory packs', () => {
  it('hold the EU AI Act obligations by tier, with the Art. 5 practices and Art. 50 paragraphs', () => {
    const ids = new Set(pack('eu-ai-act-2024-1689').requirements.map((r) => r.id));
    const articles = [5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 23, 24, 26, 27, 49, 50, 53, 55, 72, 73].map((n) => `Art. ${n}`);
    const paragraphs = [...'abcdefgh'].map((l) => `Art. 5(1)(${l})`).concat([1, 2, 3, 4].map((n) => `Art. 50(${n})`));
    for (const id of [...articles, ...paragraphs]) expect(ids.has(id), id).toBe(true);
  });

  it('hold the four parts of the PCPD Model Personal Data Protection Framework with their measures', () => {
    const pcpd = pack('hk-pcpd-ai-model-framework-2024');
    const parts = pcpd.requirements.filter((r) => r.parent === null);
    expect(parts).toHaveLength(4);
    for (const part of parts)
      expect(
        pcpd.requirements.some((r) => r.parent === part.id && r.assessable),
        part.id,
      ).toBe(true);
    for (const id of ['hk-pcpd-ai-ethics-2021', 'hk-hkma-ai', 'hk-sfc-genai-2024', 'hk-dpo-genai-guideline-2025'])
      expect(pack(id).requirements.length, id).toBeGreaterThan(0);
  });

  it('hold the eleven AI Verify principles and the nine generative-AI dimensions of Singapore', () => {
    expect(count(pack('sg-ai-verify-principles'), 'principle')).toBe(11);
    expect(pack('sg-genai-governance-2024').requirements.filter((r) => r.assessable)).toHaveLength(9);
  });
});

describe('a framework pack that is not valid', () => {
  const base: FrameworkPack = {
    id: 'test-pack',
    version: '1',
    kind: 'framework',
    title: { en: 'Test', 'zh-HK': '測試' },
    publisher: 'Us',
    source: { title: 'Ours', url: 'https://example.org' },
    requirements: [
      {
        id: 'A',
        parent: null,
        kind: 'group',
        title: { en: 'A', 'zh-HK': '甲' },
        paraphrase: null,
        assessable: false,
        components: [],
        weight: 1,
        reference: 'A',
        guidance: null,
      },
      {
        id: 'A.1',
        parent: 'A',
        kind: 'control',
        title: { en: 'A1', 'zh-HK': '甲一' },
        paraphrase: null,
        assessable: true,
        components: ['policy'],
        weight: 2,
        reference: 'A.1',
        guidance: null,
      },
    ],
  };
  const withRequirements = (requirements: FrameworkPack['requirements']) => ({ ...base, requirements });

  it('is accepted when it is well formed', () => {
    expect(parsePack('test.json', base).requirements).toHaveLength(2);
  });

  it('is refused for a duplicate id, a missing parent, a cycle, a missing translation or a stray key', () => {
    const [a, a1] = base.requirements as [FrameworkPack['requirements'][0], FrameworkPack['requirements'][0]];
    expect(() => parsePack('x.json', withRequirements([a, a1, a1]))).toThrow(/A\.1 appears twice/);
    expect(() => parsePack('x.json', withRequirements([a, { ...a1, parent: 'Z' }]))).toThrow(/parent Z that does not exist/);
    expect(() => parsePack('x.json', withRequirements([{ ...a, parent: 'A.1' }, a1]))).toThrow(/its own ancestor/);
    expect(() => parsePack('x.json', withRequirements([a, { ...a1, title: { en: 'A1' } as never }]))).toThrow(CatalogError);
    expect(() => parsePack('x.json', withRequirements([a, { ...a1, components: [] }]))).toThrow(/at least one AIMS component/);
    expect(() => parsePack('x.json', { ...base, extra: true })).toThrow(CatalogError);
  });

  it('stops loading the folder with the file and the reason', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-packs-'));
    try {
      fs.writeFileSync(path.join(dir, 'broken.json'), '{ not json');
      expect(() => loadFrameworkPacks(dir)).toThrow(/broken\.json is not valid:\n {2}not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
