import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { getCrosswalk, getFramework, listCrosswalks, listFrameworks, type RequirementQuery } from '../api/frameworks';

/** The catalogue changes only with a release of the server: keep it for a while. */
const staleTime = 10 * 60_000;

export function useFrameworkList() {
  return useQuery({ queryKey: ['frameworks', 'list'], queryFn: listFrameworks, staleTime });
}

export function useFramework(id: string, query: RequirementQuery = {}) {
  return useQuery({
    queryKey: ['frameworks', 'detail', id, query],
    queryFn: ({ signal }) => getFramework(id, query, signal),
    enabled: id !== '',
    staleTime,
    retry: false,
    placeholderData: keepPreviousData,
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
