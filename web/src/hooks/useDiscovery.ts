import { useCallback, useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CatalogueEntryInput, DecisionInput, DiscoveryRunView, RunSettings } from '@contracts/discovery/schema.js';
import {
  addFindingToInventory,
  decideFinding,
  deleteCatalogueEntry,
  getDiscoveryFootprint,
  getDiscoveryRun,
  listDiscoveryFindings,
  listDiscoveryRuns,
  linkFinding,
  listOwnCatalogue,
  putCatalogueEntry,
  uploadDiscoveryFile,
} from '../api/discovery';

export function useDiscoveryFindings(org: string) {
  return useQuery({ queryKey: ['discovery', org, 'findings'], queryFn: () => listDiscoveryFindings(org) });
}

export function useDiscoveryFootprint(org: string) {
  return useQuery({ queryKey: ['discovery', org, 'footprint'], queryFn: () => getDiscoveryFootprint(org) });
}

export function useDiscoveryRuns(org: string) {
  return useQuery({ queryKey: ['discovery', org, 'runs'], queryFn: () => listDiscoveryRuns(org) });
}

export function useAddToInventory(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (catalogId: string) => addFindingToInventory(org, catalogId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['discovery', org] });
      await queryClient.invalidateQueries({ queryKey: ['systems', org] });
    },
  });
}

export function useDecideFinding(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ catalogId, body }: { catalogId: string; body: DecisionInput }) => decideFinding(org, catalogId, body),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['discovery', org] }),
  });
}

export function useLinkFinding(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ catalogId, systemId }: { catalogId: string; systemId: string | null }) => linkFinding(org, catalogId, { systemId }),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['discovery', org] }),
  });
}

export function useOwnCatalogue(org: string) {
  return useQuery({ queryKey: ['discovery', org, 'catalogue'], queryFn: () => listOwnCatalogue(org) });
}

/** Saving or removing an own entry changes what findings show (provider, product …), so all of discovery is refreshed. */
export function useSaveCatalogueEntry(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ catalogId, body }: { catalogId: string; body: CatalogueEntryInput }) => putCatalogueEntry(org, catalogId, body),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['discovery', org] }),
  });
}

export function useDeleteCatalogueEntry(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (catalogId: string) => deleteCatalogueEntry(org, catalogId),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['discovery', org] }),
  });
}

/** One scan: the upload (with progress), then polling the run until it is done or failed. */
export function useDiscoveryScan(org: string) {
  const queryClient = useQueryClient();
  const [uploadFraction, setUploadFraction] = useState<number | null>(null);
  const [runId, setRunId] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: ({ settings, file }: { settings: RunSettings; file: File }) => uploadDiscoveryFile(org, settings, file, setUploadFraction),
    onMutate: () => {
      setRunId(null);
      setUploadFraction(0);
    },
    onSuccess: (run) => {
      queryClient.setQueryData(['discovery', org, 'run', run.id], run);
      setRunId(run.id);
    },
  });

  const poll = useQuery<DiscoveryRunView>({
    queryKey: ['discovery', org, 'run', runId],
    queryFn: () => getDiscoveryRun(org, runId ?? ''),
    enabled: runId !== null,
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });

  const run = runId ? poll.data : undefined;
  const finished = run !== undefined && run.status !== 'running';

  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: ['discovery', org, 'findings'] });
    void queryClient.invalidateQueries({ queryKey: ['discovery', org, 'footprint'] });
    void queryClient.invalidateQueries({ queryKey: ['discovery', org, 'runs'] });
  }, [finished, org, queryClient]);

  const reset = useCallback(() => {
    upload.reset();
    setRunId(null);
    setUploadFraction(null);
  }, [upload]);

  return {
    start: upload.mutate,
    reset,
    uploading: upload.isPending,
    uploadFraction,
    uploadError: upload.error,
    pollError: poll.error,
    run,
    busy: upload.isPending || (run !== undefined && run.status === 'running'),
  };
}
