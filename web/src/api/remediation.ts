import type { ActionFromGapInput, ActionView, GapRegister, PlanQuery, PlanView, UpdateActionInput } from '@contracts/remediation/schema.js';
import { api } from './client';

const orgBase = (org: string) => `/orgs/${encodeURIComponent(org)}`;

export const getPlan = (org: string, query: Partial<PlanQuery>): Promise<PlanView> =>
  api<PlanView>(`${orgBase(org)}/remediation-actions`, { query: { ...query } });

export const updateAction = (org: string, id: string, body: UpdateActionInput): Promise<ActionView> =>
  api<ActionView>(`${orgBase(org)}/remediation-actions/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const createActionFromGap = (org: string, assessment: string, requirement: string, body: ActionFromGapInput): Promise<ActionView> =>
  api<ActionView>(`${orgBase(org)}/assessments/${encodeURIComponent(assessment)}/items/${encodeURIComponent(requirement)}/actions`, {
    method: 'POST',
    body,
  });

export const getGaps = (org: string): Promise<GapRegister> => api<GapRegister>(`${orgBase(org)}/gaps`);
