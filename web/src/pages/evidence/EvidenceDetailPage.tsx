import { useState } from 'react';
import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ConfirmModal } from '../../components/common/ConfirmModal';
import { DetailList } from '../../components/common/DetailList';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { RecordActions } from '../../components/common/RecordActions';
import { AddLinkForm } from '../../components/evidence/AddLinkForm';
import { EvidenceLinks } from '../../components/evidence/EvidenceLinks';
import { EvidenceVersions } from '../../components/evidence/EvidenceVersions';
import { ExpiryBadge } from '../../components/evidence/ExpiryBadge';
import { useArchiveEvidence, useEvidence } from '../../hooks/useEvidence';
import { useCan, useOrg } from '../../hooks/useOrg';
import { formatCalendarDate, formatDate, formatDateTime } from '../../lib/dates';

export function EvidenceDetailPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const org = useOrg();
  const { id = '' } = useParams();
  const evidence = useEvidence(org.slug, id);
  const archive = useArchiveEvidence(org.slug, id);
  const canAudit = useCan('audit.read');
  const [confirming, setConfirming] = useState(false);

  if (evidence.isPending) return <FullPageLoader />;
  if (evidence.isError) return <QueryError error={evidence.error} />;
  const e = evidence.data;
  const archived = e.archivedAt !== null;

  return (
    <>
      <Anchor component={Link} to={`/o/${org.slug}/evidence`} size="sm" mb="xs" display="inline-block">
        ← {t('evidenceSoa.evidence.title')}
      </Anchor>
      <PageHeader
        title={e.title}
        badge={
          <Group gap={6}>
            <Badge variant="outline" color="gray" tt="none">
              {t(`evidenceSoa.evidence.kinds.${e.kind}`)}
            </Badge>
            <ExpiryBadge state={e.expiryState} />
            {archived && <Badge color="gray">{t('common.archived')}</Badge>}
          </Group>
        }
        actions={
          <RecordActions
            kind="evidence"
            auditHref={canAudit ? `/o/${org.slug}/audit?entityId=${encodeURIComponent(e.id)}` : null}
            editHref={`/o/${org.slug}/evidence/${e.id}/edit`}
            can={e.can}
            archived={archived}
            restoring={archive.isPending}
            onArchive={() => {
              archive.reset();
              setConfirming(true);
            }}
            onRestore={() =>
              archive.mutate(false, {
                onSuccess: () => notifications.show({ color: 'teal', message: t('evidenceSoa.evidence.restoredDone') }),
              })
            }
          />
        }
      />
      {archived && (
        <Alert color="gray" mb="lg">
          {t('evidenceSoa.evidence.archivedNotice', { date: formatDate(e.archivedAt, lang) })}
        </Alert>
      )}
      {!confirming && archive.error ? <QueryError error={archive.error} /> : null}
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <DetailList
            items={[
              {
                label: t('evidenceSoa.evidence.fields.url'),
                value: e.url ? (
                  <Anchor href={e.url} target="_blank" rel="noopener noreferrer" size="sm" data-testid="evidence-url">
                    {e.url}
                  </Anchor>
                ) : null,
              },
              { label: t('evidenceSoa.evidence.fields.owner'), value: e.owner ? `${e.owner.name} (${e.owner.email})` : null },
              { label: t('evidenceSoa.evidence.fields.collectedOn'), value: formatCalendarDate(e.collectedOn, lang) },
              {
                label: t('evidenceSoa.evidence.fields.expiresOn'),
                value: formatCalendarDate(e.expiresOn, lang),
                testId: 'evidence-expires',
              },
              { label: t('common.updated'), value: formatDateTime(e.updatedAt, lang) },
            ]}
          />
          {[
            { label: t('evidenceSoa.evidence.fields.description'), text: e.description },
            { label: t('evidenceSoa.evidence.fields.note'), text: e.note },
          ].map((block) =>
            block.text ? (
              <Stack key={block.label} gap={2} mt="md">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {block.label}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {block.text}
                </Text>
              </Stack>
            ) : null,
          )}
        </Paper>
        {e.kind === 'file' && (
          <Paper withBorder p="lg" radius="md">
            <Title order={4} mb="sm">
              {t('evidenceSoa.evidence.versions')} ({e.versions.length})
            </Title>
            <EvidenceVersions org={org.slug} evidence={e} canUpload={e.can.upload && !archived} />
          </Paper>
        )}
        <Paper withBorder p="lg" radius="md">
          <Title order={4} mb="sm">
            {t('evidenceSoa.evidence.links')} ({e.links.length})
          </Title>
          <Stack gap="md">
            <EvidenceLinks org={org.slug} evidenceId={e.id} links={e.links} canEdit={e.can.link && !archived} />
            {e.can.link && !archived && <AddLinkForm org={org.slug} evidenceId={e.id} />}
          </Stack>
        </Paper>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('evidenceSoa.evidence.archiveTitle')}
        body={t('evidenceSoa.evidence.archiveBody')}
        confirmLabel={t('evidenceSoa.evidence.archiveConfirm')}
        loading={archive.isPending}
        error={archive.error}
        onConfirm={() =>
          archive.mutate(true, {
            onSuccess: () => {
              setConfirming(false);
              notifications.show({ color: 'teal', message: t('evidenceSoa.evidence.archivedDone') });
            },
          })
        }
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
