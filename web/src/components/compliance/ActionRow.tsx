import { ActionIcon, Anchor, Badge, Group, Select, Table, Text, Tooltip } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { actionStatuses, type ActionStatus, type ActionView, type UpdateActionInput } from '@contracts/remediation/schema.js';
import { useUpdateAction } from '../../hooks/useRemediation';
import { errorMessage } from '../../lib/validation';
import { pick } from '../frameworks/labels';
import { PriorityBadge } from './PriorityBadge';

const priorities = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

interface Props {
  org: string;
  action: ActionView;
  members: { value: string; label: string }[];
}

/** One action of the plan, its status, owner, due date and priority override edited in place. */
export function ActionRow({ org, action: a, members }: Props) {
  const { t, i18n } = useTranslation();
  const update = useUpdateAction(org);
  const editable = a.can.update && !update.isPending;
  const change = (body: UpdateActionInput) =>
    update.mutate(
      { id: a.id, body: { ...body, version: a.version } },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('compliance.remediation.updated') }),
        onError: (err) => notifications.show({ color: 'red', message: errorMessage(err, t) }),
      },
    );
  // Owners no longer in the organisation still show by name.
  const ownerOptions =
    a.owner && !members.some((m) => m.value === a.owner?.id) ? [...members, { value: a.owner.id, label: a.owner.displayName }] : members;

  return (
    <Table.Tr data-testid={`action-${a.id}`}>
      <Table.Td>
        <PriorityBadge {...a} testId={`priority-${a.id}`} />
      </Table.Td>
      <Table.Td maw={340}>
        <Text size="sm" fw={500}>
          {a.title}
        </Text>
        {a.requirementId && (
          <Text size="xs" c="dimmed">
            <Text span ff="monospace" size="xs">
              {a.requirementId}
            </Text>{' '}
            {a.requirementTitle ? pick(a.requirementTitle, i18n.language) : ''}
          </Text>
        )}
        {a.assessment && (
          <Anchor component={Link} to={`/o/${org}/assessments/${a.assessment.id}`} size="xs">
            {a.assessment.title}
          </Anchor>
        )}
      </Table.Td>
      <Table.Td w={170}>
        <Select
          aria-label={t('compliance.common.status')}
          size="xs"
          data={actionStatuses.map((s) => ({ value: s, label: t(`compliance.actionStatus.${s}`) }))}
          value={a.status}
          allowDeselect={false}
          disabled={!editable}
          onChange={(v) => v && v !== a.status && change({ status: v as ActionStatus })}
          data-testid={`action-status-${a.id}`}
        />
      </Table.Td>
      <Table.Td w={220}>
        <Select
          aria-label={t('compliance.common.owner')}
          size="xs"
          data={ownerOptions}
          value={a.owner?.id ?? null}
          placeholder={t('compliance.common.noOwner')}
          searchable
          clearable
          disabled={!editable}
          onChange={(v) => v !== (a.owner?.id ?? null) && change({ ownerId: v })}
          data-testid={`action-owner-${a.id}`}
        />
      </Table.Td>
      <Table.Td w={170}>
        <Group gap={4} wrap="nowrap">
          <DateInput
            aria-label={t('compliance.common.dueDate')}
            size="xs"
            valueFormat="YYYY-MM-DD"
            value={a.dueDate}
            clearable
            disabled={!editable}
            onChange={(v) => v !== a.dueDate && change({ dueDate: v || null })}
            data-testid={`action-due-${a.id}`}
          />
          {a.overdue && (
            <Badge size="xs" color="red" data-testid={`overdue-${a.id}`}>
              {t('compliance.remediation.overdue')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td w={150}>
        <Group gap={4} wrap="nowrap">
          <Select
            aria-label={t('compliance.remediation.overrideLabel')}
            size="xs"
            w={80}
            data={priorities}
            value={a.priorityOverride === null ? null : String(a.priorityOverride)}
            placeholder={String(a.computedPriority)}
            disabled={!editable}
            onChange={(v) => v && change({ priorityOverride: Number(v) })}
            data-testid={`action-override-${a.id}`}
          />
          {a.priorityOverride !== null && a.can.update && (
            <Tooltip label={t('compliance.remediation.resetComputed')}>
              <ActionIcon
                variant="subtle"
                aria-label={t('compliance.remediation.resetComputed')}
                disabled={!editable}
                onClick={() => change({ priorityOverride: null })}
                data-testid={`action-reset-${a.id}`}
              >
                <IconRestore size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
