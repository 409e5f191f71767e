import { useState } from 'react';
import { Button, Center, Group, Loader, Paper, Select, Text } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { evidenceKinds, type EvidenceKind } from '@contracts/evidence/schema.js';
import { evidencePackUrl } from '../../api/evidence';
import { ListFooter } from '../../components/common/ListFooter';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { SearchInput } from '../../components/common/SearchInput';
import { EvidenceSummaryCards } from '../../components/evidence/EvidenceSummaryCards';
import { EvidenceTable, type EvidenceSort } from '../../components/evidence/EvidenceTable';
import { useEvidenceList, useEvidenceSummary } from '../../hooks/useEvidence';
import { useCan, useOrg } from '../../hooks/useOrg';

const PAGE_SIZE = 50;
type Archived = 'exclude' | 'include' | 'only';
type Expiry = 'expired' | 'expiring' | 'valid';

export function EvidenceListPage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const canManage = useCan('evidence.manage');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<EvidenceKind | undefined>();
  const [expiry, setExpiry] = useState<Expiry | undefined>();
  const [archived, setArchived] = useState<Archived>('exclude');
  const [sort, setSort] = useState<EvidenceSort>('title');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(1);
  const summary = useEvidenceSummary(org.slug);
  const list = useEvidenceList(org.slug, {
    q: q || undefined,
    kind,
    expiry,
    archived,
    sort,
    order,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const total = list.data?.total ?? 0;
  const filtered = Boolean(q || kind || expiry || archived !== 'exclude');
  const resetPage =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <>
      <PageHeader
        title={t('evidenceSoa.evidence.title')}
        intro={t('evidenceSoa.evidence.intro')}
        actions={
          <>
            <Button
              component="a"
              href={evidencePackUrl(org.slug, { archived: archived === 'exclude' ? 'exclude' : 'include' })}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
              title={t('evidenceSoa.evidence.packHint')}
              data-testid="evidence-pack"
            >
              {t('evidenceSoa.evidence.pack')}
            </Button>
            {canManage && (
              <Button component={Link} to={`/o/${org.slug}/evidence/new`} leftSection={<IconPlus size={16} />} data-testid="new-evidence">
                {t('evidenceSoa.evidence.new')}
              </Button>
            )}
          </>
        }
      />
      {summary.data && <EvidenceSummaryCards summary={summary.data} onFilter={resetPage(setExpiry)} />}
      <Paper withBorder p="md" radius="md" mb="md">
        <Group align="flex-end" grow>
          <SearchInput
            label={t('common.search')}
            value={q}
            onChange={resetPage(setQ)}
            placeholder={t('evidenceSoa.evidence.searchPlaceholder')}
            testId="evidence-filter-q"
          />
          <Select
            label={t('evidenceSoa.evidence.columns.kind')}
            placeholder={t('evidenceSoa.evidence.allKinds')}
            data={evidenceKinds.map((k) => ({ value: k, label: t(`evidenceSoa.evidence.kinds.${k}`) }))}
            value={kind ?? null}
            clearable
            onChange={(v) => resetPage(setKind)((v as EvidenceKind | null) ?? undefined)}
            data-testid="evidence-filter-kind"
          />
          <Select
            label={t('evidenceSoa.evidence.columns.expiry')}
            placeholder={t('evidenceSoa.evidence.allStates')}
            data={(['expired', 'expiring', 'valid'] as const).map((v) => ({
              value: v,
              label: t(`evidenceSoa.evidence.expiryFilter.${v}`),
            }))}
            value={expiry ?? null}
            clearable
            onChange={(v) => resetPage(setExpiry)((v as Expiry | null) ?? undefined)}
            data-testid="evidence-filter-expiry"
          />
          <Select
            label={t('archivedFilter.label')}
            data={(['exclude', 'include', 'only'] as const).map((v) => ({ value: v, label: t(`archivedFilter.${v}`) }))}
            value={archived}
            allowDeselect={false}
            onChange={(v) => resetPage(setArchived)((v as Archived | null) ?? 'exclude')}
            data-testid="evidence-filter-archived"
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
          <Text size="sm" fw={500} px="xs" pt="xs" data-testid="evidence-total">
            {t('common.total', { count: total, n: new Intl.NumberFormat(i18n.language).format(total) })}
          </Text>
          {list.data.items.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl">
              {filtered ? t('common.noResults') : t('evidenceSoa.evidence.empty')}
            </Text>
          ) : (
            <EvidenceTable
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
