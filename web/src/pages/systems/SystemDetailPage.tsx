import { useState } from 'react';
import { Alert, Anchor, Badge, Button } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ConfirmModal } from '../../components/common/ConfirmModal';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { PageHeader } from '../../components/common/PageHeader';
import { RecordActions } from '../../components/common/RecordActions';
import { QueryError } from '../../components/common/QueryError';
import { ClassificationCard, ClassifyButton } from '../../components/classification/ClassificationCard';
import { SuggestedRisksCard } from '../../components/risks/SuggestedRisksCard';
import { SystemDetails } from '../../components/systems/SystemDetails';
import { useCan, useOrg } from '../../hooks/useOrg';
import { useArchiveSystem, useSystem } from '../../hooks/useSystems';
import { formatDate } from '../../lib/dates';

export function SystemDetailPage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const { id = '' } = useParams();
  const system = useSystem(org.slug, id);
  const archive = useArchiveSystem(org.slug, id);
  const canAudit = useCan('audit.read');
  const canAssurance = useCan('assurance.read');
  const [confirming, setConfirming] = useState(false);

  if (system.isPending) return <FullPageLoader />;
  if (system.isError) return <QueryError error={system.error} />;
  const s = system.data;
  const archived = s.archivedAt !== null;

  const restore = () =>
    archive.mutate(false, { onSuccess: () => notifications.show({ color: 'teal', message: t('systems.restoredDone') }) });
  const confirmArchive = () =>
    archive.mutate(true, {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'teal', message: t('systems.archivedDone') });
      },
    });

  return (
    <>
      <Anchor component={Link} to={`/o/${org.slug}/systems`} size="sm" mb="xs" display="inline-block">
        ← {t('systems.title')}
      </Anchor>
      <PageHeader
        title={s.name}
        badge={
          archived ? (
            <Badge color="gray" data-testid="archived-badge">
              {t('common.archived')}
            </Badge>
          ) : undefined
        }
        actions={
          <>
            {!archived && <ClassifyButton org={org.slug} systemId={s.id} />}
            {canAssurance && (
              <Button
                component={Link}
                to={`/o/${org.slug}/systems/${s.id}/assurance`}
                variant="light"
                leftSection={<IconScale size={16} />}
                data-testid="open-assurance"
              >
                {t('assurance.page.open')}
              </Button>
            )}
            <RecordActions
              kind="system"
              auditHref={canAudit ? `/o/${org.slug}/audit?entityId=${encodeURIComponent(s.id)}` : null}
              editHref={`/o/${org.slug}/systems/${s.id}/edit`}
              can={s.can}
              archived={archived}
              restoring={archive.isPending}
              onArchive={() => {
                archive.reset();
                setConfirming(true);
              }}
              onRestore={restore}
            />
          </>
        }
      />
      {archived && (
        <Alert color="gray" mb="lg" data-testid="archived-notice">
          {t('systems.archivedNotice', { date: formatDate(s.archivedAt, i18n.language) })}
        </Alert>
      )}
      {!confirming && archive.error ? <QueryError error={archive.error} /> : null}
      <ClassificationCard org={org.slug} systemId={s.id} />
      <SystemDetails system={s} org={org.slug} />
      {!archived && <SuggestedRisksCard org={org.slug} systemId={s.id} />}
      <ConfirmModal
        opened={confirming}
        title={t('systems.archiveTitle')}
        body={t('systems.archiveBody')}
        confirmLabel={t('systems.archiveConfirm')}
        loading={archive.isPending}
        error={archive.error}
        onConfirm={confirmArchive}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
