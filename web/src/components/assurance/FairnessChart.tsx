import { useMemo } from 'react';
import { SegmentedControl, Stack, Table, Text } from '@mantine/core';
import type { FairnessResults } from '@contracts/assurance/schema.js';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartOption } from '../charts/EChart';
import { fmt } from './format';

export const chartRates = ['selectionRate', 'tpr', 'fpr', 'accuracy'] as const;
export type ChartRate = (typeof chartRates)[number];

interface Row {
  group: string;
  count: number;
  value: number | null;
  low: number | null;
  high: number | null;
  small: boolean;
}

/** Where the profile's bounds put a line on this rate's axis (a group beyond it breaks the bound). */
function thresholdOf(results: FairnessResults, rate: ChartRate, rows: Row[]): number | null {
  const values = rows.map((r) => r.value).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  if (rate === 'selectionRate') {
    const ratio = results.checks.find(
      (c) => (c.metric === 'demographicParityRatio' || c.metric === 'disparateImpact') && c.min !== undefined,
    );
    return ratio?.min !== undefined ? ratio.min * Math.max(...values) : null;
  }
  if (rate === 'tpr' || rate === 'fpr') {
    const eo = results.checks.find((c) => c.metric === 'equalizedOddsDifference' && c.max !== undefined);
    return eo?.max !== undefined ? Math.min(...values) + eo.max : null;
  }
  return null;
}

interface CustomApi {
  value: (dim: number) => number;
  coord: (point: [number, number]) => [number, number];
  size: (d: [number, number]) => [number, number];
}

/** Per-group rates as bars, bootstrap intervals as error bars, the profile's bound as a line; the values also as a table. */
export function FairnessChart({ results, rate, onRate }: { results: FairnessResults; rate: ChartRate; onRate: (r: ChartRate) => void }) {
  const { t } = useTranslation();
  const rows: Row[] = useMemo(
    () =>
      Object.entries(results.report.groups).map(([group, g]) => {
        const ci = results.bootstrap?.intervals[`groups.${group}.${rate}`];
        return {
          group,
          count: g.count,
          value: g[rate],
          low: ci?.low ?? null,
          high: ci?.high ?? null,
          small: g.count < results.minGroupSize,
        };
      }),
    [results, rate],
  );
  const threshold = thresholdOf(results, rate, rows);
  const rateLabel = t(`assurance.rates.${rate}`);
  const option: EChartOption = useMemo(
    () => ({
      grid: { left: 48, right: 24, top: 24, bottom: 64 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map((r) => r.group), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', min: 0, max: 1, name: rateLabel },
      series: [
        {
          type: 'bar',
          name: rateLabel,
          data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.small ? '#adb5bd' : '#228be6' } })),
          markLine:
            threshold === null
              ? undefined
              : {
                  symbol: 'none',
                  lineStyle: { color: '#e03131', type: 'dashed' },
                  label: { position: 'insideEndTop', formatter: t('assurance.result.thresholdLine', { value: fmt(threshold) }) },
                  data: [{ yAxis: threshold }],
                },
        },
        {
          type: 'custom',
          name: 'CI',
          renderItem: (_params: unknown, api: CustomApi) => {
            const x = api.value(0);
            const low = api.coord([x, api.value(1)]);
            const high = api.coord([x, api.value(2)]);
            const half = api.size([1, 0])[0] * 0.12;
            const style = { stroke: '#212529', lineWidth: 1.5 };
            return {
              type: 'group',
              children: [
                { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
                { type: 'line', shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] }, style },
                { type: 'line', shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] }, style },
              ],
            };
          },
          encode: { x: 0, y: [1, 2] },
          data: rows.flatMap((r, i) => (r.low !== null && r.high !== null ? [[i, r.low, r.high]] : [])),
          z: 10,
        },
      ],
    }),
    [rows, threshold, rateLabel, t],
  );
  return (
    <Stack gap="xs">
      <SegmentedControl
        value={rate}
        onChange={(v) => onRate(v as ChartRate)}
        data={chartRates.map((r) => ({ value: r, label: t(`assurance.rates.${r}`) }))}
        data-testid="fairness-rate"
      />
      <EChart option={option} label={t('assurance.result.chartLabel', { metric: rateLabel })} height={300} />
      <Table striped withTableBorder fz="sm" data-testid="fairness-chart-values" aria-label={t('assurance.result.valuesCaption')}>
        <Table.Caption>{t('assurance.result.valuesCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assurance.result.group')}</Table.Th>
            <Table.Th>{t('assurance.result.count')}</Table.Th>
            <Table.Th>{rateLabel}</Table.Th>
            <Table.Th>{t('assurance.result.ciLow')}</Table.Th>
            <Table.Th>{t('assurance.result.ciHigh')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.group} data-group={r.group}>
              <Table.Td>
                {r.group}
                {r.small && (
                  <Text span c="dimmed" size="xs" ml={4}>
                    ({t('assurance.result.small')})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{r.count}</Table.Td>
              <Table.Td data-testid={`rate-${r.group}`} data-value={r.value ?? ''}>
                {fmt(r.value)}
              </Table.Td>
              <Table.Td>{fmt(r.low)}</Table.Td>
              <Table.Td>{fmt(r.high)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {threshold !== null && (
        <Text size="xs" c="dimmed">
          {t('assurance.result.thresholdLine', { value: fmt(threshold) })}
        </Text>
      )}
    </Stack>
  );
}
