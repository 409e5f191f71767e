import { lazy, Suspense } from 'react';
import { Skeleton } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';

export type EChartOption = EChartsCoreOption;

export interface EChartProps {
  option: EChartOption;
  height?: number;
  /** accessible name of the chart; also used by tests to find it */
  label: string;
}

// ECharts is large: it loads with the first chart a user opens, not with the app.
const EChartCanvas = lazy(() => import('./EChartCanvas'));

export function EChart(props: EChartProps) {
  return (
    <Suspense fallback={<Skeleton height={props.height ?? 320} />}>
      <EChartCanvas {...props} />
    </Suspense>
  );
}
