import { useCallback, useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getImportRun, uploadImport, type ImportRunView, type TransferEntity } from '../api/transfer';

interface StartInput {
  entity: TransferEntity;
  file: File;
  dryRun: boolean;
}

/**
 * One spreadsheet import: the upload (with progress), then polling the run until it is done or failed.
 */
export function useImportRun(org: string) {
  const queryClient = useQueryClient();
  const [uploadFraction, setUploadFraction] = useState<number | null>(null);
  const [runId, setRunId] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: ({ entity, file, dryRun }: StartInput) => uploadImport(org, entity, file, dryRun, setUploadFraction),
    onMutate: () => {
      setRunId(null);
      setUploadFraction(0);
    },
    onSuccess: (run) => {
      queryClient.setQueryData(['import', org, run.id], run);
      setRunId(run.id);
    },
  });

  const poll = useQuery<ImportRunView>({
    queryKey: ['import', org, runId],
    queryFn: () => getImportRun(org, runId ?? ''),
    enabled: runId !== null,
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 400 : false),
  });

  const run = runId ? poll.data : undefined;
  const finished = run !== undefined && run.state !== 'running';

  useEffect(() => {
    if (finished && run && !run.dryRun && run.createdRows > 0) {
      void queryClient.invalidateQueries({ queryKey: [run.entity, org] });
      void queryClient.invalidateQueries({ queryKey: ['audit', org] });
      if (run.entity === 'vendors') void queryClient.invalidateQueries({ queryKey: ['systems', org] });
    }
  }, [finished, run, org, queryClient]);

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
    busy: upload.isPending || (run !== undefined && run.state === 'running'),
    /** whether the run being uploaded or shown is a dry run */
    dryRun: upload.variables?.dryRun,
  };
}
