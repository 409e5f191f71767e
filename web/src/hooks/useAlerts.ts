import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateAlertRuleInput, UpdateAlertRuleInput } from '@contracts/alerts/schema.js';
import {
  createAlertRule,
  getAlertRule,
  listAlertRules,
  listAlerts,
  moveAlert,
  setAlertRuleArchived,
  updateAlertRule,
  type AlertListParams,
} from '../api/alerts';
import { ApiError } from '../api/client';

export function useAlertRules(org: string, archived: 'exclude' | 'include') {
  return useQuery({ queryKey: ['alerts', org, 'rules', archived], queryFn: () => listAlertRules(org, archived) });
}

export function useAlertRule(org: string, id: string | null) {
  return useQuery({ queryKey: ['alerts', org, 'rule', id], queryFn: () => getAlertRule(org, id ?? ''), enabled: !!id, retry: false });
}

export function useAlertList(org: string, params: AlertListParams) {
  return useQuery({ queryKey: ['alerts', org, 'list', params], queryFn: () => listAlerts(org, params), placeholderData: keepPreviousData });
}

export function useSaveAlertRule(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateAlertRuleInput | UpdateAlertRuleInput }) =>
      id ? updateAlertRule(org, id, body as UpdateAlertRuleInput) : createAlertRule(org, body as CreateAlertRuleInput),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['alerts', org, 'rule', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['alerts', org] });
    },
    // refused because the rule changed elsewhere: fetch the newer version, so the form can offer to reload it
    onError: async (err, { id }) => {
      if (id && err instanceof ApiError && err.status === 409)
        await queryClient.invalidateQueries({ queryKey: ['alerts', org, 'rule', id] });
    },
  });
}

export function useArchiveAlertRule(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) => setAlertRuleArchived(org, id, archived),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['alerts', org] }),
  });
}

export function useMoveAlert(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, to }: { id: string; to: 'acknowledge' | 'resolve' }) => moveAlert(org, id, to),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['alerts', org] }),
  });
}
