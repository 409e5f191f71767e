import type { EuAiActInput, EuAiActResult, HongKongInput, HongKongResult } from '@contracts/classification/schema.js';
import type { ClassificationOverview, ClassificationState, ClassifySystemInput } from '@contracts/system-classifications/schema.js';
import { api } from './client';

const systemPath = (org: string, id: string) => `/orgs/${encodeURIComponent(org)}/systems/${encodeURIComponent(id)}/classification`;

export const getClassificationState = (org: string, id: string): Promise<ClassificationState> =>
  api<ClassificationState>(systemPath(org, id));

export const saveClassification = (org: string, id: string, body: ClassifySystemInput): Promise<ClassificationState> =>
  api<ClassificationState>(systemPath(org, id), { method: 'PUT', body });

export const getClassificationOverview = (org: string): Promise<ClassificationOverview> =>
  api<ClassificationOverview>(`/orgs/${encodeURIComponent(org)}/classifications`);

/** The classifiers are pure: previews of unsaved answers, nothing stored. */
export const previewEuAiAct = (body: EuAiActInput, signal?: AbortSignal): Promise<EuAiActResult> =>
  api<EuAiActResult>('/classify/eu-ai-act', { method: 'POST', body, ...(signal ? { signal } : {}) });

export const previewHongKong = (body: HongKongInput, signal?: AbortSignal): Promise<HongKongResult> =>
  api<HongKongResult>('/classify/hong-kong', { method: 'POST', body, ...(signal ? { signal } : {}) });
