import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/connect.js';
import { recordWrite } from '../modules/audit-log/generations.js';
import { keepPlannerStatisticsFresh } from './planner-statistics.js';

describe('keepPlannerStatisticsFresh', () => {
  afterEach(() => vi.useRealTimers());

  it('runs ANALYZE only after enough changes, once per interval', async () => {
    vi.useFakeTimers();
    const execute = vi.fn().mockResolvedValue(undefined);
    const stop = keepPlannerStatisticsFresh({ execute } as unknown as Db, { warn: vi.fn() } as unknown as FastifyBaseLogger, 1000, 3);
    recordWrite('org-stats', [{ entityType: 'control', entityId: 'a' }]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(execute).not.toHaveBeenCalled();
    recordWrite('org-stats', [
      { entityType: 'control', entityId: 'b' },
      { entityType: 'control', entityId: 'c' },
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(execute).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(execute).toHaveBeenCalledTimes(1);
    stop();
  });
});
