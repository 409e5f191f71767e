import { Center, Group, Loader, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ListFooter } from '../../components/common/ListFooter';
import { RegisterListHeader } from '../../components/common/RegisterListHeader';
import { QueryError } from '../../components/common/QueryError';
import { SystemFilters } from '../../components/systems/SystemFilters';
import { SystemTable } from '../../components/systems/SystemTable';
import { useOrg } from '../../hooks/useOrg';
import { SYSTEMS_PAGE_SIZE, useSystemListParams } from '../../hooks/useSystemListParams';
import { useSystemList } from '../../hooks/useSystems';

export function SystemsListPage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const { state, query, update, clear } = useSystemListParams();
  const list = useSystemList(org.slug, query);
  const total = list.data?.total ?? 0;

  return (
    <>
      <RegisterListHeader org={org.slug} entity="systems" />
      <SystemFilters org={org.slug} state={state} update={update} clear={clear} />
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {list.data && (
        <Paper withBorder radius="md" p="xs" pos="relative" aria-busy={list.isFetching}>
          <Group justify="space-between" px="xs" pt="xs">
            <Text size="sm" fw={500} data-testid="systems-total" data-total={total}>
              {t('common.total', { count: total, n: new Intl.NumberFormat(i18n.language).format(total) })}
            </Text>
            {list.isFetching && <Loader size="xs" />}
          </Group>
          {list.data.items.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl" data-testid="systems-empty">
              {state.q || state.type.length || state.stage.length || state.owner || state.vendor || state.dataCategory
                ? t('common.noResults')
                : t('systems.empty')}
            </Text>
          ) : (
            <SystemTable
              org={org.slug}
              items={list.data.items}
              sort={state.sort}
              order={state.order}
              onSort={(sort, order) => update({ sort, order })}
            />
          )}
          <ListFooter total={total} page={state.page} pageSize={SYSTEMS_PAGE_SIZE} onPage={(page) => update({ page })} />
        </Paper>
      )}
    </>
  );
}
