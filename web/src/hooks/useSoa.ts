import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcceptSuggestionsInput, ApproveSoaInput, SoaView, UpdateSoaEntryInput } from '@contracts/soa/schema.js';
import { acceptSoaSuggestions, approveSoa, getSoa, getSoaVersion, listSoaVersions, updateSoaEntry } from '../api/soa';

export function useSoa(org: string) {
  return useQuery({ queryKey: ['soa', org, 'draft'], queryFn: () => getSoa(org) });
}

export function useSoaVersions(org: string) {
  return useQuery({ queryKey: ['soa', org, 'versions'], queryFn: () => listSoaVersions(org) });
}

export function useSoaVersion(org: string, versionNo: number) {
  return useQuery({
    queryKey: ['soa', org, 'version', versionNo],
    queryFn: () => getSoaVersion(org, versionNo),
    enabled: Number.isInteger(versionNo) && versionNo > 0,
    retry: false,
  });
}

export function useUpdateSoaEntry(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ controlRef, body }: { controlRef: string; body: UpdateSoaEntryInput }) => updateSoaEntry(org, controlRef, body),
    // Put the saved row in place at once (its new version is needed by the next save), then refresh the summary.
    onSuccess: async (saved) => {
      queryClient.setQueryData<SoaView>(['soa', org, 'draft'], (old) =>
        old ? { ...old, entries: old.entries.map((e) => (e.controlRef === saved.controlRef ? saved : e)) } : old,
      );
      await queryClient.invalidateQueries({ queryKey: ['soa', org, 'draft'] });
    },
  });
}

export function useAcceptSoaSuggestions(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptSuggestionsInput) => acceptSoaSuggestions(org, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['soa', org] }),
  });
}

export function useApproveSoa(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApproveSoaInput) => approveSoa(org, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['soa', org] }),
  });
}
