import { useMemo } from 'react';
import { Center, Loader, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SeriesView } from '@contracts/telemetry/schema.js';
import { EChart, type EChartOption } from '../charts/EChart';

/** Requests and errors, and latency percentiles, of one system over the chosen period. */
export function TelemetryCharts({ series, loading }: { series: SeriesView | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const [requests, latency] = useMemo((): [EChartOption, EChartOption] => {
    const points = series?.points ?? [];
    const x = points.map((p) => p.t);
    const base = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'time' },
    };
    return [
      {
        ...base,
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('telemetry.charts.requests'),
            type: 'bar',
            data: points.map((p, i) => [x[i], p.requests]),
            itemStyle: { color: '#228be6' },
          },
          {
            name: t('telemetry.charts.errors'),
            type: 'bar',
            data: points.map((p, i) => [x[i], p.errors]),
            itemStyle: { color: '#fa5252' },
          },
        ],
      },
      {
        ...base,
        yAxis: { type: 'value', name: t('telemetry.charts.latency') },
        series: (['p50', 'p95', 'p99'] as const).map((k) => ({
          name: k,
          type: 'line',
          // minutes without traffic have no latency: gaps, with points so that a lone minute still shows
          showSymbol: true,
          symbolSize: 4,
          connectNulls: false,
          data: points.map((p, i) => [x[i], p[k]]),
        })),
      },
    ];
  }, [series, t]);

  if (loading && !series) {
    return (
      <Center py="lg">
        <Loader size="sm" />
      </Center>
    );
  }
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <EChart option={requests} label={t('telemetry.charts.requestsChart')} height={260} />
        <EChart option={latency} label={t('telemetry.charts.latencyChart')} height={260} />
      </SimpleGrid>
    </Stack>
  );
}
