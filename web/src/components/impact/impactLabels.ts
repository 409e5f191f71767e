import { impactFieldLabels } from '@contracts/impact/labels.js';
import { pick } from '../risks/riskUtils';

export type ImpactField = keyof typeof impactFieldLabels;

/** A field label of the impact template in the UI language. */
export const fieldLabel = (key: ImpactField, language: string): string => pick(impactFieldLabels[key], language);
