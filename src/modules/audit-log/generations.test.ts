import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { changesSince, generationOf, recordWrite } from './generations.js';

describe('write generations', () => {
  it('moves once per write and remembers what changed', () => {
    const org = randomUUID();
    expect(generationOf(org)).toBe(0);
    expect(changesSince(org, 0)).toEqual([]);
    recordWrite(org, [{ entityType: 'ai_system', entityId: 'a' }]);
    recordWrite(org, [
      { entityType: 'ai_system', entityId: 'b' },
      { entityType: 'import', entityId: null },
    ]);
    expect(generationOf(org)).toBe(2);
    expect(changesSince(org, 1)).toEqual([
      { entityType: 'ai_system', entityId: 'b' },
      { entityType: 'import', entityId: null },
    ]);
    expect(changesSince(org, 2)).toEqual([]);
  });

  it('says it does not know once the log has been trimmed past the reader', () => {
    const org = randomUUID();
    recordWrite(org, [{ entityType: 'ai_system', entityId: 'first' }]);
    recordWrite(
      org,
      Array.from({ length: 6000 }, (_, i) => ({ entityType: 'ai_system', entityId: String(i) })),
    );
    // The second write's 6,000 changes do not fit: it is forgotten whole rather than remembered in part.
    expect(changesSince(org, 0)).toBeNull();
    expect(changesSince(org, 1)).toBeNull();
    expect(changesSince(org, 2)).toEqual([]);
    recordWrite(org, [{ entityType: 'vendor', entityId: 'v' }]);
    expect(changesSince(org, 2)).toEqual([{ entityType: 'vendor', entityId: 'v' }]);
  });
});
