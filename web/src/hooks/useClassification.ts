import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import type { EuAiActInput, HongKongInput } from '@contracts/classification/schema.js';
import type { ClassifySystemInput } from '@contracts/system-classifications/schema.js';
import {
  getClassificationOverview,
  getClassificationState,
  previewEuAiAct,
  previewHongKong,
  saveClassification,
} from '../api/classification';

/** Answers settle for this long before the preview asks the server again. */
const PREVIEW_DEBOUNCE_MS = 300;

export function useClassificationState(org: string, id: string) {
  return useQuery({ queryKey: ['classification', org, 'system', id], queryFn: () => getClassificationState(org, id), retry: false });
}

export function useClassificationOverview(org: string) {
  return useQuery({ queryKey: ['classification', org, 'overview'], queryFn: () => getClassificationOverview(org) });
}

/** A classification moves the system's next review date, so the register is refreshed too. */
export function useSaveClassification(org: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClassifySystemInput) => saveClassification(org, id, body),
    onSuccess: async (state) => {
      queryClient.setQueryData(['classification', org, 'system', id], state);
      await queryClient.invalidateQueries({ queryKey: ['classification', org, 'overview'] });
      await queryClient.invalidateQueries({ queryKey: ['systems', org] });
    },
  });
}

/** The live result of unsaved answers (debounced; the last result stays while the next one loads). */
/** `pending` while the shown result is not yet the one of the latest answers. */
export function useEuPreview(answers: EuAiActInput) {
  const [settled] = useDebouncedValue(answers, PREVIEW_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: ['classification-preview', 'eu', settled],
    queryFn: ({ signal }) => previewEuAiAct(settled, signal),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  return { query, pending: settled !== answers || query.isFetching };
}

export function useHongKongPreview(answers: HongKongInput) {
  const [settled] = useDebouncedValue(answers, PREVIEW_DEBOUNCE_MS);
  return useQuery({
    queryKey: ['classification-preview', 'hk', settled],
    queryFn: ({ signal }) => previewHongKong(settled, signal),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
