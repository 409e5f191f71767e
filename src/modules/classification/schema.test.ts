import { describe, expect, it } from 'vitest';
import { BATCH_MAX, euAiActBatchInput, euAiActInput } from './schema.js';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('euAiActInput validation', () => {
  it('names every bad field: unknown Annex III code, wrong types, unknown role, unknown keys', () => {
    const r = euAiActInput.safeParse({
      role: 'operator',
      annexIII: ['4a', '4c'],
      euNexus: { outputUsedInEu: 'yes' },
      transparency: { deepfake: true },
      profilesNaturalPersons: 1,
      annexIIII: [],
    });
    expect(issues(r)).toEqual([
      ['role', 'Choose one of: provider, deployer, importer, distributor'],
      ['euNexus.outputUsedInEu', 'Invalid input: expected boolean, received string'],
      ['annexIII.1', expect.stringMatching(/^Unknown Annex III point; use one of: 1a, 1b/) as string],
      ['profilesNaturalPersons', 'Invalid input: expected boolean, received number'],
      ['transparency', 'Unrecognized key: "deepfake"'],
      ['', 'Unrecognized key: "annexIIII"'],
    ]);
  });

  it('accepts an empty object and fills the defaults', () => {
    const r = euAiActInput.parse({});
    expect(r.annexIII).toEqual([]);
    expect(r.gpai).toEqual({ isGpaiModel: false, systemicRisk: false, openSource: false });
    expect(r.role).toBeUndefined();
  });

  it('refuses a list where an object belongs and null where a boolean belongs', () => {
    expect(issues(euAiActInput.safeParse({ gpai: [], derogation: { preparatoryTask: null } })).map(([p]) => p)).toEqual([
      'derogation.preparatoryTask',
      'gpai',
    ]);
  });
});

describe('euAiActBatchInput validation', () => {
  it('names the item index of each bad field', () => {
    const r = euAiActBatchInput.safeParse({ items: [{}, { annexIII: ['9z'] }, { role: 7 }] });
    expect(issues(r).map(([p]) => p)).toEqual(['items.1.annexIII.0', 'items.2.role']);
  });

  it(`takes 1 to ${BATCH_MAX} items`, () => {
    expect(euAiActBatchInput.safeParse({ items: [] }).success).toBe(false);
    expect(euAiActBatchInput.safeParse({ items: Array.from({ length: BATCH_MAX }, () => ({})) }).success).toBe(true);
    expect(issues(euAiActBatchInput.safeParse({ items: Array.from({ length: BATCH_MAX + 1 }, () => ({})) }))).toEqual([
      ['items', `At most ${BATCH_MAX} items per batch`],
    ]);
  });
});
