import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Group, List, SegmentedControl, Select, Stack, Table, Text, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  implementationStatuses,
  soaFramework,
  soaLimits,
  type ImplementationStatus,
  type SoaEntryView,
  type UpdateSoaEntryInput,
} from '@contracts/soa/schema.js';
import { implementationStatusLabels } from '@contracts/soa/labels.js';
import { ApiError } from '../../api/client';
import { useUpdateSoaEntry } from '../../hooks/useSoa';
import { AttachEvidence } from '../evidence/AttachEvidence';
import { errorMessage } from '../../lib/validation';
import { applicabilityColor, soaLang } from './soaUtils';

type Applicability = 'yes' | 'no' | 'undecided';
const toChoice = (a: boolean | null): Applicability => (a === null ? 'undecided' : a ? 'yes' : 'no');
const fromChoice = (c: Applicability): boolean | null => (c === 'undecided' ? null : c === 'yes');

interface Draft {
  applicable: Applicability;
  justification: string;
  implementationStatus: ImplementationStatus;
  ownerId: string | null;
}

const draftOf = (e: SoaEntryView): Draft => ({
  applicable: toChoice(e.applicable),
  justification: e.justification ?? '',
  implementationStatus: e.implementationStatus,
  ownerId: e.owner?.id ?? null,
});

/** Only what changed, with the version the row was read at (a stale one answers 409). */
function changes(entry: SoaEntryView, draft: Draft): UpdateSoaEntryInput {
  const before = draftOf(entry);
  const body: UpdateSoaEntryInput = { version: entry.version };
  if (draft.applicable !== before.applicable) body.applicable = fromChoice(draft.applicable);
  if (draft.justification.trim() !== before.justification) body.justification = draft.justification.trim() || null;
  if (draft.implementationStatus !== before.implementationStatus) body.implementationStatus = draft.implementationStatus;
  if (draft.ownerId !== before.ownerId) body.ownerId = draft.ownerId;
  return body;
}

interface Props {
  org: string;
  entry: SoaEntryView;
  members: { value: string; label: string }[];
}

/** One Annex A control of the working statement, edited in place and saved on its own. */
export function SoaRow({ org, entry, members }: Props) {
  const { t, i18n } = useTranslation();
  const lang = soaLang(i18n.language);
  const [draft, setDraft] = useState<Draft>(() => draftOf(entry));
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const save = useUpdateSoaEntry(org);
  const editable = entry.can.update;
  const body = changes(entry, draft);
  const dirty = Object.keys(body).length > 1;

  // A saved or refreshed row (e.g. after "Accept suggestions") starts again from the server's values.
  useEffect(() => {
    setDraft(draftOf(entry));
    setFieldError(null);
    setRowError(null);
  }, [entry.version, entry.updatedAt]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (key === 'applicable' || key === 'justification') setFieldError(null);
    setRowError(null);
  };

  const submit = () => {
    setFieldError(null);
    setRowError(null);
    save.mutate(
      { controlRef: entry.controlRef, body },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('evidenceSoa.soa.saved', { ref: entry.controlRef }) }),
        onError: (err) => {
          const issue = err instanceof ApiError ? err.issues.find((i) => i.path === 'justification') : undefined;
          if (issue) setFieldError(issue.message);
          else setRowError(err instanceof ApiError && err.status === 409 ? `${errorMessage(err, t)} ${err.message}` : errorMessage(err, t));
        },
      },
    );
  };

  const suggestion = entry.suggestion;
  return (
    <Table.Tr data-testid="soa-row" data-control-ref={entry.controlRef} data-applicable={toChoice(entry.applicable)}>
      <Table.Td>
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {entry.controlRef}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{entry.title[lang]}</Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Badge size="sm" variant="light" color={applicabilityColor(suggestion.applicable)} tt="none" data-testid="soa-suggestion">
            {t(suggestion.applicable ? 'evidenceSoa.soa.suggested.yes' : 'evidenceSoa.soa.suggested.no')}
          </Badge>
          <Text size="xs" c="dimmed">
            {suggestion.reason[lang]}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <SegmentedControl
          size="xs"
          role="radiogroup"
          aria-label={t('evidenceSoa.soa.applicableLabel', { ref: entry.controlRef })}
          disabled={!editable}
          value={draft.applicable}
          onChange={(v) => set('applicable', v as Applicability)}
          color={applicabilityColor(fromChoice(draft.applicable))}
          data={(['yes', 'no', 'undecided'] as const).map((v) => ({ value: v, label: t(`evidenceSoa.soa.applicable.${v}`) }))}
          data-testid="soa-applicable"
        />
      </Table.Td>
      <Table.Td miw={220}>
        <Textarea
          size="xs"
          autosize
          minRows={1}
          maxRows={6}
          aria-label={`${t('evidenceSoa.soa.columns.justification')} ${entry.controlRef}`}
          placeholder={t('evidenceSoa.soa.justificationPlaceholder')}
          maxLength={soaLimits.justification}
          readOnly={!editable}
          required={draft.applicable === 'no'}
          value={draft.justification}
          onChange={(e) => set('justification', e.currentTarget.value)}
          error={fieldError}
          data-testid="soa-justification"
        />
      </Table.Td>
      <Table.Td miw={160}>
        <Select
          size="xs"
          aria-label={`${t('evidenceSoa.soa.columns.status')} ${entry.controlRef}`}
          disabled={!editable}
          allowDeselect={false}
          value={draft.implementationStatus}
          onChange={(v) => v && set('implementationStatus', v as ImplementationStatus)}
          data={implementationStatuses.map((s) => ({ value: s, label: implementationStatusLabels[s][lang] }))}
          data-testid="soa-status"
        />
        {entry.derivedImplementationStatus && entry.derivedImplementationStatus !== draft.implementationStatus && (
          <Text size="xs" c="dimmed" mt={2}>
            {t('evidenceSoa.soa.derivedStatus', { status: implementationStatusLabels[entry.derivedImplementationStatus][lang] })}
          </Text>
        )}
      </Table.Td>
      <Table.Td miw={180}>
        <Select
          size="xs"
          aria-label={`${t('evidenceSoa.soa.columns.owner')} ${entry.controlRef}`}
          disabled={!editable}
          searchable
          clearable
          placeholder="—"
          value={draft.ownerId}
          onChange={(v) => set('ownerId', v)}
          data={members}
          data-testid="soa-owner"
        />
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Tooltip
            disabled={entry.controls.length === 0}
            label={
              <List size="xs">
                {entry.controls.map((c) => (
                  <List.Item key={c.id}>{c.name}</List.Item>
                ))}
              </List>
            }
          >
            <Anchor component={Link} to={`/o/${org}/controls`} size="xs" data-testid="soa-controls-count">
              {t('evidenceSoa.soa.linkedControls', { count: entry.controls.length })}
            </Anchor>
          </Tooltip>
          <Tooltip
            disabled={entry.evidence.length === 0}
            label={
              <List size="xs">
                {entry.evidence.map((e) => (
                  <List.Item key={e.id}>{e.title}</List.Item>
                ))}
              </List>
            }
          >
            <Text size="xs" data-testid="soa-evidence-count">
              {t('evidenceSoa.soa.linkedEvidence', { count: entry.evidence.length })}
            </Text>
          </Tooltip>
          <AttachEvidence
            targetType="requirement"
            targetKey={`${soaFramework}:${entry.controlRef}`}
            buttonProps={{ size: 'compact-xs', variant: 'subtle' }}
          />
        </Stack>
      </Table.Td>
      <Table.Td>
        {editable && (
          <Stack gap={4} align="flex-start">
            <Group gap={4} wrap="nowrap">
              <Button
                size="xs"
                disabled={!dirty}
                loading={save.isPending}
                onClick={submit}
                aria-label={t('evidenceSoa.soa.saveRow', { ref: entry.controlRef })}
                data-testid="soa-save"
              >
                {t('evidenceSoa.soa.save')}
              </Button>
              {dirty && (
                <Button size="xs" variant="subtle" onClick={() => setDraft(draftOf(entry))}>
                  {t('evidenceSoa.soa.reset')}
                </Button>
              )}
            </Group>
            {rowError && (
              <Text size="xs" c="red" data-testid="soa-row-error">
                {rowError}
              </Text>
            )}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
