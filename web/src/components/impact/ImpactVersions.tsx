import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useImpactVersions } from '../../hooks/useImpact';
import { useLanguage } from '../../hooks/useLanguage';
import { formatDate } from '../../lib/dates';
import { ImpactStatusBadge } from './ImpactStatusBadge';

/** Every version of the system's assessment, newest first; the one on screen is not a link. */
export function ImpactVersions({ org, systemId, currentId }: { org: string; systemId: string; currentId: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const versions = useImpactVersions(org, systemId);
  if (!versions.data) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="impact-versions">
      <Title order={4} mb="sm">
        {t('risk.impact.versions')}
      </Title>
      <Stack gap="xs">
        {versions.data.items.map((v) => (
          <Group key={v.id} justify="space-between" wrap="nowrap" data-testid={`impact-version-${v.versionNo}`}>
            <Stack gap={0}>
              {v.id === currentId ? (
                <Text size="sm" fw={700}>
                  {t('risk.impact.version', { n: v.versionNo })}
                </Text>
              ) : (
                <Anchor component={Link} to={`/o/${org}/impact-assessments/${v.id}`} size="sm">
                  {t('risk.impact.version', { n: v.versionNo })}
                </Anchor>
              )}
              <Text size="xs" c="dimmed">
                {v.approvedAt
                  ? t('risk.impact.approvedOn', { date: formatDate(v.approvedAt, language) })
                  : t('risk.impact.created', { date: formatDate(v.createdAt, language), name: v.createdBy })}
              </Text>
            </Stack>
            <ImpactStatusBadge
              status={v.needsReassessment ? 'needs_reassessment' : v.status}
              testId={`impact-version-status-${v.versionNo}`}
            />
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
