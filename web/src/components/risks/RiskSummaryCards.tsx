import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { bandKeys, riskStatuses, type RiskMatrix, type RiskSummary } from '@contracts/risks/schema.js';
import { useLanguage } from '../../hooks/useLanguage';
import { bandOf, pick } from './riskUtils';

/** Counts for the register's head: open risks by current band, all by status, overdue reviews. */
export function RiskSummaryCards({ summary, matrix }: { summary: RiskSummary; matrix: RiskMatrix | undefined }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md" data-testid="risk-summary">
      <Paper withBorder radius="md" p="md">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {t('risk.summary.byBand')}
        </Text>
        <Group gap="lg" mt="xs">
          {bandKeys.map((k) => {
            const band = matrix ? bandOf(matrix, k) : undefined;
            return (
              <Stack key={k} gap={0} data-testid={`summary-band-${k}`}>
                <Text size="xl" fw={700} c={band?.color}>
                  {summary.byCurrentBand[k]}
                </Text>
                <Text size="xs">{band ? pick(band.name, language) : k}</Text>
              </Stack>
            );
          })}
        </Group>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {t('risk.summary.byStatus')}
        </Text>
        <Group gap="md" mt="xs">
          {riskStatuses.map((s) => (
            <Stack key={s} gap={0} data-testid={`summary-status-${s}`}>
              <Text size="lg" fw={700}>
                {summary.byStatus[s]}
              </Text>
              <Text size="xs">{t(`risk.status.${s}`)}</Text>
            </Stack>
          ))}
        </Group>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Group gap="lg">
          <Stack gap={0} data-testid="summary-overdue">
            <Text size="xl" fw={700} c={summary.overdueReviews > 0 ? 'red' : undefined}>
              {summary.overdueReviews}
            </Text>
            <Text size="xs">{t('risk.summary.overdueReviews')}</Text>
          </Stack>
          <Stack gap={0} data-testid="summary-above-acceptable">
            <Text size="xl" fw={700} c={summary.aboveAcceptable > 0 ? 'orange' : undefined}>
              {summary.aboveAcceptable}
            </Text>
            <Text size="xs">{t('risk.summary.aboveAcceptable')}</Text>
          </Stack>
          <Stack gap={0} data-testid="summary-without-owner">
            <Text size="xl" fw={700}>
              {summary.withoutOwner}
            </Text>
            <Text size="xs">{t('risk.summary.withoutOwner')}</Text>
          </Stack>
          <Stack gap={0} data-testid="summary-total">
            <Text size="xl" fw={700}>
              {summary.total}
            </Text>
            <Text size="xs">{t('risk.summary.total')}</Text>
          </Stack>
        </Group>
      </Paper>
    </SimpleGrid>
  );
}
