import { useState } from 'react';
import { Alert, Badge, Button, Center, CloseButton, Group, Loader, Paper, Select, Table, Text } from '@mantine/core';
import { IconAdjustments, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { bandKeys, riskStatuses, treatments, type BandKey, type RiskSortKey, type RiskStatus } from '@contracts/risks/schema.js';
import type { RiskListParams } from '../../api/risks';
import { ListFooter } from '../../components/common/ListFooter';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { SearchInput } from '../../components/common/SearchInput';
import { SortableTh } from '../../components/common/SortableTh';
import { BandBadge } from '../../components/risks/BandBadge';
import { RiskDrawer } from '../../components/risks/RiskDrawer';
import { RiskHeatmap, type HeatmapCell, type HeatmapMode } from '../../components/risks/RiskHeatmap';
import { RiskSettingsModal } from '../../components/risks/RiskSettingsModal';
import { RiskSummaryCards } from '../../components/risks/RiskSummaryCards';
import { pick } from '../../components/risks/riskUtils';
import { useLanguage } from '../../hooks/useLanguage';
import { useMemberOptions } from '../../hooks/useMembers';
import { useCan, useOrg } from '../../hooks/useOrg';
import { useRiskHeatmap, useRiskList, useRiskSettings, useRiskSummary } from '../../hooks/useRisks';
import { useSystemList } from '../../hooks/useSystems';
import { formatDate } from '../../lib/dates';

const PAGE_SIZE = 50;
const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined =>
  (values as readonly string[]).includes(v ?? '') ? (v as T) : undefined;
const today = () => new Date().toISOString().slice(0, 10);

/** The AI risk register: summary, heatmap (inherent / residual) and the filtered, sorted list; a drawer per risk. */
export function RiskRegisterPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const org = useOrg();
  const canManage = useCan('risk.manage');
  const canConfigure = useCan('risk.configure');
  const members = useMemberOptions(org.slug);
  const systems = useSystemList(org.slug, { limit: 200, sort: 'name', order: 'asc' });
  const [params, setParams] = useSearchParams();
  const system = params.get('system') ?? undefined;
  const status = oneOf<RiskStatus>(riskStatuses, params.get('status'));
  const band = oneOf<BandKey>(bandKeys, params.get('band'));
  const treatment = oneOf([...treatments, 'none'] as const, params.get('treatment'));
  const owner = params.get('owner') ?? undefined;
  const q = params.get('q') ?? '';
  const sort =
    oneOf<RiskSortKey>(['inherentScore', 'residualScore', 'updatedAt', 'reviewDate', 'title'], params.get('sort')) ?? 'inherentScore';
  const order = oneOf(['asc', 'desc'] as const, params.get('order')) ?? (sort === 'title' || sort === 'reviewDate' ? 'asc' : 'desc');
  const opened = params.get('risk');
  const [page, setPage] = useState(1);
  const [mode, setMode] = useState<HeatmapMode>('inherent');
  const [cell, setCell] = useState<HeatmapCell | null>(null);
  const [configuring, setConfiguring] = useState(false);

  const scope = system ? { system } : {};
  const settings = useRiskSettings(org.slug);
  const heatmap = useRiskHeatmap(org.slug, scope);
  const summary = useRiskSummary(org.slug, scope);
  const cellFilter = cell
    ? cell.mode === 'inherent'
      ? { likelihood: cell.likelihood, impact: cell.impact }
      : { residualLikelihood: cell.likelihood, residualImpact: cell.impact }
    : { band };
  const query: RiskListParams = {
    system,
    status,
    owner,
    treatment,
    q: q || undefined,
    sort,
    order,
    ...cellFilter,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useRiskList(org.slug, query);
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const matrix = settings.data?.matrix ?? heatmap.data?.matrix;

  const setParam = (key: string, value: string | null) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key !== 'risk' },
    );
    if (key !== 'risk') setPage(1);
  };
  const onSort = (key: RiskSortKey, o: 'asc' | 'desc') => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('sort', key);
      next.set('order', o);
      return next;
    });
    setPage(1);
  };
  const selectCell = (c: HeatmapCell | null) => {
    setCell(c);
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title={t('risk.register.title')}
        intro={t('risk.register.intro')}
        actions={
          <>
            {settings.data && (canConfigure || settings.data.can.configure) && (
              <Button
                variant="default"
                leftSection={<IconAdjustments size={16} />}
                onClick={() => setConfiguring(true)}
                data-testid="risk-settings-open"
              >
                {t('risk.register.settings')}
              </Button>
            )}
            {canManage && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setParam('risk', 'new')} data-testid="new-risk">
                {t('risk.register.new')}
              </Button>
            )}
          </>
        }
      />
      {summary.data && <RiskSummaryCards summary={summary.data} matrix={matrix} />}
      {heatmap.isError && <QueryError error={heatmap.error} onRetry={() => void heatmap.refetch()} />}
      {heatmap.data && (
        <RiskHeatmap
          data={heatmap.data}
          mode={mode}
          onMode={(m) => {
            setMode(m);
            selectCell(null);
          }}
          selected={cell}
          onSelect={selectCell}
        />
      )}
      <Paper withBorder p="md" radius="md" my="md">
        <Group align="flex-end" grow>
          <SearchInput
            label={t('common.search')}
            value={q}
            onChange={(v) => setParam('q', v)}
            placeholder={t('risk.register.searchPlaceholder')}
            testId="risk-filter-q"
          />
          <Select
            label={t('risk.register.scope')}
            placeholder={t('risk.register.allScopes')}
            data={[
              { value: 'organisation', label: t('risk.register.organisationWide') },
              ...(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
            ]}
            value={system ?? null}
            onChange={(v) => {
              setParam('system', v);
              selectCell(null);
            }}
            searchable
            clearable
            data-testid="risk-filter-system"
          />
          <Select
            label={t('compliance.common.status')}
            placeholder={t('risk.register.anyStatus')}
            data={riskStatuses.map((s) => ({ value: s, label: t(`risk.status.${s}`) }))}
            value={status ?? null}
            onChange={(v) => setParam('status', v)}
            clearable
            data-testid="risk-filter-status"
          />
          <Select
            label={t('risk.register.band')}
            placeholder={t('risk.register.anyBand')}
            data={bandKeys.map((k) => {
              const b = matrix?.bands.find((x) => x.key === k);
              return { value: k, label: b ? pick(b.name, language) : k };
            })}
            value={band ?? null}
            onChange={(v) => setParam('band', v)}
            clearable
            disabled={!!cell}
            data-testid="risk-filter-band"
          />
          <Select
            label={t('risk.register.owner')}
            placeholder={t('risk.register.anyOwner')}
            data={members}
            value={owner ?? null}
            onChange={(v) => setParam('owner', v)}
            searchable
            clearable
            data-testid="risk-filter-owner"
          />
          <Select
            label={t('risk.form.treatment')}
            placeholder={t('risk.register.anyTreatment')}
            data={[...treatments, 'none' as const].map((tr) => ({ value: tr, label: t(`risk.treatment.${tr}`) }))}
            value={treatment ?? null}
            onChange={(v) => setParam('treatment', v)}
            clearable
            data-testid="risk-filter-treatment"
          />
        </Group>
      </Paper>
      {cell && (
        <Alert color="blue" variant="light" mb="md" data-testid="risk-cell-filter">
          <Group justify="space-between">
            <Text size="sm">
              {t('risk.register.cellFilter', {
                kind: cell.mode === 'inherent' ? t('risk.register.inherent') : t('risk.register.residual'),
                likelihood: cell.likelihood,
                impact: cell.impact,
              })}
            </Text>
            <CloseButton aria-label={t('risk.register.clearCell')} onClick={() => selectCell(null)} data-testid="risk-cell-filter-clear" />
          </Group>
        </Alert>
      )}
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {list.data && (
        <Paper withBorder radius="md" p="xs">
          {items.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl" data-testid="risks-empty">
              {q || status || band || owner || treatment || system || cell ? t('common.noResults') : t('risk.register.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={980}>
              <Table verticalSpacing="sm" highlightOnHover data-testid="risks-table">
                <Table.Thead>
                  <Table.Tr>
                    <SortableTh label={t('risk.register.risk')} sortKey="title" sort={sort} order={order} onSort={onSort} />
                    <SortableTh label={t('risk.register.inherent')} sortKey="inherentScore" sort={sort} order={order} onSort={onSort} />
                    <SortableTh label={t('risk.register.residual')} sortKey="residualScore" sort={sort} order={order} onSort={onSort} />
                    <Table.Th>{t('risk.form.treatment')}</Table.Th>
                    <Table.Th>{t('risk.register.owner')}</Table.Th>
                    <SortableTh label={t('risk.register.reviewDate')} sortKey="reviewDate" sort={sort} order={order} onSort={onSort} />
                    <Table.Th>{t('compliance.common.status')}</Table.Th>
                    <Table.Th>{t('risk.register.controls')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((r) => {
                    const overdue = r.reviewDate !== null && r.reviewDate < today() && r.status !== 'closed';
                    return (
                      <Table.Tr
                        key={r.id}
                        onClick={() => setParam('risk', r.id)}
                        style={{ cursor: 'pointer' }}
                        data-testid={`risk-row-${r.id}`}
                      >
                        <Table.Td maw={340}>
                          <Group gap="xs">
                            <Text size="sm" fw={500}>
                              {r.title}
                            </Text>
                            {r.archivedAt && (
                              <Badge size="xs" color="gray">
                                {t('common.archived')}
                              </Badge>
                            )}
                          </Group>
                          <Text size="xs" c="dimmed">
                            {r.system?.name ?? t('risk.register.organisationWide')}
                            {r.riskSource ? ` · ${r.riskSource}` : ''}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <BandBadge matrix={matrix} band={r.inherentBand} score={r.inherentScore} />
                        </Table.Td>
                        <Table.Td>
                          {r.residualBand ? <BandBadge matrix={matrix} band={r.residualBand} score={r.residualScore} /> : '—'}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{t(`risk.treatment.${r.treatment ?? 'none'}`)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{r.owner?.name ?? t('common.none')}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Text size="sm">{r.reviewDate ? formatDate(r.reviewDate, language) : '—'}</Text>
                            {overdue && (
                              <Badge size="xs" color="red" data-testid="risk-overdue">
                                {t('risk.register.overdue')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={r.status === 'closed' ? 'gray' : r.status === 'accepted' ? 'teal' : 'blue'}>
                            {t(`risk.status.${r.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{r.controlCount}</Text>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <ListFooter total={total} page={page} pageSize={PAGE_SIZE} onPage={setPage} />
        </Paper>
      )}
      {opened && (
        <RiskDrawer
          key={opened}
          org={org.slug}
          riskId={opened === 'new' ? null : opened}
          settings={settings.data}
          canManage={canManage}
          onClose={() => setParam('risk', null)}
          onCreated={(id) => setParam('risk', id)}
        />
      )}
      {configuring && settings.data && <RiskSettingsModal org={org.slug} settings={settings.data} onClose={() => setConfiguring(false)} />}
    </>
  );
}
