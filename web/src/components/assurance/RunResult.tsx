import { useState } from 'react';
import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { DriftResults, FairnessResults, RunView } from '@contracts/assurance/schema.js';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { runDownloadUrl } from '../../api/assurance';
import { FairnessChart, type ChartRate } from './FairnessChart';
import { fmt } from './format';

export function OutcomeBadge({ outcome }: { outcome: RunView['outcome'] }) {
  const { t } = useTranslation();
  const color = outcome === 'pass' || outcome === 'no_drift' ? 'teal' : 'red';
  return (
    <Badge color={color} data-testid="run-outcome" data-outcome={outcome}>
      {t(`assurance.result.${outcome}`)}
    </Badge>
  );
}

function FairnessDetails({ results }: { results: FairnessResults }) {
  const { t } = useTranslation();
  const [rate, setRate] = useState<ChartRate>('selectionRate');
  const bound = (min?: number, max?: number) =>
    [min !== undefined ? `≥ ${min}` : null, max !== undefined ? `≤ ${max}` : null].filter(Boolean).join(', ');
  return (
    <Stack gap="md">
      <Text size="sm">{t('assurance.result.rows', { rows: results.report.rows, excluded: results.report.excludedRows })}</Text>
      <FairnessChart results={results} rate={rate} onRate={setRate} />
      <Title order={5}>{t('assurance.result.checks')}</Title>
      <Table striped withTableBorder fz="sm" data-testid="fairness-checks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assurance.result.metric')}</Table.Th>
            <Table.Th>{t('assurance.result.group')}</Table.Th>
            <Table.Th>{t('assurance.result.value')}</Table.Th>
            <Table.Th>{t('assurance.result.bound')}</Table.Th>
            <Table.Th>{t('assurance.result.ciLow')}</Table.Th>
            <Table.Th>{t('assurance.result.ciHigh')}</Table.Th>
            <Table.Th>{t('assurance.result.verdict')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.checks.map((c, i) => (
            <Table.Tr key={`${c.metric}-${c.group ?? ''}-${i}`}>
              <Table.Td>{t(`assurance.metrics.${c.metric}`)}</Table.Td>
              <Table.Td>
                {c.group ?? t('assurance.result.aggregate')}
                {c.small && (
                  <Text span c="dimmed" size="xs" ml={4}>
                    ({t('assurance.result.small')})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{c.value === null ? t('assurance.result.undefined') : fmt(c.value)}</Table.Td>
              <Table.Td>{bound(c.min, c.max)}</Table.Td>
              <Table.Td>{fmt(c.ci?.low)}</Table.Td>
              <Table.Td>{fmt(c.ci?.high)}</Table.Td>
              <Table.Td>
                {c.pass === null ? (
                  <Badge color="gray">{t('assurance.result.notEvaluated')}</Badge>
                ) : (
                  <Badge color={c.pass ? 'teal' : 'red'}>{t(c.pass ? 'assurance.result.pass' : 'assurance.result.fail')}</Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function DriftDetails({ results }: { results: DriftResults }) {
  const { t } = useTranslation();
  const { columns, datasetDrift } = results.report;
  return (
    <Stack gap="sm">
      <Text size="sm">{t('assurance.result.datasetDrift', { share: (datasetDrift.share * 100).toFixed(1) })}</Text>
      <Table striped withTableBorder fz="sm" data-testid="drift-columns">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assurance.result.column')}</Table.Th>
            <Table.Th>{t('assurance.result.type')}</Table.Th>
            <Table.Th>n</Table.Th>
            <Table.Th>{t('assurance.result.test')}</Table.Th>
            <Table.Th>{t('assurance.result.statistic')}</Table.Th>
            <Table.Th>{t('assurance.result.threshold')}</Table.Th>
            <Table.Th>PSI</Table.Th>
            <Table.Th>{t('assurance.result.drifted')}</Table.Th>
            <Table.Th>{t('assurance.result.why')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Object.entries(columns).map(([name, c]) => (
            <Table.Tr key={name} data-column={name}>
              <Table.Td>{name}</Table.Td>
              <Table.Td>{t(`assurance.datasets.${c.type}`)}</Table.Td>
              <Table.Td>
                {c.n.reference}/{c.n.current}
              </Table.Td>
              <Table.Td>{c.defaultTest.name}</Table.Td>
              <Table.Td>{fmt(c.defaultTest.value)}</Table.Td>
              <Table.Td>{c.defaultTest.threshold}</Table.Td>
              <Table.Td>{fmt(c.psi)}</Table.Td>
              <Table.Td>
                <Badge color={c.defaultTest.drift ? 'red' : 'teal'}>
                  {t(c.defaultTest.drift ? 'assurance.result.drift' : 'assurance.result.no_drift')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{c.defaultTest.reason}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** One stored run: outcome, figures, chart (fairness) or per-column table (drift), links to its evidence and JSON. */
export function RunResult({ org, run }: { org: string; run: RunView }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" data-testid="run-result">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={4}>{t('assurance.result.title')}</Title>
          <OutcomeBadge outcome={run.outcome} />
          {run.profileName && <Badge variant="light">{run.profileName}</Badge>}
        </Group>
        <Group gap="md">
          {run.evidenceId && (
            <Anchor component={Link} to={`/o/${org}/evidence/${run.evidenceId}`} size="sm">
              {t('assurance.result.evidence')}
            </Anchor>
          )}
          <Anchor href={runDownloadUrl(org, run.id)} size="sm">
            {t('assurance.result.download')}
          </Anchor>
        </Group>
      </Group>
      {run.kind === 'fairness' ? (
        <FairnessDetails results={run.results as FairnessResults} />
      ) : (
        <DriftDetails results={run.results as DriftResults} />
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t('assurance.result.libraryVersion')}: {run.libraryVersion}
      </Text>
    </Card>
  );
}
