import { describe, expect, it } from 'vitest';
import { controlsInScope, deriveStatus } from './derive.js';

describe('deriveStatus', () => {
  it.each([
    [[], 'not_assessed'],
    [['implemented', 'implemented'], 'met'],
    [['implemented', 'planned'], 'partially_met'],
    [['in_progress'], 'partially_met'],
    [['planned', 'not_implemented'], 'gap'],
  ] as const)('%j → %s', (controls, expected) => {
    expect(deriveStatus(controls)).toBe(expected);
  });

  it('counts, for a system assessment, only controls applied organisation-wide or to that system', () => {
    const controls = [
      { status: 'implemented', systemIds: [] },
      { status: 'planned', systemIds: ['s1'] },
      { status: 'not_implemented', systemIds: ['s2'] },
    ] as const;
    expect(controlsInScope(controls, 's1')).toEqual(['implemented', 'planned']);
    expect(controlsInScope(controls, null)).toHaveLength(3);
  });
});
