import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateTokenInput } from '@contracts/tokens/schema.js';
import { createToken, listTokens, revokeToken } from '../api/tokens';

export function useTokens(org: string, enabled = true) {
  return useQuery({ queryKey: ['tokens', org], queryFn: () => listTokens(org), enabled });
}

export function useCreateToken(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenInput) => createToken(org, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens', org] }),
  });
}

export function useRevokeToken(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeToken(org, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens', org] }),
  });
}
