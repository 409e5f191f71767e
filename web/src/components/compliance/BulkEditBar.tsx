import { useState } from 'react';
import { Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { itemStatuses, type BulkUpdateItemsInput, type ItemStatus } from '@contracts/assessments/schema.js';
import { useBulkUpdateItems } from '../../hooks/useAssessments';
import { useMemberOptions } from '../../hooks/useMembers';
import { useServerErrors } from '../../hooks/useServerErrors';
import { FormErrorAlert } from '../common/FormErrorAlert';

const NO_OWNER = '__none__';
const fields = [] as const;

interface Props {
  org: string;
  assessmentId: string;
  selected: string[];
  onDone: () => void;
}

/** One change (status, owner, due date, maturity) applied to every selected requirement, all or nothing. */
export function BulkEditBar({ org, assessmentId, selected, onDone }: Props) {
  const { t } = useTranslation();
  const members = useMemberOptions(org);
  const bulk = useBulkUpdateItems(org, assessmentId);
  const [status, setStatus] = useState<ItemStatus | null>(null);
  const [justification, setJustification] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [maturity, setMaturity] = useState<string | null>(null);
  const [nothing, setNothing] = useState(false);
  const server = useServerErrors(fields, () => undefined);

  const apply = async () => {
    const changes: BulkUpdateItemsInput['changes'] = {
      ...(status ? { status } : {}),
      ...(status === 'not_applicable' && justification.trim() ? { justification: justification.trim() } : {}),
      ...(owner ? { ownerId: owner === NO_OWNER ? null : owner } : {}),
      ...(dueDate ? { dueDate } : {}),
      ...(maturity !== null ? { maturity: Number(maturity) } : {}),
    };
    setNothing(Object.keys(changes).length === 0);
    if (Object.keys(changes).length === 0) return;
    const result = await server.run(() => bulk.mutateAsync({ requirementIds: selected, changes }));
    if (!result) return;
    notifications.show({ color: 'teal', message: t('compliance.workspace.bulkDone', { count: result.updated }) });
    setStatus(null);
    setJustification('');
    setOwner(null);
    setDueDate(null);
    setMaturity(null);
    onDone();
  };

  return (
    <Paper withBorder p="sm" radius="md" mb="md" bg="var(--mantine-color-blue-light)" data-testid="bulk-bar">
      <Stack gap="xs">
        <Text size="sm" fw={600} data-testid="bulk-count">
          {t('compliance.workspace.selected', { count: selected.length })}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('compliance.workspace.bulkStatus')}
            data={itemStatuses.map((s) => ({ value: s, label: t(`compliance.itemStatus.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v as ItemStatus | null)}
            clearable
            w={180}
            data-testid="bulk-status"
          />
          {status === 'not_applicable' && (
            <TextInput
              label={t('compliance.workspace.justification')}
              value={justification}
              onChange={(e) => setJustification(e.currentTarget.value)}
              w={240}
              data-testid="bulk-justification"
            />
          )}
          <Select
            label={t('compliance.workspace.bulkOwner')}
            data={[{ value: NO_OWNER, label: t('compliance.common.noOwner') }, ...members]}
            value={owner}
            onChange={setOwner}
            searchable
            clearable
            w={240}
            data-testid="bulk-owner"
          />
          <DateInput
            label={t('compliance.workspace.bulkDueDate')}
            valueFormat="YYYY-MM-DD"
            value={dueDate}
            onChange={setDueDate}
            clearable
            w={160}
            data-testid="bulk-due-date"
          />
          <Select
            label={t('compliance.workspace.bulkMaturity')}
            data={['0', '1', '2', '3', '4', '5']}
            value={maturity}
            onChange={setMaturity}
            clearable
            w={120}
            data-testid="bulk-maturity"
          />
          <Button onClick={() => void apply()} loading={bulk.isPending} data-testid="bulk-apply">
            {t('compliance.workspace.bulkApply')}
          </Button>
          <Button variant="default" onClick={onDone} data-testid="bulk-clear">
            {t('compliance.workspace.bulkClear')}
          </Button>
        </Group>
        {nothing && (
          <Text size="sm" c="red">
            {t('compliance.workspace.bulkNothing')}
          </Text>
        )}
        <FormErrorAlert error={server.error} otherIssues={server.otherIssues} />
      </Stack>
    </Paper>
  );
}
