import { useState } from 'react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RiskView } from '@contracts/risks/schema.js';
import { useArchiveRisk } from '../../hooks/useRisks';
import { ConfirmModal } from '../common/ConfirmModal';

/** Archive (after a question) or restore a risk. */
export function RiskArchiveButton({ org, risk }: { org: string; risk: RiskView }) {
  const { t } = useTranslation();
  const archive = useArchiveRisk(org);
  const [confirming, setConfirming] = useState(false);
  if (risk.archivedAt)
    return (
      <Button
        variant="default"
        leftSection={<IconArchiveOff size={16} />}
        loading={archive.isPending}
        onClick={() =>
          archive.mutate(
            { id: risk.id, archived: false },
            { onSuccess: () => notifications.show({ color: 'teal', message: t('risk.archive.restored') }) },
          )
        }
        data-testid="risk-restore"
      >
        {t('risk.archive.restore')}
      </Button>
    );
  return (
    <>
      <Button
        variant="subtle"
        color="red"
        leftSection={<IconArchive size={16} />}
        onClick={() => {
          archive.reset();
          setConfirming(true);
        }}
        data-testid="risk-archive"
      >
        {t('risk.archive.archive')}
      </Button>
      <ConfirmModal
        opened={confirming}
        title={t('risk.archive.title')}
        body={t('risk.archive.body')}
        confirmLabel={t('risk.archive.archive')}
        loading={archive.isPending}
        error={archive.error}
        onConfirm={() =>
          archive.mutate(
            { id: risk.id, archived: true },
            {
              onSuccess: () => {
                setConfirming(false);
                notifications.show({ color: 'teal', message: t('risk.archive.archived') });
              },
            },
          )
        }
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
