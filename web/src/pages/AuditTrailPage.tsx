import { useMemo, useState } from 'react';
import { Alert, Button, Center, Group, Loader, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router-dom';
import type { AuditFilters as ApiAuditFilters } from '../api/audit';
import { AuditFilters, type AuditFilterState } from '../components/audit/AuditFilters';
import { AuditTable } from '../components/audit/AuditTable';
import { PageHeader } from '../components/common/PageHeader';
import { QueryError } from '../components/common/QueryError';
import { useAuditLog } from '../hooks/useAuditLog';
import { useCan, useOrg } from '../hooks/useOrg';
import { endOfHkDay, startOfHkDay } from '../lib/dates';

export function AuditTrailPage() {
  const { t } = useTranslation();
  const org = useOrg();
  const allowed = useCan('audit.read');
  const [search, setSearch] = useSearchParams();
  const entityId = search.get('entityId');
  const [filters, setFilters] = useState<AuditFilterState>({ action: null, entityType: null, actor: '', range: [null, null] });

  const query = useMemo<ApiAuditFilters>(() => {
    const [from, to] = filters.range;
    const q: ApiAuditFilters = {};
    if (filters.action) q.action = filters.action;
    if (filters.entityType) q.entityType = filters.entityType;
    if (filters.actor) q.actor = filters.actor;
    if (entityId) q.entityId = entityId;
    if (from) q.from = startOfHkDay(from);
    if (to) q.to = endOfHkDay(to);
    return q;
  }, [filters, entityId]);

  const log = useAuditLog(org.slug, query, allowed);
  if (!allowed) return <Navigate to={`/o/${org.slug}/systems`} replace />;
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      {entityId && (
        <Alert color="blue" mb="md" data-testid="audit-entity-filter">
          <Group justify="space-between">
            <Text size="sm">
              {t('audit.entityFilter')} <code>{entityId}</code>
            </Text>
            <Button size="xs" variant="light" onClick={() => setSearch(new URLSearchParams(), { replace: true })}>
              {t('audit.showAll')}
            </Button>
          </Group>
        </Alert>
      )}
      <AuditFilters value={filters} onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))} />
      {log.isError && <QueryError error={log.error} onRetry={() => void log.refetch()} />}
      {log.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {log.data && (
        <Paper withBorder radius="md" p="xs">
          {entries.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl" data-testid="audit-empty">
              {t('audit.empty')}
            </Text>
          ) : (
            <AuditTable org={org.slug} entries={entries} />
          )}
          <Group justify="center" py="sm">
            {log.hasNextPage ? (
              <Button
                variant="default"
                onClick={() => void log.fetchNextPage()}
                loading={log.isFetchingNextPage}
                data-testid="audit-load-more"
              >
                {t('common.loadMore')}
              </Button>
            ) : (
              entries.length > 0 && (
                <Text size="xs" c="dimmed">
                  {t('audit.end')}
                </Text>
              )
            )}
          </Group>
        </Paper>
      )}
    </>
  );
}
