import type { z } from 'zod';
import type { coverageView } from '@contracts/frameworks/schema.js';
import { api } from './client';

export type CoverageView = z.infer<typeof coverageView>;

/**
 * Which requirements of `framework` the crosswalks link to requirements of `from`, with the statuses of the
 * organisation's own assessments of `from`: met work covers, or partly covers, what it maps to.
 */
export const getCoverage = (org: string, framework: string, from: string): Promise<CoverageView> =>
  api<CoverageView>(`/orgs/${encodeURIComponent(org)}/coverage`, { query: { framework, from } });
