import { useInfiniteQuery } from '@tanstack/react-query';
import { listAudit, type AuditFilters } from '../api/audit';

/** The audit trail, newest first, one page of 50 at a time ("load more" follows nextCursor). */
export function useAuditLog(org: string, filters: AuditFilters, enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: ['audit', org, filters],
    queryFn: ({ pageParam }) => listAudit(org, filters, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
