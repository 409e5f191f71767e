import { Anchor, Button, Card, Table, Text, Title } from '@mantine/core';
import type { RunSummary } from '@contracts/assurance/schema.js';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../lib/dates';
import { fmt } from './format';
import { OutcomeBadge } from './RunResult';

export function RunsCard({ org, runs, onView }: { org: string; runs: RunSummary[]; onView: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="md" mb="lg">
      <Title order={4} mb="sm">
        {t('assurance.runs.title')}
      </Title>
      {runs.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('assurance.runs.empty')}
        </Text>
      ) : (
        <Table striped fz="sm" data-testid="runs-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assurance.runs.at')}</Table.Th>
              <Table.Th>{t('assurance.runs.kind')}</Table.Th>
              <Table.Th>{t('assurance.runs.dataset')}</Table.Th>
              <Table.Th>{t('assurance.runs.profile')}</Table.Th>
              <Table.Th>{t('assurance.result.outcome')}</Table.Th>
              <Table.Th>{t('assurance.runs.score')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatDateTime(r.createdAt, i18n.language)}</Table.Td>
                <Table.Td>{t(r.kind === 'fairness' ? 'assurance.runs.fairness' : 'assurance.runs.driftKind')}</Table.Td>
                <Table.Td>{r.referenceDatasetName ? `${r.referenceDatasetName} → ${r.datasetName}` : r.datasetName}</Table.Td>
                <Table.Td>{r.profileName ?? '—'}</Table.Td>
                <Table.Td>
                  <OutcomeBadge outcome={r.outcome} />
                </Table.Td>
                <Table.Td>{fmt(r.score)}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="light" onClick={() => onView(r.id)} mr="xs">
                    {t('assurance.runs.view')}
                  </Button>
                  {r.evidenceId && (
                    <Anchor component={Link} to={`/o/${org}/evidence/${r.evidenceId}`} size="xs">
                      {t('assurance.runs.evidence')}
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
