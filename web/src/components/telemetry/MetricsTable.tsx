import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MetricsView } from '@contracts/telemetry/schema.js';
import { useLanguage } from '../../hooks/useLanguage';
import { formatCount } from './format';

const formatValue = (n: number | null, language: string): string =>
  n === null ? '—' : new Intl.NumberFormat(language, { maximumFractionDigits: Math.abs(n) < 10 ? 3 : 1 }).format(n);

/** The metrics one system reported through /v1/metrics over the period: data points, sum and mean per series. */
export function MetricsTable({ view }: { view: MetricsView | undefined }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  if (!view) return null;
  if (view.metrics.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="telemetry-metrics-empty">
        {t('telemetry.metrics.empty')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table data-testid="telemetry-metrics">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('telemetry.metrics.metric')}</Table.Th>
            <Table.Th>{t('telemetry.metrics.series')}</Table.Th>
            <Table.Th ta="right">{t('telemetry.metrics.count')}</Table.Th>
            <Table.Th ta="right">{t('telemetry.metrics.sum')}</Table.Th>
            <Table.Th ta="right">{t('telemetry.metrics.mean')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.metrics.map((m) => (
            <Table.Tr key={`${m.metric}|${m.series}`} data-testid="telemetry-metric-row">
              <Table.Td ff="monospace">{m.metric}</Table.Td>
              <Table.Td>{m.series || '—'}</Table.Td>
              <Table.Td ta="right">{formatCount(m.count, language)}</Table.Td>
              <Table.Td ta="right">{formatValue(m.sum, language)}</Table.Td>
              <Table.Td ta="right">{formatValue(m.mean, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
