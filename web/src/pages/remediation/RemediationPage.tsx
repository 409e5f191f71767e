import { Center, Group, Loader, Paper, Select, Switch, Table, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { actionStatuses, type PlanQuery } from '@contracts/remediation/schema.js';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { ActionRow } from '../../components/compliance/ActionRow';
import { GapRegister } from '../../components/compliance/GapRegister';
import { useMemberOptions } from '../../hooks/useMembers';
import { useOrg } from '../../hooks/useOrg';
import { usePlan } from '../../hooks/useRemediation';

type StatusFilter = PlanQuery['status'];
const statusFilters: StatusFilter[] = ['active', 'all', ...actionStatuses];
const isStatusFilter = (v: string | null): v is StatusFilter => (statusFilters as (string | null)[]).includes(v);

/** The remediation plan (actions by priority) and, on a second tab, the gap register. */
export function RemediationPage() {
  const { t } = useTranslation();
  const org = useOrg();
  const members = useMemberOptions(org.slug);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'gaps' ? 'gaps' : 'plan';
  const statusParam = params.get('status');
  const status: StatusFilter = isStatusFilter(statusParam) ? statusParam : 'active';
  const owner = params.get('owner');
  const overdue = params.get('overdue') === 'true';
  const plan = usePlan(org.slug, { status, ...(owner ? { owner } : {}), ...(overdue ? { overdue: 'true' as const } : {}) });

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const statusLabel = (s: StatusFilter) =>
    s === 'active' || s === 'all' ? t(`compliance.remediation.statusFilter.${s}`) : t(`compliance.actionStatus.${s}`);

  return (
    <>
      <PageHeader title={t('compliance.remediation.title')} intro={t('compliance.remediation.intro')} />
      <Tabs value={tab} onChange={(v) => setParam('tab', v === 'gaps' ? 'gaps' : null)}>
        <Tabs.List mb="md">
          <Tabs.Tab value="plan" data-testid="tab-plan">
            {t('compliance.remediation.planTab')}
          </Tabs.Tab>
          <Tabs.Tab value="gaps" data-testid="tab-gaps">
            {t('compliance.remediation.gapsTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="plan">
          <Paper withBorder p="md" radius="md" mb="md">
            <Group align="flex-end">
              <Select
                label={t('compliance.common.status')}
                data={statusFilters.map((s) => ({ value: s, label: statusLabel(s) }))}
                value={status}
                allowDeselect={false}
                onChange={(v) => setParam('status', v === 'active' ? null : v)}
                w={220}
                data-testid="plan-filter-status"
              />
              <Select
                label={t('compliance.common.owner')}
                placeholder={t('compliance.common.anyOwner')}
                data={members}
                value={owner}
                onChange={(v) => setParam('owner', v)}
                searchable
                clearable
                w={280}
                data-testid="plan-filter-owner"
              />
              <Switch
                label={t('compliance.remediation.overdueOnly')}
                checked={overdue}
                onChange={(e) => setParam('overdue', e.currentTarget.checked ? 'true' : null)}
                mb={6}
                data-testid="plan-filter-overdue"
              />
            </Group>
          </Paper>
          {plan.isError && <QueryError error={plan.error} onRetry={() => void plan.refetch()} />}
          {plan.isPending && (
            <Center py="xl">
              <Loader />
            </Center>
          )}
          {plan.data && (
            <Paper withBorder radius="md" p="xs">
              {plan.data.items.length === 0 ? (
                <Text c="dimmed" ta="center" py="xl" data-testid="plan-empty">
                  {t('compliance.remediation.empty')}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={1000}>
                  <Table verticalSpacing="sm" data-testid="plan-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('compliance.remediation.priority')}</Table.Th>
                        <Table.Th>{t('compliance.remediation.action')}</Table.Th>
                        <Table.Th>{t('compliance.common.status')}</Table.Th>
                        <Table.Th>{t('compliance.common.owner')}</Table.Th>
                        <Table.Th>{t('compliance.common.dueDate')}</Table.Th>
                        <Table.Th>{t('compliance.remediation.overrideLabel')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {plan.data.items.map((a) => (
                        <ActionRow key={`${a.id}:${a.version}`} org={org.slug} action={a} members={members} />
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="gaps">
          <Paper withBorder radius="md" p="xs">
            {tab === 'gaps' && <GapRegister org={org.slug} />}
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
