import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SoaVersionSummary } from '@contracts/soa/schema.js';
import { getSoaVersion } from '../../api/soa';
import { formatDateTime } from '../../lib/dates';

/** Whether a version's stored hash still matches its snapshot (known only from the version itself). */
export function HashBadge({ valid }: { valid: boolean | undefined }) {
  const { t } = useTranslation();
  if (valid === undefined) return <Text size="sm">…</Text>;
  return (
    <Badge color={valid ? 'teal' : 'red'} variant="light" tt="none" data-testid="soa-hash" data-valid={valid}>
      {valid ? t('evidenceSoa.soa.hashValid') : t('evidenceSoa.soa.hashInvalid')}
    </Badge>
  );
}

export function SoaVersions({ org, versions }: { org: string; versions: SoaVersionSummary[] }) {
  const { t, i18n } = useTranslation();
  // The list carries no integrity check; each version's own answer does.
  const details = useQueries({
    queries: versions.slice(0, 20).map((v) => ({
      queryKey: ['soa', org, 'version', v.versionNo],
      queryFn: () => getSoaVersion(org, v.versionNo),
      staleTime: 60_000,
    })),
  });
  if (versions.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="soa-no-versions">
        {t('evidenceSoa.soa.noVersions')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" data-testid="soa-versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('evidenceSoa.soa.versionColumns.no')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.versionColumns.approver')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.versionColumns.date')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.versionColumns.note')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.versionColumns.hash')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v, i) => (
            <Table.Tr key={v.versionNo} data-testid="soa-version-row">
              <Table.Td>{v.versionNo}</Table.Td>
              <Table.Td>{v.approverName}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(v.approvedAt, i18n.language)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {v.note ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>{i < details.length ? <HashBadge valid={details[i]?.data?.hashValid} /> : '—'}</Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/o/${org}/soa/versions/${v.versionNo}`}
                  size="sm"
                  aria-label={t('evidenceSoa.soa.viewVersion', { n: v.versionNo })}
                >
                  {t('evidenceSoa.soa.view')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
