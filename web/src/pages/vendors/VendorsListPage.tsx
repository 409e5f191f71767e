import { useState } from 'react';
import { Center, Group, Loader, Paper, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ListFooter } from '../../components/common/ListFooter';
import { RegisterListHeader } from '../../components/common/RegisterListHeader';
import { QueryError } from '../../components/common/QueryError';
import { SearchInput } from '../../components/common/SearchInput';
import { VendorTable, type VendorSort } from '../../components/vendors/VendorTable';
import { useOrg } from '../../hooks/useOrg';
import { useVendorList } from '../../hooks/useVendors';

const PAGE_SIZE = 50;
type Archived = 'exclude' | 'include' | 'only';

export function VendorsListPage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const [q, setQ] = useState('');
  const [archived, setArchived] = useState<Archived>('exclude');
  const [sort, setSort] = useState<VendorSort>('name');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(1);
  const list = useVendorList(org.slug, {
    q: q || undefined,
    archived,
    sort,
    order,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const total = list.data?.total ?? 0;

  return (
    <>
      <RegisterListHeader org={org.slug} entity="vendors" />
      <Paper withBorder p="md" radius="md" mb="md">
        <Group align="flex-end" grow>
          <SearchInput
            label={t('common.search')}
            value={q}
            onChange={(value) => {
              setQ(value);
              setPage(1);
            }}
            placeholder={t('vendors.searchPlaceholder')}
            testId="vendor-filter-q"
          />
          <Select
            label={t('archivedFilter.label')}
            data={(['exclude', 'include', 'only'] as const).map((v) => ({ value: v, label: t(`archivedFilter.${v}`) }))}
            value={archived}
            allowDeselect={false}
            onChange={(v) => {
              setArchived((v as Archived | null) ?? 'exclude');
              setPage(1);
            }}
          />
        </Group>
      </Paper>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {list.data && (
        <Paper withBorder radius="md" p="xs">
          <Text size="sm" fw={500} px="xs" pt="xs" data-testid="vendors-total">
            {t('common.total', { count: total, n: new Intl.NumberFormat(i18n.language).format(total) })}
          </Text>
          {list.data.items.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl">
              {q ? t('common.noResults') : t('vendors.empty')}
            </Text>
          ) : (
            <VendorTable
              org={org.slug}
              items={list.data.items}
              sort={sort}
              order={order}
              onSort={(s, o) => {
                setSort(s);
                setOrder(o);
                setPage(1);
              }}
            />
          )}
          <ListFooter total={total} page={page} pageSize={PAGE_SIZE} onPage={setPage} />
        </Paper>
      )}
    </>
  );
}
