import { euAiActInput, hongKongInput, type EuAiActAnswers, type HongKongAnswers } from '@contracts/classification/schema.js';
import type { ClassificationState } from '@contracts/system-classifications/schema.js';

/** Stored or suggested answers with every answer present (missing → no), as the wizard edits them. */
export function completeEuAnswers(raw: unknown): EuAiActAnswers {
  const parsed = euAiActInput.safeParse(raw ?? {});
  return parsed.success ? parsed.data : euAiActInput.parse({});
}

export function completeHongKongAnswers(raw: unknown): HongKongAnswers {
  const parsed = hongKongInput.safeParse(raw ?? {});
  return parsed.success ? parsed.data : hongKongInput.parse({});
}

/** The wizard starts from the current classification, else from the answers the register suggests. */
export function initialAnswers(state: ClassificationState): { eu: EuAiActAnswers; hk: HongKongAnswers; suggested: boolean } {
  if (state.current) {
    return {
      eu: completeEuAnswers(state.current.eu.answers),
      hk: completeHongKongAnswers(state.current.hk?.answers ?? state.suggestedAnswers.hk),
      suggested: false,
    };
  }
  return { eu: completeEuAnswers(state.suggestedAnswers.eu), hk: completeHongKongAnswers(state.suggestedAnswers.hk), suggested: true };
}

/** Today as the server counts it (UTC calendar date), for "overdue". */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);
