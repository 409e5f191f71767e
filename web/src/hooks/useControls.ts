import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdoptSuggestionsInput, CreateControlInput, UpdateControlInput } from '@contracts/controls/schema.js';
import {
  adoptControls,
  archiveControl,
  createControl,
  listControls,
  listStarterControls,
  restoreControl,
  updateControl,
  type ControlListParams,
} from '../api/controls';

export function useControlList(org: string, params: ControlListParams) {
  return useQuery({
    queryKey: ['controls', org, 'list', params],
    queryFn: ({ signal }) => listControls(org, params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStarterControls(enabled: boolean) {
  return useQuery({ queryKey: ['starter-controls'], queryFn: listStarterControls, staleTime: 10 * 60_000, enabled });
}

/** Controls feed the derived statuses of assessments: refresh those too. */
function useInvalidate(org: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['controls', org] });
    await queryClient.invalidateQueries({ queryKey: ['assessments', org] });
  };
}

export function useSaveControl(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateControlInput | UpdateControlInput }) =>
      id ? updateControl(org, id, body as UpdateControlInput) : createControl(org, body as CreateControlInput),
    onSuccess: invalidate,
  });
}

export function useArchiveControl(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) => (archived ? archiveControl(org, id) : restoreControl(org, id)),
    onSuccess: invalidate,
  });
}

export function useAdoptControls(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: AdoptSuggestionsInput) => adoptControls(org, body), onSuccess: invalidate });
}
