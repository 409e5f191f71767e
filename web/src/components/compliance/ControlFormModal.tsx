import { useState } from 'react';
import { Button, Group, Modal, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { controlStatuses, limits, type ControlStatus, type ControlView, type RequirementRef } from '@contracts/controls/schema.js';
import { controlFrequencies } from '@contracts/frameworks/schema.js';
import { useSaveControl } from '../../hooks/useControls';
import { useMemberOptions } from '../../hooks/useMembers';
import { useServerErrors } from '../../hooks/useServerErrors';
import { useSystemList } from '../../hooks/useSystems';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { RequirementPicker } from './RequirementPicker';

type Frequency = (typeof controlFrequencies)[number];
const fields = ['name', 'description', 'ownerId', 'status', 'frequency', 'requirements', 'systemIds'] as const;

interface Draft {
  name: string;
  description: string;
  ownerId: string | null;
  status: ControlStatus;
  frequency: Frequency;
  requirements: RequirementRef[];
  systemIds: string[];
}

const draftOf = (c: ControlView | null): Draft => ({
  name: c?.name ?? '',
  description: c?.description ?? '',
  ownerId: c?.owner?.id ?? null,
  status: c?.status ?? 'planned',
  frequency: c?.frequency ?? 'annual',
  requirements: (c?.requirements ?? []).map((r) => ({ framework: r.framework, requirementId: r.requirementId })),
  systemIds: (c?.systems ?? []).map((s) => s.id),
});

/** Create (control = null) or edit an applied control. Render with a key per control so each edit starts fresh. */
export function ControlFormModal({ org, control, onClose }: { org: string; control: ControlView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const members = useMemberOptions(org);
  const systems = useSystemList(org, { limit: 200, sort: 'name', order: 'asc' });
  const save = useSaveControl(org);
  const [draft, setDraft] = useState<Draft>(() => draftOf(control));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = useServerErrors(fields, setErrors);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  // Systems already linked stay choosable even when archived or beyond the first 200.
  const systemOptions = [
    ...(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
    ...(control?.systems ?? []).filter((s) => !systems.data?.items.some((i) => i.id === s.id)).map((s) => ({ value: s.id, label: s.name })),
  ];

  const submit = async () => {
    if (!draft.name.trim()) {
      setErrors({ name: t('validation.required') });
      return;
    }
    setErrors({});
    const body = { ...draft, name: draft.name.trim(), ...(control ? { version: control.version } : {}) };
    const saved = await server.run(() => save.mutateAsync({ id: control?.id ?? null, body }));
    if (!saved) return;
    notifications.show({ color: 'teal', message: t('compliance.controls.saved') });
    onClose();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={control ? t('compliance.controls.edit') : t('compliance.controls.new')}
      data-testid="control-form"
    >
      <Stack>
        <TextInput
          label={t('compliance.controls.name')}
          required
          maxLength={limits.name}
          value={draft.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
          data-testid="control-name"
        />
        <Textarea
          label={t('compliance.controls.description')}
          autosize
          minRows={3}
          maxLength={limits.description}
          value={draft.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
          data-testid="control-description"
        />
        <Group grow align="flex-start">
          <Select
            label={t('compliance.common.owner')}
            data={members}
            value={draft.ownerId}
            onChange={(v) => set('ownerId', v)}
            searchable
            clearable
            error={errors.ownerId}
            data-testid="control-owner"
          />
          <Select
            label={t('compliance.common.status')}
            data={controlStatuses.map((s) => ({ value: s, label: t(`compliance.controlStatus.${s}`) }))}
            value={draft.status}
            onChange={(v) => v && set('status', v as ControlStatus)}
            allowDeselect={false}
            error={errors.status}
            data-testid="control-status"
          />
          <Select
            label={t('compliance.controls.frequency')}
            data={controlFrequencies.map((f) => ({ value: f, label: t(`compliance.frequency.${f}`) }))}
            value={draft.frequency}
            onChange={(v) => v && set('frequency', v as Frequency)}
            allowDeselect={false}
            error={errors.frequency}
            data-testid="control-frequency"
          />
        </Group>
        <RequirementPicker value={draft.requirements} onChange={(v) => set('requirements', v)} error={errors.requirements} />
        <MultiSelect
          label={t('compliance.controls.systems')}
          data={systemOptions}
          value={draft.systemIds}
          onChange={(v) => set('systemIds', v)}
          searchable
          clearable
          error={errors.systemIds}
          data-testid="control-systems"
        />
        <FormErrorAlert error={server.error} otherIssues={server.otherIssues} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={save.isPending} data-testid="control-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
