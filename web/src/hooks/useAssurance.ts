import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateProfileInput, CreateRunInput, RunKind, UpdateProfileInput } from '@contracts/assurance/schema.js';
import {
  archiveDataset,
  copyProfile,
  createProfile,
  createRun,
  getRun,
  getRunSeries,
  listDatasets,
  listProfiles,
  listRuns,
  setProfileArchived,
  suggestColumns,
  updateProfile,
  uploadDataset,
} from '../api/assurance';

export function useDatasets(org: string, systemId: string) {
  return useQuery({ queryKey: ['assurance', org, 'datasets', systemId], queryFn: () => listDatasets(org, systemId) });
}

export function useUploadDataset(org: string, systemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, name, onProgress }: { file: File; name: string; onProgress: (f: number) => void }) =>
      uploadDataset(org, systemId, file, name, onProgress),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assurance', org, 'datasets', systemId] }),
  });
}

export function useArchiveDataset(org: string, systemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => archiveDataset(org, id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assurance', org, 'datasets', systemId] }),
  });
}

export function useColumnSuggestion(org: string, datasetId: string | null, profileId: string | null) {
  return useQuery({
    queryKey: ['assurance', org, 'suggestion', datasetId, profileId],
    queryFn: () => suggestColumns(org, datasetId ?? '', profileId ?? ''),
    enabled: !!datasetId && !!profileId,
  });
}

export function useProfiles(org: string, includeArchived = false) {
  return useQuery({ queryKey: ['assurance', org, 'profiles', includeArchived], queryFn: () => listProfiles(org, includeArchived) });
}

function useInvalidateProfiles(org: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['assurance', org, 'profiles'] });
}

export function useCreateProfile(org: string) {
  const onSuccess = useInvalidateProfiles(org);
  return useMutation({ mutationFn: (body: CreateProfileInput) => createProfile(org, body), onSuccess });
}

export function useUpdateProfile(org: string) {
  const onSuccess = useInvalidateProfiles(org);
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateProfileInput }) => updateProfile(org, id, body), onSuccess });
}

export function useCopyProfile(org: string) {
  const onSuccess = useInvalidateProfiles(org);
  return useMutation({ mutationFn: (id: string) => copyProfile(org, id), onSuccess });
}

export function useArchiveProfile(org: string) {
  const onSuccess = useInvalidateProfiles(org);
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) => setProfileArchived(org, id, archived),
    onSuccess,
  });
}

export function useRuns(org: string, systemId: string) {
  return useQuery({ queryKey: ['assurance', org, 'runs', systemId], queryFn: () => listRuns(org, systemId) });
}

export function useRun(org: string, id: string | null) {
  return useQuery({ queryKey: ['assurance', org, 'run', id], queryFn: () => getRun(org, id ?? ''), enabled: !!id });
}

export function useRunSeries(org: string, systemId: string, kind: RunKind) {
  return useQuery({ queryKey: ['assurance', org, 'runs', systemId, 'series', kind], queryFn: () => getRunSeries(org, systemId, kind) });
}

export function useCreateRun(org: string, systemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRunInput) => createRun(org, systemId, body),
    onSuccess: (run) => {
      client.setQueryData(['assurance', org, 'run', run.id], run);
      return client.invalidateQueries({ queryKey: ['assurance', org, 'runs', systemId] });
    },
  });
}
