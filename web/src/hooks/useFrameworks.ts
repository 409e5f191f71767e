import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  deleteFramework,
  getCrosswalk,
  getFramework,
  importFramework,
  listCrosswalks,
  listFrameworks,
  type ImportFrameworkFields,
  type RequirementQuery,
} from '../api/frameworks';
import { useOrg } from './useOrg';

/** The catalogue changes only with a release of the server: keep it for a while. */
const staleTime = 10 * 60_000;

/** The organisation's frameworks: the built-in catalogue and its own (which change only by import or delete). */
export function useFrameworkList() {
  const org = useOrg().slug;
  return useQuery({ queryKey: ['frameworks', org, 'list'], queryFn: () => listFrameworks(org), staleTime });
}

export function useFramework(id: string, query: RequirementQuery = {}) {
  const org = useOrg().slug;
  return useQuery({
    queryKey: ['frameworks', org, 'detail', id, query],
    queryFn: ({ signal }) => getFramework(org, id, query, signal),
    enabled: id !== '',
    staleTime,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

export function useImportFramework() {
  const org = useOrg().slug;
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, fields, onProgress }: { file: File; fields: ImportFrameworkFields; onProgress: (f: number) => void }) =>
      importFramework(org, file, fields, onProgress),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['frameworks', org] }),
  });
}

export function useDeleteFramework() {
  const org = useOrg().slug;
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteFramework(org, id),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['frameworks', org] }),
  });
}

export function useCrosswalkList() {
  return useQuery({ queryKey: ['crosswalks', 'list'], queryFn: listCrosswalks, staleTime });
}

export function useCrosswalk(id: string) {
  return useQuery({ queryKey: ['crosswalks', 'detail', id], queryFn: () => getCrosswalk(id), staleTime, retry: false });
}

/** Every crosswalk that has this framework at one of its ends, loaded in full. */
export function useCrosswalksOf(frameworkId: string) {
  const list = useCrosswalkList();
  const ids = (list.data?.items ?? []).filter((c) => c.from === frameworkId || c.to === frameworkId).map((c) => c.id);
  return useQueries({
    queries: ids.map((id) => ({ queryKey: ['crosswalks', 'detail', id], queryFn: () => getCrosswalk(id), staleTime, retry: false })),
    combine: (results) => ({
      crosswalks: results.flatMap((r) => (r.data ? [r.data] : [])),
      isPending: list.isPending || results.some((r) => r.isPending),
      error: list.error ?? results.find((r) => r.error)?.error ?? null,
    }),
  });
}
