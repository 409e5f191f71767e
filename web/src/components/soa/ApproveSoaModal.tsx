import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { soaLimits, type SoaVersionView } from '@contracts/soa/schema.js';
import { useApproveSoa } from '../../hooks/useSoa';
import { QueryError } from '../common/QueryError';

interface Props {
  org: string;
  opened: boolean;
  nextVersion: number;
  onClose: () => void;
  onApproved: (version: SoaVersionView) => void;
}

/** Approving freezes the statement as the next version; an optional note goes with it. */
export function ApproveSoaModal({ org, opened, nextVersion, onClose, onApproved }: Props) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const approve = useApproveSoa(org);
  return (
    <Modal opened={opened} onClose={onClose} title={t('evidenceSoa.soa.approveTitle')} centered data-testid="approve-soa-modal">
      <Stack>
        <Text size="sm">{t('evidenceSoa.soa.approveBody', { n: nextVersion })}</Text>
        <Textarea
          label={t('evidenceSoa.soa.approveNote')}
          autosize
          minRows={2}
          maxLength={soaLimits.note}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="approve-note"
        />
        {approve.error ? <QueryError error={approve.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={approve.isPending}
            onClick={() =>
              approve.mutate(
                { note: note.trim() || null },
                {
                  onSuccess: (version) => {
                    setNote('');
                    onApproved(version);
                  },
                },
              )
            }
            data-testid="approve-confirm"
          >
            {t('evidenceSoa.soa.approveConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
