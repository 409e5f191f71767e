import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImpactView, SignoffInput, UpdateImpactInput } from '@contracts/impact/schema.js';
import {
  createImpact,
  getImpact,
  impactVersions,
  listImpacts,
  requiredImpacts,
  signoffImpact,
  submitImpact,
  updateImpact,
  type ImpactListParams,
} from '../api/impact';

export function useRequiredImpacts(org: string) {
  return useQuery({ queryKey: ['impact', org, 'required'], queryFn: () => requiredImpacts(org) });
}

export function useImpactList(org: string, params: ImpactListParams) {
  return useQuery({ queryKey: ['impact', org, 'list', params], queryFn: () => listImpacts(org, params) });
}

export function useImpact(org: string, id: string) {
  return useQuery({ queryKey: ['impact', org, 'detail', id], queryFn: () => getImpact(org, id), retry: false });
}

export function useImpactVersions(org: string, systemId: string | undefined) {
  return useQuery({
    queryKey: ['impact', org, 'versions', systemId],
    queryFn: () => impactVersions(org, systemId ?? ''),
    enabled: !!systemId,
  });
}

/** Put the saved assessment in place at once (the next save needs its version), then refresh the lists. */
function useImpactMutation<V>(org: string, fn: (vars: V) => Promise<ImpactView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (saved) => {
      queryClient.setQueryData(['impact', org, 'detail', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['impact', org], predicate: (q) => q.queryKey[2] !== 'detail' });
    },
  });
}

export function useCreateImpact(org: string) {
  return useImpactMutation(org, (systemId: string) => createImpact(org, systemId));
}

export function useUpdateImpact(org: string, id: string) {
  return useImpactMutation(org, (body: UpdateImpactInput) => updateImpact(org, id, body));
}

export function useSubmitImpact(org: string, id: string) {
  return useImpactMutation(org, () => submitImpact(org, id));
}

export function useSignoffImpact(org: string, id: string) {
  return useImpactMutation(org, (body: SignoffInput) => signoffImpact(org, id, body));
}
