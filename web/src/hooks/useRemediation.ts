import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionFromGapInput, PlanQuery, UpdateActionInput } from '@contracts/remediation/schema.js';
import { createActionFromGap, getGaps, getPlan, updateAction } from '../api/remediation';

export function usePlan(org: string, query: Partial<PlanQuery>) {
  return useQuery({ queryKey: ['remediation', org, 'plan', query], queryFn: () => getPlan(org, query), placeholderData: keepPreviousData });
}

export function useGaps(org: string, enabled = true) {
  return useQuery({ queryKey: ['remediation', org, 'gaps'], queryFn: () => getGaps(org), enabled });
}

function useInvalidate(org: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['remediation', org] });
    await queryClient.invalidateQueries({ queryKey: ['assessments', org] });
  };
}

export function useUpdateAction(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateActionInput }) => updateAction(org, id, body),
    onSuccess: invalidate,
  });
}

export function useCreateActionFromGap(org: string, assessment: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ requirement, body }: { requirement: string; body: ActionFromGapInput }) =>
      createActionFromGap(org, assessment, requirement, body),
    onSuccess: invalidate,
  });
}
