import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSystemInput, UpdateSystemInput } from '@contracts/systems/schema.js';
import { archiveSystem, createSystem, getSystem, listSystems, restoreSystem, updateSystem, type SystemListParams } from '../api/systems';

export function useSystemList(org: string, params: SystemListParams) {
  return useQuery({
    queryKey: ['systems', org, 'list', params],
    queryFn: ({ signal }) => listSystems(org, params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSystem(org: string, id: string) {
  return useQuery({ queryKey: ['systems', org, 'detail', id], queryFn: () => getSystem(org, id), retry: false });
}

function useInvalidateSystems(org: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['systems', org] });
}

export function useCreateSystem(org: string) {
  const invalidate = useInvalidateSystems(org);
  return useMutation({ mutationFn: (body: CreateSystemInput) => createSystem(org, body), onSuccess: invalidate });
}

export function useUpdateSystem(org: string, id: string) {
  const invalidate = useInvalidateSystems(org);
  return useMutation({ mutationFn: (body: UpdateSystemInput) => updateSystem(org, id, body), onSuccess: invalidate });
}

export function useArchiveSystem(org: string, id: string) {
  const invalidate = useInvalidateSystems(org);
  return useMutation({
    mutationFn: (archived: boolean) => (archived ? archiveSystem(org, id) : restoreSystem(org, id)),
    onSuccess: invalidate,
  });
}
