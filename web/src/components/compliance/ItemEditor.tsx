import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Badge, Button, Drawer, Group, List, Select, Stack, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { itemStatuses, type AssessmentItemView, type ItemStatus, type UpdateItemInput } from '@contracts/assessments/schema.js';
import { useUpdateItem } from '../../hooks/useAssessments';
import { useMemberOptions } from '../../hooks/useMembers';
import { useServerErrors } from '../../hooks/useServerErrors';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { pick } from '../frameworks/labels';
import { controlStatusColor } from './colors';
import { AttachEvidence } from '../evidence/AttachEvidence';
import { CreateActionButton } from './CreateActionButton';

const fields = [
  'status',
  'statusSource',
  'overrideReason',
  'justification',
  'maturity',
  'notes',
  'gapDescription',
  'ownerId',
  'dueDate',
] as const;

interface Props {
  org: string;
  assessmentId: string;
  item: AssessmentItemView;
  canManage: boolean;
  onClose: () => void;
}

interface Draft {
  status: ItemStatus;
  overrideReason: string;
  justification: string;
  maturity: string | null;
  notes: string;
  gapDescription: string;
  ownerId: string | null;
  dueDate: string | null;
}

const draftOf = (item: AssessmentItemView): Draft => ({
  status: item.status,
  overrideReason: item.overrideReason ?? '',
  justification: item.justification ?? '',
  maturity: item.maturity === null ? null : String(item.maturity),
  notes: item.notes ?? '',
  gapDescription: item.gapDescription ?? '',
  ownerId: item.owner?.id ?? null,
  dueDate: item.dueDate,
});

/** The assessment of one requirement, in a drawer (render with `key={item.id}` so a new item starts a new draft). */
export function ItemEditor({ org, assessmentId, item, canManage, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const members = useMemberOptions(org);
  const update = useUpdateItem(org, assessmentId);
  const [draft, setDraft] = useState<Draft>(() => draftOf(item));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = useServerErrors(fields, setErrors);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const statusChanged = draft.status !== item.status;
  const showOverrideReason = statusChanged || item.statusSource === 'manual';

  const save = async (extra: UpdateItemInput = {}) => {
    setErrors({});
    const body: UpdateItemInput = {
      // Sending the status marks it as set by hand: only when the assessor changed it.
      ...(statusChanged ? { status: draft.status } : {}),
      ...(showOverrideReason ? { overrideReason: draft.overrideReason } : {}),
      justification: draft.justification,
      maturity: draft.maturity === null ? null : Number(draft.maturity),
      notes: draft.notes,
      gapDescription: draft.gapDescription,
      ownerId: draft.ownerId,
      dueDate: draft.dueDate || null,
      version: item.version,
      ...extra,
    };
    const saved = await server.run(() => update.mutateAsync({ requirement: item.requirementId, body }));
    if (saved) onClose();
  };

  const useDerived = async () => {
    setErrors({});
    const saved = await server.run(() =>
      update.mutateAsync({ requirement: item.requirementId, body: { statusSource: 'derived', version: item.version } }),
    );
    if (saved) setDraft((d) => ({ ...d, status: saved.status }));
  };

  const derivedLabel = t(`compliance.itemStatus.${item.derivedStatus}`);
  const readOnly = !canManage;

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="lg"
      title={t('compliance.workspace.editorTitle', { id: item.requirementId })}
      data-testid="item-editor"
    >
      <Stack gap="md">
        <Text fw={500}>{pick(item.title, i18n.language)}</Text>
        <Group gap="xs">
          <Badge
            miw="fit-content"
            variant="light"
            color={item.statusSource === 'manual' ? 'orange' : 'blue'}
            data-testid="item-status-source"
          >
            {item.statusSource === 'manual' ? t('compliance.workspace.manual') : t('compliance.workspace.derived')}
          </Badge>
          <Text size="sm" c="dimmed">
            {item.statusSource === 'manual'
              ? t('compliance.workspace.manualHelp', { status: derivedLabel })
              : t('compliance.workspace.derivedHelp', { status: derivedLabel })}
          </Text>
        </Group>
        {item.statusSource === 'manual' && canManage && (
          <Group>
            <Button size="xs" variant="light" onClick={() => void useDerived()} loading={update.isPending} data-testid="use-derived">
              {t('compliance.workspace.useDerived')}
            </Button>
          </Group>
        )}
        {readOnly && <Alert color="gray">{t('compliance.workspace.readOnly')}</Alert>}
        <Select
          label={t('compliance.common.status')}
          data={itemStatuses.map((s) => ({ value: s, label: t(`compliance.itemStatus.${s}`) }))}
          value={draft.status}
          onChange={(v) => v && set('status', v as ItemStatus)}
          allowDeselect={false}
          disabled={readOnly}
          error={errors.status ?? errors.statusSource}
          data-testid="item-status"
        />
        {showOverrideReason && (
          <Textarea
            label={t('compliance.workspace.overrideReason')}
            value={draft.overrideReason}
            onChange={(e) => set('overrideReason', e.currentTarget.value)}
            autosize
            minRows={1}
            disabled={readOnly}
            error={errors.overrideReason}
          />
        )}
        <Textarea
          label={t('compliance.workspace.justification')}
          description={t('compliance.workspace.justificationHint')}
          withAsterisk={draft.status === 'not_applicable'}
          value={draft.justification}
          onChange={(e) => set('justification', e.currentTarget.value)}
          autosize
          minRows={2}
          disabled={readOnly}
          error={errors.justification}
          data-testid="item-justification"
        />
        <Group grow align="flex-start">
          <Select
            label={t('compliance.workspace.maturity')}
            description={t('compliance.workspace.maturityHint')}
            data={['0', '1', '2', '3', '4', '5']}
            value={draft.maturity}
            onChange={(v) => set('maturity', v)}
            clearable
            disabled={readOnly}
            error={errors.maturity}
            data-testid="item-maturity"
          />
          <DateInput
            label={t('compliance.common.dueDate')}
            valueFormat="YYYY-MM-DD"
            clearable
            value={draft.dueDate}
            onChange={(v) => set('dueDate', v)}
            disabled={readOnly}
            error={errors.dueDate}
            data-testid="item-due-date"
          />
        </Group>
        <Select
          label={t('compliance.common.owner')}
          data={members}
          value={draft.ownerId}
          onChange={(v) => set('ownerId', v)}
          searchable
          clearable
          disabled={readOnly}
          error={errors.ownerId}
          data-testid="item-owner"
        />
        <Textarea
          label={t('compliance.workspace.gapDescription')}
          value={draft.gapDescription}
          onChange={(e) => set('gapDescription', e.currentTarget.value)}
          autosize
          minRows={2}
          disabled={readOnly}
          error={errors.gapDescription}
        />
        <Textarea
          label={t('compliance.workspace.notes')}
          value={draft.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
          autosize
          minRows={2}
          disabled={readOnly}
          error={errors.notes}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('compliance.workspace.controls')}
          </Text>
          {item.controls.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('compliance.workspace.noControls')}
            </Text>
          ) : (
            <List size="sm" spacing={4} data-testid="item-controls">
              {item.controls.map((c) => (
                <List.Item key={c.id}>
                  <Group gap="xs">
                    <Anchor component={Link} to={`/o/${org}/controls?q=${encodeURIComponent(c.name)}`} size="sm">
                      {c.name}
                    </Anchor>
                    <Badge miw="fit-content" size="sm" variant="light" color={controlStatusColor[c.status]}>
                      {t(`compliance.controlStatus.${c.status}`)}
                    </Badge>
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
          <Group gap="xs">
            <Text size="sm" c="dimmed" data-testid="item-evidence-count">
              {t('compliance.workspace.evidence', { count: item.evidenceCount })} ·{' '}
              {t('compliance.workspace.actions', { count: item.actionCount })}
            </Text>
            <AttachEvidence
              targetType="assessment_item"
              targetKey={item.id}
              buttonProps={{ size: 'compact-sm', variant: 'light' }}
              onAttached={() => void queryClient.invalidateQueries({ queryKey: ['assessments', org] })}
            />
          </Group>
        </Stack>
        <FormErrorAlert error={server.error} otherIssues={server.otherIssues} />
        <Group justify="space-between">
          <CreateActionButton org={org} assessmentId={assessmentId} item={item} />
          {canManage && (
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => void save()} loading={update.isPending} data-testid="item-save">
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Group>
      </Stack>
    </Drawer>
  );
}
