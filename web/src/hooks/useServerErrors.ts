import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../api/client';
import { serverFieldErrors } from '../lib/validation';

/**
 * Runs a save and, when the server refuses it, puts `details.issues` under the matching form fields and keeps
 * the rest (and the error itself) for a form-level alert.
 */
export function useServerErrors(fields: readonly string[], setFieldErrors: (errors: Record<string, string>) => void) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [otherIssues, setOtherIssues] = useState<FieldIssue[]>([]);

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      setError(null);
      setOtherIssues([]);
      try {
        return await action();
      } catch (err) {
        const { fieldErrors, rest } = serverFieldErrors(err, fields, t);
        setFieldErrors(fieldErrors);
        setError(err);
        setOtherIssues(rest);
        return undefined;
      }
    },
    [fields, setFieldErrors, t],
  );

  const clear = useCallback(() => {
    setError(null);
    setOtherIssues([]);
  }, []);

  return { run, error, otherIssues, clear };
}
