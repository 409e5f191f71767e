import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcceptSuggestionsInput, CreateRiskInput, RiskSettingsInput, RiskView, UpdateRiskInput } from '@contracts/risks/schema.js';
import {
  acceptRisk,
  acceptRiskSuggestions,
  archiveRisk,
  createRisk,
  getRisk,
  getRiskHeatmap,
  getRiskSettings,
  getRiskSuggestions,
  getRiskSummary,
  linkRiskControls,
  listRisks,
  putRiskSettings,
  restoreRisk,
  unlinkRiskControl,
  updateRisk,
  type RiskListParams,
  type RiskScope,
} from '../api/risks';

export function useRiskSettings(org: string) {
  return useQuery({ queryKey: ['risks', org, 'settings'], queryFn: () => getRiskSettings(org), staleTime: 60_000 });
}

export function useRiskList(org: string, params: RiskListParams) {
  return useQuery({
    queryKey: ['risks', org, 'list', params],
    queryFn: ({ signal }) => listRisks(org, params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRisk(org: string, id: string | null) {
  return useQuery({ queryKey: ['risks', org, 'detail', id], queryFn: () => getRisk(org, id ?? ''), enabled: !!id, retry: false });
}

export function useRiskHeatmap(org: string, scope: RiskScope) {
  return useQuery({
    queryKey: ['risks', org, 'heatmap', scope],
    queryFn: () => getRiskHeatmap(org, scope),
    placeholderData: keepPreviousData,
  });
}

export function useRiskSummary(org: string, scope: RiskScope) {
  return useQuery({
    queryKey: ['risks', org, 'summary', scope],
    queryFn: () => getRiskSummary(org, scope),
    placeholderData: keepPreviousData,
  });
}

export function useRiskSuggestions(org: string, systemId: string) {
  return useQuery({
    queryKey: ['risks', org, 'suggestions', systemId],
    queryFn: () => getRiskSuggestions(org, systemId),
    enabled: systemId !== '',
  });
}

/** A change to one risk moves the list, the heatmap and the summary: refresh everything of the register. */
function useRiskMutation<V>(org: string, fn: (vars: V) => Promise<RiskView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (saved) => {
      queryClient.setQueryData(['risks', org, 'detail', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['risks', org] });
    },
  });
}

export function useSaveRisk(org: string) {
  return useRiskMutation(org, ({ id, body }: { id: string | null; body: CreateRiskInput | UpdateRiskInput }) =>
    id ? updateRisk(org, id, body as UpdateRiskInput) : createRisk(org, body as CreateRiskInput),
  );
}

export function useArchiveRisk(org: string) {
  return useRiskMutation(org, ({ id, archived }: { id: string; archived: boolean }) =>
    archived ? archiveRisk(org, id) : restoreRisk(org, id),
  );
}

export function useAcceptRisk(org: string) {
  return useRiskMutation(org, ({ id, note }: { id: string; note: string | null }) => acceptRisk(org, id, { note }));
}

export function useLinkRiskControls(org: string) {
  return useRiskMutation(org, ({ id, add, remove }: { id: string; add?: string[]; remove?: string }) =>
    remove ? unlinkRiskControl(org, id, remove) : linkRiskControls(org, id, add ?? []),
  );
}

export function useSaveRiskSettings(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RiskSettingsInput) => putRiskSettings(org, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['risks', org] }),
  });
}

export function useAcceptRiskSuggestions(org: string, systemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptSuggestionsInput) => acceptRiskSuggestions(org, systemId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['risks', org] }),
  });
}
