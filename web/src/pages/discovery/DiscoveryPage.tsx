import { Badge, Button, Center, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconBook } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import type { DiscoveryRunView } from '@contracts/discovery/schema.js';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { FindingsTable } from '../../components/discovery/FindingsTable';
import { FootprintCard } from '../../components/discovery/FootprintCard';
import { ScanCard } from '../../components/discovery/ScanCard';
import { useDiscoveryFindings, useDiscoveryFootprint, useDiscoveryRuns } from '../../hooks/useDiscovery';
import { useLanguage } from '../../hooks/useLanguage';
import { useCan, useOrg } from '../../hooks/useOrg';
import { formatDateTime } from '../../lib/dates';

const statusColor: Record<DiscoveryRunView['status'], string> = { running: 'blue', done: 'teal', failed: 'red' };

/** Shadow-AI discovery: the footprint, a scan form with progress, the scans so far and the discovered services. */
export function DiscoveryPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const org = useOrg();
  const canRead = useCan('system.read');
  const canScan = useCan('import.run');
  const canManage = useCan('discovery.manage');
  const footprint = useDiscoveryFootprint(org.slug);
  const findings = useDiscoveryFindings(org.slug);
  const runs = useDiscoveryRuns(org.slug);
  if (!canRead) return <Navigate to={`/o/${org.slug}`} replace />;

  return (
    <>
      <PageHeader
        title={t('discovery.page.title')}
        intro={t('discovery.page.intro')}
        actions={
          canManage && (
            <Button
              component={Link}
              to={`/o/${org.slug}/discovery/catalogue`}
              variant="default"
              leftSection={<IconBook size={16} />}
              data-testid="discovery-catalogue-link"
            >
              {t('discovery.catalogue.title')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        {footprint.data ? <FootprintCard footprint={footprint.data} /> : footprint.error ? <QueryError error={footprint.error} /> : null}
        {canScan && <ScanCard org={org.slug} />}
        <Paper withBorder p="lg" radius="md">
          <Title order={4} mb="sm">
            {t('discovery.findings.title')}
          </Title>
          {findings.isPending ? (
            <Center>
              <Loader />
            </Center>
          ) : findings.error ? (
            <QueryError error={findings.error} onRetry={() => void findings.refetch()} />
          ) : (
            <FindingsTable org={org.slug} findings={findings.data.items} />
          )}
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Title order={4} mb="sm">
            {t('discovery.runs.title')}
          </Title>
          {runs.error ? <QueryError error={runs.error} /> : null}
          {runs.data && runs.data.items.length === 0 && <Text c="dimmed">{t('discovery.runs.none')}</Text>}
          {runs.data && runs.data.items.length > 0 && (
            <Table.ScrollContainer minWidth={700}>
              <Table data-testid="discovery-runs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('discovery.runs.file')}</Table.Th>
                    <Table.Th>{t('discovery.runs.format')}</Table.Th>
                    <Table.Th>{t('discovery.runs.status')}</Table.Th>
                    <Table.Th>{t('discovery.runs.lines')}</Table.Th>
                    <Table.Th>{t('discovery.runs.rejected')}</Table.Th>
                    <Table.Th>{t('discovery.runs.findings')}</Table.Th>
                    <Table.Th>{t('discovery.runs.when')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {runs.data.items.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.fileName}</Table.Td>
                      <Table.Td>{t(`discovery.format.${r.format}`)}</Table.Td>
                      <Table.Td>
                        <Badge color={statusColor[r.status]} variant="light" title={r.error ?? undefined}>
                          {t(`discovery.status.${r.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{r.linesRead}</Table.Td>
                      <Table.Td>{r.linesRejected}</Table.Td>
                      <Table.Td>{r.findings}</Table.Td>
                      <Table.Td>{formatDateTime(r.createdAt, language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      </Stack>
    </>
  );
}
