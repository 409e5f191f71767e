import { Button } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconHistory, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

interface RecordActionsProps {
  /** e.g. "system" or "vendor": used in the test ids */
  kind: string;
  /** the record's audit-trail link, or null when the user may not read the audit trail */
  auditHref: string | null;
  editHref: string;
  can: { update: boolean; archive: boolean };
  archived: boolean;
  restoring: boolean;
  onArchive: () => void;
  onRestore: () => void;
}

/** The actions on a register record's page: its audit trail, edit, archive (with confirmation) and restore. */
export function RecordActions({ kind, auditHref, editHref, can, archived, restoring, onArchive, onRestore }: RecordActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      {auditHref && (
        <Button component={Link} to={auditHref} variant="subtle" leftSection={<IconHistory size={16} />}>
          {t('common.viewAudit')}
        </Button>
      )}
      {can.update && !archived && (
        <Button component={Link} to={editHref} leftSection={<IconPencil size={16} />} data-testid={`edit-${kind}`}>
          {t('common.edit')}
        </Button>
      )}
      {can.archive && !archived && (
        <Button variant="light" color="red" leftSection={<IconArchive size={16} />} onClick={onArchive} data-testid={`archive-${kind}`}>
          {t('common.archive')}
        </Button>
      )}
      {can.archive && archived && (
        <Button
          variant="light"
          leftSection={<IconArrowBackUp size={16} />}
          loading={restoring}
          onClick={onRestore}
          data-testid={`restore-${kind}`}
        >
          {t('common.restore')}
        </Button>
      )}
    </>
  );
}
