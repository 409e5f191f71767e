import { useState } from 'react';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLinkPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EvidenceTargetType } from '@contracts/evidence/schema.js';
import { ApiError } from '../../api/client';
import { useControlList } from '../../hooks/useControls';
import { useLinkEvidence } from '../../hooks/useEvidence';
import { useSystemList } from '../../hooks/useSystems';
import { errorMessage } from '../../lib/validation';

/** The targets a person links by hand; assessment items are linked from the assessment itself. */
const linkableTypes = ['requirement', 'control', 'system'] as const satisfies readonly EvidenceTargetType[];
type LinkableType = (typeof linkableTypes)[number];

/** Links an evidence item to a requirement ("<framework>:<requirement>"), an applied control or an AI system. */
export function AddLinkForm({ org, evidenceId }: { org: string; evidenceId: string }) {
  const { t } = useTranslation();
  const [type, setType] = useState<LinkableType>('requirement');
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const link = useLinkEvidence(org);
  const controls = useControlList(org, { limit: 500 });
  const systems = useSystemList(org, { limit: 200, sort: 'name', order: 'asc' });
  const label = t(`evidenceSoa.evidence.targetTypes.${type}`);

  const submit = () => {
    setError(null);
    link.mutate(
      { id: evidenceId, link: { targetType: type, targetKey: key.trim() } },
      {
        onSuccess: () => {
          setKey('');
          notifications.show({ color: 'teal', message: t('evidenceSoa.evidence.linkAdded') });
        },
        onError: (err) => setError(err instanceof ApiError && err.issues[0] ? err.issues[0].message : errorMessage(err, t)),
      },
    );
  };

  return (
    <Group align="flex-start" gap="sm" data-testid="add-link-form">
      <Select
        label={t('evidenceSoa.evidence.targetType')}
        data={linkableTypes.map((v) => ({ value: v, label: t(`evidenceSoa.evidence.targetTypes.${v}`) }))}
        value={type}
        allowDeselect={false}
        onChange={(v) => {
          setType((v as LinkableType | null) ?? 'requirement');
          setKey('');
          setError(null);
        }}
        w={180}
        data-testid="link-target-type"
      />
      {type === 'requirement' ? (
        <TextInput
          label={label}
          placeholder="iso-iec-42001-2023:A.6.2.4"
          description={t('evidenceSoa.evidence.requirementHint')}
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          error={error}
          style={{ flex: 1 }}
          data-testid="link-target-key"
        />
      ) : (
        <Select
          label={label}
          placeholder={t('evidenceSoa.evidence.chooseTarget')}
          searchable
          data={
            type === 'control'
              ? (controls.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))
              : (systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))
          }
          value={key || null}
          onChange={(v) => setKey(v ?? '')}
          error={error}
          style={{ flex: 1 }}
          data-testid="link-target-key"
        />
      )}
      <Button
        mt={25}
        leftSection={<IconLinkPlus size={16} />}
        disabled={!key.trim()}
        loading={link.isPending}
        onClick={submit}
        data-testid="add-link"
      >
        {t('evidenceSoa.evidence.addLink')}
      </Button>
    </Group>
  );
}
