import { useState } from 'react';
import { Badge, Button, Center, Group, Loader, Paper, SimpleGrid, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecks, IconRosetteDiscountCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { ApproveSoaModal } from '../../components/soa/ApproveSoaModal';
import { SoaExportMenu } from '../../components/soa/SoaExportMenu';
import { SoaTable } from '../../components/soa/SoaTable';
import { SoaVersions } from '../../components/soa/SoaVersions';
import { soaLang } from '../../components/soa/soaUtils';
import { useMemberOptions } from '../../hooks/useMembers';
import { useOrg } from '../../hooks/useOrg';
import { useAcceptSoaSuggestions, useSoa, useSoaVersions } from '../../hooks/useSoa';
import { formatDate } from '../../lib/dates';

export function SoaPage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const navigate = useNavigate();
  const soa = useSoa(org.slug);
  const versions = useSoaVersions(org.slug);
  const members = useMemberOptions(org.slug);
  const accept = useAcceptSoaSuggestions(org.slug);
  const [approving, setApproving] = useState(false);

  if (soa.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  if (soa.isError) return <QueryError error={soa.error} onRetry={() => void soa.refetch()} />;
  const { summary, can, latestVersion } = soa.data;
  const undecided = summary.undecided;
  const versionList = versions.data?.items ?? [];
  const nextVersion = (latestVersion?.versionNo ?? 0) + 1;
  const blocked = undecided > 0 ? t('evidenceSoa.soa.approveBlocked', { count: undecided }) : null;

  const cards = [
    { key: 'applicable', value: summary.applicable, color: 'teal' },
    { key: 'notApplicable', value: summary.notApplicable, color: 'dark' },
    { key: 'undecided', value: summary.undecided, color: undecided > 0 ? 'orange' : undefined },
    { key: 'implemented', value: summary.implemented, color: 'blue' },
  ] as const;

  return (
    <>
      <PageHeader
        title={t('evidenceSoa.soa.title')}
        intro={t('evidenceSoa.soa.intro')}
        badge={
          latestVersion ? (
            <Badge variant="light" tt="none">
              {t('evidenceSoa.soa.versionN', { n: latestVersion.versionNo })}
            </Badge>
          ) : (
            <Badge variant="light" color="gray" tt="none">
              {t('evidenceSoa.soa.notApproved')}
            </Badge>
          )
        }
        actions={
          <>
            <SoaExportMenu org={org.slug} versions={versionList} />
            {can.update && (
              <Tooltip label={undecided > 0 ? t('evidenceSoa.soa.acceptHint') : t('evidenceSoa.soa.nothingToAccept')}>
                <Button
                  variant="light"
                  leftSection={<IconChecks size={16} />}
                  disabled={undecided === 0}
                  loading={accept.isPending}
                  onClick={() =>
                    accept.mutate(
                      { lang: soaLang(i18n.language) },
                      {
                        onSuccess: (result) =>
                          notifications.show({ color: 'teal', message: t('evidenceSoa.soa.accepted', { count: result.accepted.length }) }),
                      },
                    )
                  }
                  data-testid="soa-accept-suggestions"
                >
                  {t('evidenceSoa.soa.acceptSuggestions')}
                </Button>
              </Tooltip>
            )}
            {can.approve && (
              <Button
                leftSection={<IconRosetteDiscountCheck size={16} />}
                disabled={undecided > 0}
                aria-describedby={blocked ? 'soa-approve-blocked' : undefined}
                onClick={() => setApproving(true)}
                data-testid="soa-approve"
              >
                {t('evidenceSoa.soa.approve')}
              </Button>
            )}
          </>
        }
      />
      {accept.error ? <QueryError error={accept.error} /> : null}
      <SimpleGrid cols={{ base: 2, sm: 4 }} mb="sm" data-testid="soa-summary">
        {cards.map((c) => (
          <Paper key={c.key} withBorder p="sm" radius="md" data-testid={`soa-summary-${c.key}`}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(`evidenceSoa.soa.summary.${c.key}`)}
            </Text>
            <Text size="xl" fw={700} c={c.color} data-testid="soa-summary-value">
              {c.value} / {summary.total}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group gap="md" mb="md">
        {latestVersion && (
          <Text size="sm" c="dimmed" data-testid="soa-latest">
            {t('evidenceSoa.soa.latest', {
              n: latestVersion.versionNo,
              date: formatDate(latestVersion.approvedAt, i18n.language),
              name: latestVersion.approverName,
            })}
          </Text>
        )}
        {can.approve && blocked && (
          <Text size="sm" c="orange" id="soa-approve-blocked" data-testid="soa-approve-blocked">
            {blocked}
          </Text>
        )}
      </Group>
      <Paper withBorder radius="md" p="xs" mb="lg">
        <SoaTable org={org.slug} entries={soa.data.entries} members={members} />
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Title order={4} mb="sm">
          {t('evidenceSoa.soa.versions')}
        </Title>
        {versions.isError ? <QueryError error={versions.error} /> : <SoaVersions org={org.slug} versions={versionList} />}
      </Paper>
      <ApproveSoaModal
        org={org.slug}
        opened={approving}
        nextVersion={nextVersion}
        onClose={() => setApproving(false)}
        onApproved={(version) => {
          setApproving(false);
          notifications.show({ color: 'teal', message: t('evidenceSoa.soa.approved', { n: version.versionNo }) });
          void navigate(`/o/${org.slug}/soa/versions/${version.versionNo}`);
        }}
      />
    </>
  );
}
