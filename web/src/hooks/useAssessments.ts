import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BulkUpdateItemsInput, CreateAssessmentInput, ItemListQuery, UpdateItemInput } from '@contracts/assessments/schema.js';
import { bulkUpdateItems, createAssessment, getAssessment, getOrgProgress, listAssessments, updateItem } from '../api/assessments';

export function useAssessmentList(org: string) {
  return useQuery({ queryKey: ['assessments', org, 'list'], queryFn: () => listAssessments(org) });
}

export function useOrgProgress(org: string) {
  return useQuery({ queryKey: ['assessments', org, 'progress'], queryFn: () => getOrgProgress(org) });
}

export function useAssessment(org: string, id: string, query: Partial<ItemListQuery>) {
  return useQuery({
    queryKey: ['assessments', org, 'detail', id, query],
    queryFn: ({ signal }) => getAssessment(org, id, query, signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Item changes move progress, the gap register and the plan's priorities. */
function useInvalidate(org: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['assessments', org] });
    await queryClient.invalidateQueries({ queryKey: ['remediation', org] });
  };
}

export function useCreateAssessment(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: CreateAssessmentInput) => createAssessment(org, body), onSuccess: invalidate });
}

export function useUpdateItem(org: string, id: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ requirement, body }: { requirement: string; body: UpdateItemInput }) => updateItem(org, id, requirement, body),
    onSuccess: invalidate,
  });
}

export function useBulkUpdateItems(org: string, id: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: BulkUpdateItemsInput) => bulkUpdateItems(org, id, body), onSuccess: invalidate });
}
