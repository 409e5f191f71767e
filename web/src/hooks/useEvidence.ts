import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateEvidenceInput, EvidenceLinkInput, UpdateEvidenceInput } from '@contracts/evidence/schema.js';
import {
  addEvidenceLink,
  archiveEvidence,
  createEvidence,
  getEvidence,
  getEvidenceSummary,
  listEvidence,
  removeEvidenceLink,
  restoreEvidence,
  updateEvidence,
  uploadEvidenceFile,
  type EvidenceListParams,
} from '../api/evidence';

export function useEvidenceList(org: string, params: EvidenceListParams, enabled = true) {
  return useQuery({
    queryKey: ['evidence', org, 'list', params],
    queryFn: ({ signal }) => listEvidence(org, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEvidenceSummary(org: string) {
  return useQuery({ queryKey: ['evidence', org, 'summary'], queryFn: () => getEvidenceSummary(org) });
}

export function useEvidence(org: string, id: string) {
  return useQuery({ queryKey: ['evidence', org, 'detail', id], queryFn: () => getEvidence(org, id), retry: false });
}

/** Evidence counts show on controls, assessments and the SoA: refresh those too. */
function useInvalidate(org: string) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(['evidence', 'soa', 'controls', 'assessments'].map((key) => queryClient.invalidateQueries({ queryKey: [key, org] })));
  };
}

export function useCreateEvidence(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: CreateEvidenceInput) => createEvidence(org, body), onSuccess: invalidate });
}

export function useUpdateEvidence(org: string, id: string) {
  const invalidate = useInvalidate(org);
  return useMutation({ mutationFn: (body: UpdateEvidenceInput) => updateEvidence(org, id, body), onSuccess: invalidate });
}

export function useArchiveEvidence(org: string, id: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: (archived: boolean) => (archived ? archiveEvidence(org, id) : restoreEvidence(org, id)),
    onSuccess: invalidate,
  });
}

/** Upload a file version to an item named at call time (a new item's id is known only after it is created). */
export function useUploadEvidenceFile(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => uploadEvidenceFile(org, id, file),
    onSuccess: invalidate,
  });
}

export function useLinkEvidence(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ id, link }: { id: string; link: EvidenceLinkInput }) => addEvidenceLink(org, id, link),
    onSuccess: invalidate,
  });
}

export function useUnlinkEvidence(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: ({ id, link }: { id: string; link: EvidenceLinkInput }) => removeEvidenceLink(org, id, link),
    onSuccess: invalidate,
  });
}
