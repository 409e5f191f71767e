import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResidencyPolicyInput } from '@contracts/residency/schema.js';
import type { CreateAssessmentInput, SendAssessmentInput, UpdateAssessmentInput } from '@contracts/vendor-assessments/schema.js';
import type { CreateAttestationInput } from '@contracts/vendor-attestations/schema.js';
import type { CreateContractInput, SetClauseInput } from '@contracts/vendor-contracts/schema.js';
import type { CreateFeatureInput, UpdateFeatureInput } from '@contracts/vendor-features/schema.js';
import * as api from '../api/vendorGovernance';

const key = (org: string, vendorId: string, what: string) => ['vendor-governance', org, vendorId, what] as const;

function useInvalidate(org: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['vendor-governance', org] });
    await queryClient.invalidateQueries({ queryKey: ['remediation', org] });
  };
}

export const useQuestionnaires = (org: string) =>
  useQuery({ queryKey: ['vendor-governance', org, 'questionnaires'], queryFn: () => api.listQuestionnaires(org), staleTime: 300_000 });
export const useVendorAssessments = (org: string, vendorId: string) =>
  useQuery({ queryKey: key(org, vendorId, 'assessments'), queryFn: () => api.listAssessments(org, vendorId) });
export const useVendorContracts = (org: string, vendorId: string) =>
  useQuery({ queryKey: key(org, vendorId, 'contracts'), queryFn: () => api.listContracts(org, vendorId) });
export const useVendorAttestations = (org: string, vendorId: string) =>
  useQuery({ queryKey: key(org, vendorId, 'attestations'), queryFn: () => api.listAttestations(org, vendorId) });
export const useVendorFeatures = (org: string, vendorId: string) =>
  useQuery({ queryKey: key(org, vendorId, 'features'), queryFn: () => api.listFeatures(org, vendorId) });
export const useResidencyViolations = (org: string) =>
  useQuery({ queryKey: ['vendor-governance', org, 'residency'], queryFn: () => api.listResidencyViolations(org) });

export const useDueVendors = (org: string, withinDays: number) =>
  useQuery({ queryKey: ['vendor-governance', org, 'due', withinDays], queryFn: () => api.listDueVendors(org, withinDays) });
export const useExpiringAttestations = (org: string) =>
  useQuery({ queryKey: ['vendor-governance', org, 'expiring'], queryFn: () => api.listExpiringAttestations(org) });
export const useResidencyPolicy = (org: string) =>
  useQuery({ queryKey: ['vendor-governance', org, 'residency-policy'], queryFn: () => api.getResidencyPolicy(org) });
export function useSetResidencyPolicy(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: ResidencyPolicyInput) => api.setResidencyPolicy(org, body), onSuccess: invalidate });
}

export function useCreateAssessment(org: string, vendorId: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: CreateAssessmentInput) => api.createAssessment(org, vendorId, body), onSuccess: invalidate });
}
export function useUpdateAssessment(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateAssessmentInput }) => api.updateAssessment(org, id, body),
    onSuccess: invalidate,
  });
}
export function useSendAssessment(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SendAssessmentInput }) => api.sendAssessment(org, id, body),
    onSuccess: invalidate,
  });
}
export function useReviewAssessment(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (id: string) => api.reviewAssessment(org, id), onSuccess: invalidate });
}
export function useCreateContract(org: string, vendorId: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: CreateContractInput) => api.createContract(org, vendorId, body), onSuccess: invalidate });
}
export function useSetClause(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ contractId, key: clause, body }: { contractId: string; key: string; body: SetClauseInput }) =>
      api.setContractClause(org, contractId, clause, body),
    onSuccess: invalidate,
  });
}
export function useCreateAttestation(org: string, vendorId: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: CreateAttestationInput) => api.createAttestation(org, vendorId, body), onSuccess: invalidate });
}
export function useArchiveAttestation(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (id: string) => api.archiveAttestation(org, id), onSuccess: invalidate });
}
export function useCreateFeature(org: string, vendorId: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: CreateFeatureInput) => api.createFeature(org, vendorId, body), onSuccess: invalidate });
}
export function useUpdateFeature(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateFeatureInput }) => api.updateFeature(org, id, body),
    onSuccess: invalidate,
  });
}
