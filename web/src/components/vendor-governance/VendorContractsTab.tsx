import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ContractView } from '@contracts/vendor-contracts/schema.js';
import { QueryError } from '../common/QueryError';
import { useCreateContract, useSetClause, useVendorContracts } from '../../hooks/useVendorGovernance';
import { formatCalendarDate } from '../../lib/dates';

type ClauseStatus = ContractView['clauses'][number]['status'];
const statusColour: Record<ClauseStatus, string> = { not_reviewed: 'gray', present: 'teal', missing: 'red', under_negotiation: 'yellow' };
const settable = ['present', 'missing', 'under_negotiation'] as const;

function ContractCard({ org, contract, canUpdate }: { org: string; contract: ContractView; canUpdate: boolean }) {
  const { t, i18n } = useTranslation();
  const setClause = useSetClause(org);
  const lang = i18n.language === 'zh-HK' ? 'zh-HK' : 'en';
  const { summary } = contract;
  return (
    <Paper withBorder p="md" radius="md" data-testid="vendor-contract">
      <Group justify="space-between" mb="xs">
        <Stack gap={0}>
          <Text fw={600}>{contract.title}</Text>
          <Text size="sm" c="dimmed">
            {[
              contract.reference,
              contract.startsOn && formatCalendarDate(contract.startsOn, i18n.language),
              contract.endsOn && formatCalendarDate(contract.endsOn, i18n.language),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
        <Text size="sm">
          {t('vendorGovernance.contracts.summary', {
            present: summary.present,
            missing: summary.missing,
            negotiating: summary.under_negotiation,
          })}
        </Text>
      </Group>
      {setClause.error ? <QueryError error={setClause.error} /> : null}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('vendorGovernance.contracts.clause')}</Table.Th>
            <Table.Th w={220} />
            <Table.Th>{t('vendorGovernance.contracts.action')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contract.clauses.map((c) => (
            <Table.Tr key={c.key}>
              <Table.Td>{c.title[lang]}</Table.Td>
              <Table.Td>
                {canUpdate && contract.archivedAt === null ? (
                  <Select
                    size="xs"
                    aria-label={c.title[lang]}
                    value={c.status === 'not_reviewed' ? null : c.status}
                    placeholder={t('vendorGovernance.contracts.clauseStatus.not_reviewed')}
                    data={settable.map((s) => ({ value: s, label: t(`vendorGovernance.contracts.clauseStatus.${s}`) }))}
                    onChange={(value) => {
                      const status = settable.find((s) => s === value);
                      if (status)
                        setClause.mutate({ contractId: contract.id, key: c.key, body: { status, note: c.note, evidenceId: c.evidenceId } });
                    }}
                    allowDeselect={false}
                  />
                ) : (
                  <Badge color={statusColour[c.status]} variant="light">
                    {t(`vendorGovernance.contracts.clauseStatus.${c.status}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {c.action ? (
                  <Anchor component={Link} to={`/o/${org}/remediation`} size="sm">
                    {c.action.title} ({c.action.status})
                  </Anchor>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function VendorContractsTab({ org, vendorId, canUpdate }: { org: string; vendorId: string; canUpdate: boolean }) {
  const { t } = useTranslation();
  const list = useVendorContracts(org, vendorId);
  const create = useCreateContract(org, vendorId);
  const [form, setForm] = useState({ title: '', reference: '', startsOn: '', endsOn: '' });
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: e.currentTarget.value }),
  });
  if (list.isError) return <QueryError error={list.error} />;
  return (
    <Stack>
      {canUpdate && (
        <Paper withBorder p="md" radius="md">
          <Group align="flex-end" wrap="wrap">
            <TextInput label={t('vendorGovernance.contracts.title')} required {...field('title')} />
            <TextInput label={t('vendorGovernance.contracts.reference')} {...field('reference')} />
            <TextInput label={t('vendorGovernance.contracts.startsOn')} type="date" {...field('startsOn')} />
            <TextInput label={t('vendorGovernance.contracts.endsOn')} type="date" {...field('endsOn')} />
            <Button
              loading={create.isPending}
              disabled={!form.title.trim()}
              onClick={() =>
                create.mutate(
                  { title: form.title, reference: form.reference || null, startsOn: form.startsOn || null, endsOn: form.endsOn || null },
                  { onSuccess: () => setForm({ title: '', reference: '', startsOn: '', endsOn: '' }) },
                )
              }
            >
              {t('vendorGovernance.contracts.add')}
            </Button>
          </Group>
          {create.error ? <QueryError error={create.error} /> : null}
        </Paper>
      )}
      {list.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('vendorGovernance.contracts.empty')}
        </Text>
      )}
      {list.data?.items.map((c) => (
        <ContractCard key={c.id} org={org} contract={c} canUpdate={canUpdate} />
      ))}
    </Stack>
  );
}
