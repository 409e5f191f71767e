import { useState } from 'react';
import { Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { ImpactSection, ImpactView, UpdateImpactInput } from '@contracts/impact/schema.js';
import type { FieldIssue } from '../../api/client';
import { ApiError } from '../../api/client';
import { useUpdateImpact } from '../../hooks/useImpact';
import { useLanguage } from '../../hooks/useLanguage';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { pick } from '../risks/riskUtils';
import { SectionFields, type SectionErrors } from './SectionFields';

interface Props {
  org: string;
  assessment: ImpactView;
  section: ImpactSection;
  readOnly: boolean;
  /** issues from the last refused submit, for every section */
  submitIssues: FieldIssue[];
  controls: { value: string; label: string }[];
}

/** Issues under `content.<section>.` by the path inside the section. */
function sectionErrors(issues: FieldIssue[], sectionId: string): { byPath: SectionErrors; rest: FieldIssue[] } {
  const prefix = `content.${sectionId}`;
  const byPath: SectionErrors = {};
  const rest: FieldIssue[] = [];
  for (const i of issues) {
    if (i.path !== prefix && !i.path.startsWith(`${prefix}.`)) continue;
    const path = i.path.slice(prefix.length + 1);
    if (path && !(path in byPath)) byPath[path] = i.message;
    else rest.push(i);
  }
  return { byPath, rest };
}

/** One section of the template: heading, guidance, what it serves, its fields and its own Save (PATCH with the version). */
export function ImpactSectionCard({ org, assessment, section, readOnly, submitIssues, controls }: Props) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const update = useUpdateImpact(org, assessment.id);
  const stored = assessment.content[section.id];
  const [draft, setDraft] = useState<unknown>(() => structuredClone(stored));
  const [dirty, setDirty] = useState(false);
  const [saveIssues, setSaveIssues] = useState<FieldIssue[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const missing = assessment.missingSections.includes(section.id);
  // The issues of the last refused submit stop showing once the section is edited or saved after it.
  const [clearedFor, setClearedFor] = useState<FieldIssue[] | null>(null);
  const shown = saveIssues ?? (dirty || clearedFor === submitIssues ? [] : submitIssues);
  const { byPath, rest } = sectionErrors(shown, section.id);

  const save = async () => {
    setError(null);
    setSaveIssues(null);
    try {
      const body = { content: { [section.id]: draft ?? null }, version: assessment.version } as UpdateImpactInput;
      await update.mutateAsync(body);
      setDirty(false);
      setClearedFor(submitIssues);
      notifications.show({ color: 'teal', message: t('risk.impact.sectionSaved') });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setSaveIssues(err.issues);
    }
  };

  return (
    <Paper withBorder radius="md" p="md" id={`section-${section.id}`} data-testid={`impact-section-${section.id}`} data-complete={!missing}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Title order={4}>{pick(section.heading, language)}</Title>
        <Group gap={4}>
          <Badge size="sm" variant="outline" color="gray">
            {section.required ? t('risk.impact.requiredSection') : t('risk.impact.optionalSection')}
          </Badge>
          {section.required && (
            <Badge size="sm" variant="light" color={missing ? 'orange' : 'teal'} data-testid={`impact-section-state-${section.id}`}>
              {missing ? t('risk.impact.incomplete') : t('risk.impact.complete')}
            </Badge>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {pick(section.guidance, language)}
      </Text>
      <Group gap={4} mb="sm">
        <Text size="xs" c="dimmed">
          {t('risk.impact.serves')}:
        </Text>
        {[...section.iso, ...section.pdpo].map((ref) => (
          <Badge key={ref} size="xs" variant="light" color="gray" tt="none">
            {ref}
          </Badge>
        ))}
      </Group>
      <Stack gap="sm">
        <SectionFields
          section={section.id}
          value={draft}
          onChange={(v) => {
            setDraft(v);
            setDirty(true);
          }}
          errors={byPath}
          readOnly={readOnly}
          controls={controls}
        />
        {rest.length > 0 && (
          <List size="sm" c="red">
            {rest.map((i) => (
              <List.Item key={`${i.path}:${i.message}`}>{i.message}</List.Item>
            ))}
          </List>
        )}
        {error && !(error instanceof ApiError && error.issues.length > 0) ? <FormErrorAlert error={error} otherIssues={[]} /> : null}
        {!readOnly && (
          <Group justify="flex-end">
            <Button
              onClick={() => void save()}
              loading={update.isPending}
              variant={dirty ? 'filled' : 'light'}
              data-testid={`impact-save-${section.id}`}
            >
              {t('risk.impact.saveSection')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
