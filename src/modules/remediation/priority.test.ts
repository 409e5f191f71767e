import { describe, expect, it } from 'vitest';
import { computePriority, priorityLevel, systemRisk } from './priority.js';

const system = (over: Partial<Parameters<typeof systemRisk>[0]>) => ({
  id: 's',
  name: 'S',
  dataCategories: [],
  affectedPersons: [],
  decisionRole: 'informs',
  ...over,
});

describe('remediation priority', () => {
  it('rates systems from their register facts, giving the reasons', () => {
    expect(systemRisk(system({ decisionRole: 'decides_automatically' }))).toEqual({ risk: 3, reasons: ['decides automatically'] });
    expect(systemRisk(system({ dataCategories: ['biometric', 'personal'] })).risk).toBe(3);
    expect(systemRisk(system({ affectedPersons: ['customers'] }))).toEqual({ risk: 2, reasons: ['affects customers'] });
    expect(systemRisk(system({ dataCategories: ['none'], affectedPersons: ['employees'] })).risk).toBe(1);
    expect(systemRisk(system({ indicativeTier: 'high' }))).toEqual({ risk: 3, reasons: ['EU AI Act tier: high'] });
    expect(systemRisk(system({ indicativeTier: 'limited' })).risk).toBe(2);
  });

  it('multiplies the weight by the riskiest system touched', () => {
    const { priority, basis } = computePriority(3, 'linked_systems', [
      system({ id: 'a' }),
      system({ id: 'b', dataCategories: ['personal'] }),
    ]);
    expect(priority).toBe(6);
    expect(basis).toMatchObject({ weight: 3, systemRisk: 2, scope: 'linked_systems' });
    expect(computePriority(2, 'all_systems', [])).toMatchObject({ priority: 2, basis: { scope: 'no_systems', systemRisk: 1 } });
    expect([1, 3, 6, 9].map(priorityLevel)).toEqual(['low', 'medium', 'high', 'high']);
  });
});
