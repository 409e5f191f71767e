import { useState } from 'react';
import { Loader, Anchor, Button, Group, Paper, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryError } from '../common/QueryError';
import { useSystemList } from '../../hooks/useSystems';
import { useCreateFeature, useUpdateFeature, useVendorFeatures } from '../../hooks/useVendorGovernance';
import { formatCalendarDate } from '../../lib/dates';

const empty = { product: '', feature: '', enabledBy: '', enabledOn: '', systemId: null as string | null };

export function VendorFeaturesTab({ org, vendorId, canUpdate }: { org: string; vendorId: string; canUpdate: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useVendorFeatures(org, vendorId);
  const create = useCreateFeature(org, vendorId);
  const update = useUpdateFeature(org);
  const systems = useSystemList(org, { limit: 200, sort: 'name', order: 'asc' });
  const [form, setForm] = useState(empty);
  const text = (name: 'product' | 'feature' | 'enabledBy' | 'enabledOn') => ({
    value: form[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: e.currentTarget.value }),
  });
  if (list.isError) return <QueryError error={list.error} />;
  if (list.isPending) return <Loader size="sm" />;
  return (
    <Stack>
      {canUpdate && (
        <Paper withBorder p="md" radius="md">
          <Group align="flex-end" wrap="wrap">
            <TextInput label={t('vendorGovernance.features.product')} required {...text('product')} />
            <TextInput label={t('vendorGovernance.features.feature')} required {...text('feature')} />
            <TextInput label={t('vendorGovernance.features.enabledBy')} {...text('enabledBy')} />
            <TextInput label={t('vendorGovernance.features.enabledOn')} type="date" {...text('enabledOn')} />
            <Select
              label={t('vendorGovernance.features.system')}
              clearable
              searchable
              value={form.systemId}
              data={(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              onChange={(v) => setForm({ ...form, systemId: v })}
            />
            <Button
              loading={create.isPending}
              disabled={!form.product.trim() || !form.feature.trim()}
              onClick={() =>
                create.mutate(
                  {
                    product: form.product,
                    feature: form.feature,
                    enabledBy: form.enabledBy || null,
                    enabledOn: form.enabledOn || null,
                    systemId: form.systemId,
                  },
                  { onSuccess: () => setForm(empty) },
                )
              }
            >
              {t('vendorGovernance.features.add')}
            </Button>
          </Group>
          {create.error ? <QueryError error={create.error} /> : null}
        </Paper>
      )}
      {update.error ? <QueryError error={update.error} /> : null}
      {list.data?.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('vendorGovernance.features.empty')}
        </Text>
      ) : (
        <Table data-testid="vendor-features">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('vendorGovernance.features.product')}</Table.Th>
              <Table.Th>{t('vendorGovernance.features.feature')}</Table.Th>
              <Table.Th>{t('vendorGovernance.features.enabled')}</Table.Th>
              <Table.Th>{t('vendorGovernance.features.enabledBy')}</Table.Th>
              <Table.Th>{t('vendorGovernance.features.system')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>{f.product}</Table.Td>
                <Table.Td>{f.feature}</Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={`${f.product} ${f.feature}`}
                    checked={f.enabled}
                    disabled={!canUpdate}
                    onChange={(e) => update.mutate({ id: f.id, body: { enabled: e.currentTarget.checked, version: f.version } })}
                  />
                </Table.Td>
                <Table.Td>
                  {[f.enabledBy, f.enabledOn && formatCalendarDate(f.enabledOn, i18n.language)].filter(Boolean).join(' · ')}
                </Table.Td>
                <Table.Td>
                  {f.system ? (
                    <Anchor component={Link} to={`/o/${org}/systems/${f.system.id}`} size="sm">
                      {f.system.name}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('vendorGovernance.features.noSystem')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
