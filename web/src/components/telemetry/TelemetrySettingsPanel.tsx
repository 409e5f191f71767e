import { useEffect, useState } from 'react';
import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { telemetryLimits } from '@contracts/telemetry/schema.js';
import { useBindings, useDeleteBinding, usePutBinding, usePutTelemetrySettings, useTelemetrySettings } from '../../hooks/useTelemetry';
import { QueryError } from '../common/QueryError';

interface Props {
  org: string;
  canManage: boolean;
  systems: { value: string; label: string }[];
}

/** Retention of raw spans and rollups, and the service-name bindings. */
export function TelemetrySettingsPanel({ org, canManage, systems }: Props) {
  const { t } = useTranslation();
  const settings = useTelemetrySettings(org);
  const save = usePutTelemetrySettings(org);
  const bindings = useBindings(org);
  const bind = usePutBinding(org);
  const unbind = useDeleteBinding(org);
  const [spanDays, setSpanDays] = useState<number | string>('');
  const [rollupDays, setRollupDays] = useState<number | string>('');
  const [serviceName, setServiceName] = useState('');
  const [systemId, setSystemId] = useState<string | null>(null);

  useEffect(() => {
    if (!settings.data) return;
    setSpanDays(settings.data.spanRetentionDays);
    setRollupDays(settings.data.rollupRetentionDays);
  }, [settings.data]);

  const saveRetention = async () => {
    await save.mutateAsync({ spanRetentionDays: Number(spanDays), rollupRetentionDays: Number(rollupDays) });
    notifications.show({ color: 'teal', message: t('telemetry.settings.saved') });
  };
  const addBinding = async () => {
    if (!systemId || serviceName.trim() === '') return;
    await bind.mutateAsync({ serviceName: serviceName.trim(), systemId });
    setServiceName('');
    setSystemId(null);
  };

  return (
    <Paper withBorder p="md" radius="md" data-testid="telemetry-settings">
      <Title order={4} mb="sm">
        {t('telemetry.settings.title')}
      </Title>
      {settings.isError && <QueryError error={settings.error} onRetry={() => void settings.refetch()} />}
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
        <NumberInput
          label={t('telemetry.settings.spanRetention')}
          min={telemetryLimits.spanRetentionDays.min}
          max={telemetryLimits.spanRetentionDays.max}
          value={spanDays}
          onChange={setSpanDays}
          disabled={!canManage}
          data-testid="span-retention"
        />
        <NumberInput
          label={t('telemetry.settings.rollupRetention')}
          min={telemetryLimits.rollupRetentionDays.min}
          max={telemetryLimits.rollupRetentionDays.max}
          value={rollupDays}
          onChange={setRollupDays}
          disabled={!canManage}
          data-testid="rollup-retention"
        />
        {canManage && (
          <Group align="flex-end">
            <Button onClick={() => void saveRetention()} loading={save.isPending} data-testid="save-retention">
              {t('common.save')}
            </Button>
          </Group>
        )}
      </SimpleGrid>
      {save.isError && <QueryError error={save.error} />}

      <Title order={5} mb={4}>
        {t('telemetry.settings.bindingsTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('telemetry.settings.bindingsIntro')}
      </Text>
      <Stack gap="sm">
        {bindings.data && bindings.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('telemetry.settings.noBindings')}
          </Text>
        )}
        {bindings.data && bindings.data.items.length > 0 && (
          <Table data-testid="bindings-table">
            <Table.Tbody>
              {bindings.data.items.map((b) => (
                <Table.Tr key={b.serviceName}>
                  <Table.Td>{b.serviceName}</Table.Td>
                  <Table.Td>→ {b.systemName ?? b.systemId}</Table.Td>
                  {canManage && (
                    <Table.Td ta="right">
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => void unbind.mutateAsync(b.serviceName)}>
                        {t('telemetry.settings.removeBinding')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canManage && (
          <Group align="flex-end">
            <TextInput
              label={t('telemetry.settings.serviceName')}
              value={serviceName}
              onChange={(e) => setServiceName(e.currentTarget.value)}
              maxLength={telemetryLimits.serviceName}
            />
            <Select label={t('telemetry.column.system')} data={systems} value={systemId} onChange={setSystemId} searchable />
            <Button onClick={() => void addBinding()} loading={bind.isPending} disabled={!systemId || serviceName.trim() === ''}>
              {t('telemetry.settings.addBinding')}
            </Button>
          </Group>
        )}
        {bind.isError && <QueryError error={bind.error} />}
      </Stack>
    </Paper>
  );
}
