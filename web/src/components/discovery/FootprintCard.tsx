import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FootprintView } from '@contracts/discovery/schema.js';

/** The AI footprint figure: how much larger real AI use is than the inventory says. */
export function FootprintCard({ footprint }: { footprint: FootprintView }) {
  const { t } = useTranslation();
  const figure = (label: string, value: string, testId: string) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
  return (
    <Paper withBorder p="md" radius="md" data-testid="footprint-card">
      <Title order={4} mb="sm">
        {t('discovery.footprint.title')}
      </Title>
      <Group gap="xl">
        {figure(
          t('discovery.footprint.figure'),
          footprint.footprint === null ? t('discovery.footprint.noRegistered') : `× ${footprint.footprint.toFixed(2)}`,
          'footprint-figure',
        )}
        {figure(t('discovery.footprint.registered'), String(footprint.registered), 'footprint-registered')}
        {figure(t('discovery.footprint.unregistered'), String(footprint.unregisteredDiscovered), 'footprint-unregistered')}
      </Group>
      <Text size="xs" c="dimmed" mt="sm">
        {t('discovery.footprint.hint')}
      </Text>
    </Paper>
  );
}
