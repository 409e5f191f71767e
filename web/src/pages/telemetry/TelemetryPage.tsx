import { useEffect, useMemo, useState } from 'react';
import { Center, Group, Loader, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { MetricsTable } from '../../components/telemetry/MetricsTable';
import { TelemetryCharts } from '../../components/telemetry/TelemetryCharts';
import { TelemetrySettingsPanel } from '../../components/telemetry/TelemetrySettingsPanel';
import { TelemetryTable } from '../../components/telemetry/TelemetryTable';
import { UnregisteredPanel } from '../../components/telemetry/UnregisteredPanel';
import { useCan, useOrg } from '../../hooks/useOrg';
import { useSystemList } from '../../hooks/useSystems';
import { useTelemetryMetrics, useTelemetryOverview, useTelemetrySeries } from '../../hooks/useTelemetry';

const periods = { lastHour: 3_600_000, last24h: 86_400_000, last7d: 7 * 86_400_000, last30d: 30 * 86_400_000 } as const;
type Period = keyof typeof periods;
const MINUTE = 60_000;

/** The period as ISO dates, moved forward once a minute so that the views follow the clock. */
function useWindow(period: Period) {
  const [now, setNow] = useState(() => Math.ceil(Date.now() / MINUTE) * MINUTE);
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.ceil(Date.now() / MINUTE) * MINUTE), MINUTE);
    return () => clearInterval(timer);
  }, []);
  return useMemo(() => ({ from: new Date(now - periods[period]).toISOString(), to: new Date(now).toISOString() }), [now, period]);
}

/** LLM and model telemetry: per-system figures, charts for one system, unregistered AI and the settings. */
export function TelemetryPage() {
  const { t } = useTranslation();
  const org = useOrg();
  const canManage = useCan('telemetry.manage');
  const [period, setPeriod] = useState<Period>('last24h');
  const range = useWindow(period);
  const overview = useTelemetryOverview(org.slug, range);
  const systemsQuery = useSystemList(org.slug, { limit: 200, sort: 'name', order: 'asc' });
  const systems = useMemo(() => (systemsQuery.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })), [systemsQuery.data]);
  const [chosen, setChosen] = useState<string | null>(null);
  const firstSystem = overview.data?.subjects.find((s) => s.systemId)?.systemId ?? null;
  const systemId = chosen ?? firstSystem;
  const series = useTelemetrySeries(org.slug, systemId, range);
  const metrics = useTelemetryMetrics(org.slug, systemId, range);
  const endpoint = `${globalThis.location?.origin ?? ''}/v1/traces`;

  return (
    <>
      <PageHeader
        title={t('telemetry.page.title')}
        intro={t('telemetry.page.intro', { endpoint })}
        actions={
          <SegmentedControl
            value={period}
            onChange={(v) => setPeriod(v as Period)}
            data={(Object.keys(periods) as Period[]).map((p) => ({ value: p, label: t(`telemetry.page.${p}`) }))}
            aria-label={t('telemetry.page.window')}
            data-testid="telemetry-period"
          />
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="sm">
            {t('telemetry.page.systemsTitle')}
          </Title>
          {overview.isPending && (
            <Center py="md">
              <Loader size="sm" />
            </Center>
          )}
          {overview.isError && <QueryError error={overview.error} onRetry={() => void overview.refetch()} />}
          {overview.data && overview.data.subjects.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('telemetry.page.noTraffic')}
            </Text>
          )}
          {overview.data && overview.data.subjects.length > 0 && (
            <TelemetryTable subjects={overview.data.subjects} selected={systemId} onSelect={setChosen} />
          )}
        </Paper>

        <Paper withBorder p="md" radius="md" data-testid="telemetry-charts">
          <Group justify="space-between" mb="sm">
            <Title order={4}>{t('telemetry.charts.title')}</Title>
            <Select
              aria-label={t('telemetry.charts.system')}
              placeholder={t('telemetry.charts.chooseSystem')}
              data={systems}
              value={systemId}
              onChange={setChosen}
              searchable
              data-testid="telemetry-system"
            />
          </Group>
          {series.isError && <QueryError error={series.error} onRetry={() => void series.refetch()} />}
          {systemId ? (
            <Stack>
              <TelemetryCharts series={series.data} loading={series.isPending} />
              <Title order={5}>{t('telemetry.metrics.title')}</Title>
              {metrics.isError && <QueryError error={metrics.error} onRetry={() => void metrics.refetch()} />}
              <MetricsTable view={metrics.data} />
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('telemetry.charts.chooseSystem')}
            </Text>
          )}
        </Paper>

        <UnregisteredPanel org={org.slug} canManage={canManage} systems={systems} />
        <TelemetrySettingsPanel org={org.slug} canManage={canManage} systems={systems} />
      </Stack>
    </>
  );
}
