import { Anchor, Badge, Button, Center, Group, Loader, Paper, Select, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { alertStatuses, type AlertStatus, type AlertView } from '@contracts/alerts/schema.js';
import { AlertRuleDrawer } from '../../components/alerts/AlertRuleDrawer';
import { conditionText, firedComparator, formatFigure } from '../../components/alerts/alertText';
import { ListFooter } from '../../components/common/ListFooter';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { useAlertList, useAlertRules, useMoveAlert } from '../../hooks/useAlerts';
import { useLanguage } from '../../hooks/useLanguage';
import { useCan, useOrg } from '../../hooks/useOrg';
import { useSystemList } from '../../hooks/useSystems';
import { formatDateTime } from '../../lib/dates';

const PAGE_SIZE = 50;
const statusColor: Record<AlertStatus, string> = { open: 'red', acknowledged: 'orange', resolved: 'gray' };
const statusFilters = ['active', 'all', ...alertStatuses] as const;
type StatusFilter = (typeof statusFilters)[number];

/** Alert rules (with a drawer to create and edit them) and the alerts they fired, with acknowledge and resolve. */
export function AlertsPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const org = useOrg();
  const canManage = useCan('alert.manage');
  const [params, setParams] = useSearchParams();
  const [showArchived, setShowArchived] = useState(false);
  const [page, setPage] = useState(1);
  const rules = useAlertRules(org.slug, showArchived ? 'include' : 'exclude');
  const systems = useSystemList(org.slug, { limit: 200, sort: 'name', order: 'asc' });
  const status = (statusFilters as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as StatusFilter)
    : 'active';
  const system = params.get('system') ?? undefined;
  const highlighted = params.get('alert');
  const openedRule = params.get('rule');
  const list = useAlertList(org.slug, { status, systemId: system, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const move = useMoveAlert(org.slug);

  const setParam = (key: string, value: string | null) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key !== 'rule' },
    );
    if (key !== 'rule') setPage(1);
  };

  const moveAlert = async (a: AlertView, to: 'acknowledge' | 'resolve') => {
    await move.mutateAsync({ id: a.id, to });
    notifications.show({ color: 'teal', message: to === 'acknowledge' ? t('alerts.action.acknowledged') : t('alerts.action.resolved') });
  };
  const minutes = (n: number) => t('alerts.minutes', { n });

  return (
    <>
      <PageHeader
        title={t('alerts.page.title')}
        intro={t('alerts.page.intro')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setParam('rule', 'new')} data-testid="new-alert-rule">
              {t('alerts.page.newRule')}
            </Button>
          )
        }
      />

      <Paper withBorder p="md" radius="md" mb="lg">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('alerts.page.rulesTitle')}</Title>
          <Switch
            label={t('alerts.page.showArchived')}
            checked={showArchived}
            onChange={(e) => setShowArchived(e.currentTarget.checked)}
            data-testid="alert-rules-archived"
          />
        </Group>
        {rules.isPending && (
          <Center py="md">
            <Loader size="sm" />
          </Center>
        )}
        {rules.isError && <QueryError error={rules.error} onRetry={() => void rules.refetch()} />}
        {rules.data && rules.data.items.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('alerts.page.noRules')}
          </Text>
        )}
        {rules.data && rules.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover data-testid="alert-rules-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('alerts.column.name')}</Table.Th>
                  <Table.Th>{t('alerts.column.system')}</Table.Th>
                  <Table.Th>{t('alerts.column.condition')}</Table.Th>
                  <Table.Th>{t('alerts.column.window')}</Table.Th>
                  <Table.Th>{t('alerts.column.cooldown')}</Table.Th>
                  <Table.Th>{t('alerts.column.enabled')}</Table.Th>
                  <Table.Th>{t('alerts.column.lastEvaluated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.data.items.map((r) => (
                  <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => setParam('rule', r.id)} data-testid="alert-rule-row">
                    <Table.Td>
                      <Anchor component="button" type="button" size="sm">
                        {r.name}
                      </Anchor>
                      {r.archivedAt && (
                        <Badge ml="xs" color="gray" variant="light">
                          {t('common.archived')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{r.systemName ?? t('alerts.everySystem')}</Table.Td>
                    <Table.Td>{conditionText(t, r.metric, r.metricKey, r.comparator, r.threshold)}</Table.Td>
                    <Table.Td>
                      {r.metric === 'drift_score' || r.metric === 'fairness_metric' ? t('common.none') : minutes(r.windowMinutes)}
                    </Table.Td>
                    <Table.Td>{minutes(r.cooldownMinutes)}</Table.Td>
                    <Table.Td>{r.enabled ? t('common.yes') : t('alerts.disabled')}</Table.Td>
                    <Table.Td>{r.lastEvaluatedAt ? formatDateTime(r.lastEvaluatedAt, language) : t('alerts.never')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="flex-end" mb="sm">
          <Title order={4}>{t('alerts.page.alertsTitle')}</Title>
          <Group align="flex-end">
            <Select
              label={t('alerts.page.status')}
              data={statusFilters.map((s) => ({
                value: s,
                label: s === 'active' || s === 'all' ? t(`alerts.filter.${s}`) : t(`alerts.status.${s}`),
              }))}
              value={status}
              onChange={(v) => setParam('status', v)}
              allowDeselect={false}
              data-testid="alert-filter-status"
            />
            <Select
              label={t('alerts.page.system')}
              placeholder={t('alerts.page.anySystem')}
              data={(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={system ?? null}
              onChange={(v) => setParam('system', v)}
              searchable
              clearable
              data-testid="alert-filter-system"
            />
          </Group>
        </Group>
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('alerts.page.noAlerts')}
          </Text>
        )}
        {list.data && list.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={820}>
            <Table data-testid="alerts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('alerts.column.fired')}</Table.Th>
                  <Table.Th>{t('alerts.column.rule')}</Table.Th>
                  <Table.Th>{t('alerts.column.system')}</Table.Th>
                  <Table.Th>{t('alerts.column.value')}</Table.Th>
                  <Table.Th>{t('alerts.column.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((a) => (
                  <Table.Tr key={a.id} bg={a.id === highlighted ? 'var(--mantine-color-yellow-light)' : undefined} data-testid="alert-row">
                    <Table.Td>{formatDateTime(a.firedAt, language)}</Table.Td>
                    <Table.Td>{a.ruleName}</Table.Td>
                    <Table.Td>{a.systemName ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      {formatFigure(a.value)} ({t(`alerts.comparator.${firedComparator(a)}`)} {formatFigure(a.threshold)})
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[a.status]} variant="light" data-testid="alert-status">
                        {t(`alerts.status.${a.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {a.evidenceId && (
                          <Anchor component={Link} to={`/o/${org.slug}/evidence/${a.evidenceId}`} size="sm" data-testid="alert-evidence">
                            {t('alerts.action.evidence')}
                          </Anchor>
                        )}
                        {a.can.manage && a.status === 'open' && (
                          <Button
                            size="compact-sm"
                            variant="default"
                            onClick={() => void moveAlert(a, 'acknowledge')}
                            data-testid="alert-acknowledge"
                          >
                            {t('alerts.action.acknowledge')}
                          </Button>
                        )}
                        {a.can.manage && a.status !== 'resolved' && (
                          <Button
                            size="compact-sm"
                            variant="light"
                            onClick={() => void moveAlert(a, 'resolve')}
                            data-testid="alert-resolve"
                          >
                            {t('alerts.action.resolve')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.data && <ListFooter total={list.data.total} page={page} pageSize={PAGE_SIZE} onPage={setPage} />}
      </Paper>

      {openedRule && (
        <AlertRuleDrawer
          org={org.slug}
          ruleId={openedRule === 'new' ? null : openedRule}
          canManage={canManage}
          onClose={() => setParam('rule', null)}
          onCreated={(id) => setParam('rule', id)}
        />
      )}
    </>
  );
}
