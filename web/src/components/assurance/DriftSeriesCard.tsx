import { useMemo } from 'react';
import { Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRunSeries } from '../../hooks/useAssurance';
import { formatDateTime } from '../../lib/dates';
import { EChart, type EChartOption } from '../charts/EChart';
import { fmt } from './format';

/** The share of drifted columns of every drift check, oldest first, with the 50% dataset-drift line. */
export function DriftSeriesCard({ org, systemId }: { org: string; systemId: string }) {
  const { t, i18n } = useTranslation();
  const series = useRunSeries(org, systemId, 'drift');
  const points = useMemo(() => series.data?.points ?? [], [series.data]);
  const option: EChartOption = useMemo(
    () => ({
      grid: { left: 48, right: 24, top: 24, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', min: 0, max: 1, name: t('assurance.drift.share') },
      series: [
        {
          type: 'line',
          name: t('assurance.drift.share'),
          data: points.map((p) => [p.at, p.score]),
          markLine: { symbol: 'none', lineStyle: { color: '#e03131', type: 'dashed' }, data: [{ yAxis: 0.5 }] },
        },
      ],
    }),
    [points, t],
  );
  return (
    <Card withBorder padding="md" mb="lg">
      <Title order={4} mb="sm">
        {t('assurance.drift.seriesTitle')}
      </Title>
      {points.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('assurance.drift.seriesEmpty')}
        </Text>
      ) : (
        <>
          <EChart option={option} label={t('assurance.drift.seriesLabel')} height={220} />
          <Table fz="xs" data-testid="drift-series-values" aria-label={t('assurance.drift.seriesLabel')}>
            <Table.Tbody>
              {points.map((p) => (
                <Table.Tr key={p.runId}>
                  <Table.Td>{formatDateTime(p.at, i18n.language)}</Table.Td>
                  <Table.Td>{p.datasetName}</Table.Td>
                  <Table.Td>{fmt(p.score)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}
