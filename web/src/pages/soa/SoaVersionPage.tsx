import { Alert, Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { SoaExportMenu } from '../../components/soa/SoaExportMenu';
import { SoaStatementTable } from '../../components/soa/SoaStatementTable';
import { HashBadge } from '../../components/soa/SoaVersions';
import { useOrg } from '../../hooks/useOrg';
import { useSoaVersion } from '../../hooks/useSoa';
import { formatDateTime } from '../../lib/dates';

/** One approved version as frozen, with its integrity check and its exports. */
export function SoaVersionPage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const { versionNo = '' } = useParams();
  const n = Number(versionNo);
  const version = useSoaVersion(org.slug, n);

  const back = (
    <Anchor component={Link} to={`/o/${org.slug}/soa`} size="sm" mb="xs" display="inline-block">
      ← {t('evidenceSoa.soa.title')}
    </Anchor>
  );
  if (!Number.isInteger(n) || n < 1)
    return (
      <>
        {back}
        <Text c="dimmed">{t('common.notFoundRecord')}</Text>
      </>
    );
  if (version.isPending) return <FullPageLoader />;
  if (version.isError)
    return (
      <>
        {back}
        <QueryError error={version.error} />
      </>
    );
  const v = version.data;

  return (
    <>
      {back}
      <PageHeader
        title={t('evidenceSoa.soa.versionTitle', { n: v.versionNo })}
        badge={<HashBadge valid={v.hashValid} />}
        actions={<SoaExportMenu org={org.slug} version={v.versionNo} />}
      />
      <Stack gap="md">
        <Alert color={v.hashValid ? 'blue' : 'red'} data-testid="soa-version-notice">
          <Text size="sm">
            {t('evidenceSoa.soa.frozenNotice', { date: formatDateTime(v.approvedAt, i18n.language), name: v.approverName })}
          </Text>
          {v.note && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {t('evidenceSoa.soa.versionColumns.note')}: {v.note}
            </Text>
          )}
          <Group gap={4} mt={4}>
            <Text size="xs" c="dimmed">
              SHA-256
            </Text>
            <Text size="xs" ff="monospace" c="dimmed" style={{ wordBreak: 'break-all' }} data-testid="soa-version-hash">
              {v.snapshotHash}
            </Text>
          </Group>
        </Alert>
        <Paper withBorder radius="md" p="xs">
          <SoaStatementTable entries={v.snapshot.entries} />
        </Paper>
      </Stack>
    </>
  );
}
