import { useMemo, useRef, useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Select, Stack, type ButtonProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EvidenceTargetType } from '@contracts/evidence/schema.js';
import { useCreateEvidence, useEvidenceList, useLinkEvidence, useUploadEvidenceFile } from '../../hooks/useEvidence';
import { useCan, useOrg } from '../../hooks/useOrg';
import { emptyEvidenceValues, evidencePayload } from '../../lib/evidenceForm';
import { errorMessage } from '../../lib/validation';
import { QueryError } from '../common/QueryError';
import { EvidenceForm } from './EvidenceForm';

export interface AttachEvidenceProps {
  targetType: EvidenceTargetType;
  /** a requirement's key is "<framework>:<requirement>"; the others are the row's id */
  targetKey: string;
  onAttached?: () => void;
  /** e.g. size="xs" variant="subtle" for a table row */
  buttonProps?: ButtonProps;
}

/**
 * "Attach evidence": pick an item from the library or add a new note, link or file, and link it to the target.
 * Self-contained (it reads the organisation from the layout); renders nothing for those who may not manage evidence.
 */
export function AttachEvidence({ targetType, targetKey, onAttached, buttonProps }: AttachEvidenceProps) {
  const { t } = useTranslation();
  const canManage = useCan('evidence.manage');
  const [opened, setOpened] = useState(false);
  if (!canManage) return null;
  return (
    <>
      <Button
        variant="light"
        size="xs"
        leftSection={<IconPaperclip size={14} />}
        {...buttonProps}
        onClick={() => setOpened(true)}
        data-testid="attach-evidence"
      >
        {t('evidenceSoa.evidence.attach.button')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('evidenceSoa.evidence.attach.title')} size="lg" centered>
        {opened && (
          <AttachEvidenceBody
            targetType={targetType}
            targetKey={targetKey}
            onClose={() => setOpened(false)}
            onAttached={() => {
              setOpened(false);
              notifications.show({ color: 'teal', message: t('evidenceSoa.evidence.attach.attached') });
              onAttached?.();
            }}
          />
        )}
      </Modal>
    </>
  );
}

interface BodyProps {
  targetType: EvidenceTargetType;
  targetKey: string;
  onClose: () => void;
  onAttached: () => void;
}

function AttachEvidenceBody({ targetType, targetKey, onClose, onAttached }: BodyProps) {
  const { t } = useTranslation();
  const org = useOrg();
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [selected, setSelected] = useState<string | null>(null);
  const link = useLinkEvidence(org.slug);
  const create = useCreateEvidence(org.slug);
  const upload = useUploadEvidenceFile(org.slug);
  const candidates = useEvidenceList(org.slug, { q: debounced || undefined, limit: 50, sort: 'title', order: 'asc' });
  const linked = useEvidenceList(org.slug, { targetType, targetKey, limit: 200 });
  const initialValues = useMemo(() => emptyEvidenceValues('note'), []);
  // a new item whose link failed is linked again on retry, not created twice
  const createdId = useRef<string | null>(null);

  const linkedIds = new Set((linked.data?.items ?? []).map((e) => e.id));
  const options = (candidates.data?.items ?? []).map((e) => ({
    value: e.id,
    label: linkedIds.has(e.id) ? `${e.title} (${t('evidenceSoa.evidence.attach.alreadyLinked')})` : e.title,
    disabled: linkedIds.has(e.id),
  }));

  return (
    <Stack data-testid="attach-evidence-modal">
      <SegmentedControl
        value={mode}
        onChange={(v) => setMode(v as 'existing' | 'new')}
        data={[
          { value: 'existing', label: t('evidenceSoa.evidence.attach.existing') },
          { value: 'new', label: t('evidenceSoa.evidence.attach.createNew') },
        ]}
        data-testid="attach-mode"
      />
      {mode === 'existing' ? (
        <>
          <Select
            label={t('evidenceSoa.evidence.attach.pick')}
            placeholder={t('evidenceSoa.evidence.attach.pickPlaceholder')}
            searchable
            clearable
            data={options}
            // the server searches; show what it found
            filter={({ options: all }) => all}
            searchValue={search}
            onSearchChange={setSearch}
            value={selected}
            onChange={setSelected}
            nothingFoundMessage={t('common.noResults')}
            comboboxProps={{ withinPortal: true }}
            data-testid="attach-pick"
          />
          {link.error ? <QueryError error={link.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={!selected}
              loading={link.isPending}
              onClick={() => selected && link.mutate({ id: selected, link: { targetType, targetKey } }, { onSuccess: onAttached })}
              data-testid="attach-submit"
            >
              {t('evidenceSoa.evidence.attach.submit')}
            </Button>
          </Group>
        </>
      ) : (
        <EvidenceForm
          mode="create"
          initialValues={initialValues}
          submitLabel={t('evidenceSoa.evidence.attach.submit')}
          onCancel={onClose}
          onSubmit={async (values) => {
            if (!createdId.current) {
              const created = await create.mutateAsync(evidencePayload(values));
              createdId.current = created.id;
              if (values.kind === 'file' && values.file) {
                try {
                  await upload.mutateAsync({ id: created.id, file: values.file });
                } catch (err) {
                  notifications.show({ color: 'red', message: t('evidenceSoa.evidence.uploadFailed', { message: errorMessage(err, t) }) });
                }
              }
            }
            await link.mutateAsync({ id: createdId.current, link: { targetType, targetKey } });
            onAttached();
          }}
        />
      )}
    </Stack>
  );
}
