import { Button, FileInput, Group, Input, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  createEvidenceInput,
  EVIDENCE_MAX_BYTES,
  evidenceAcceptedExtensions,
  evidenceKinds,
  evidenceLimits,
  evidenceRuleIssues,
  type EvidenceKind,
} from '@contracts/evidence/schema.js';
import { useMemberOptions } from '../../hooks/useMembers';
import { useOrg } from '../../hooks/useOrg';
import { useServerErrors } from '../../hooks/useServerErrors';
import { evidenceFormFields, evidencePayload, type EvidenceFormValues } from '../../lib/evidenceForm';
import { zodFormErrors } from '../../lib/validation';
import { FormErrorAlert } from '../common/FormErrorAlert';

interface Props {
  initialValues: EvidenceFormValues;
  /** a new item chooses its kind and may carry its first file; an existing one keeps its kind */
  mode: 'create' | 'edit';
  /** the kinds offered when creating (all by default) */
  kinds?: readonly EvidenceKind[];
  submitLabel: string;
  onSubmit: (values: EvidenceFormValues) => Promise<unknown>;
  onCancel: () => void;
  onReload?: () => void;
}

/** The fields of an evidence item; what shows depends on its kind (a file, a link or a note). */
export function EvidenceForm({ initialValues, mode, kinds = evidenceKinds, submitLabel, onSubmit, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const org = useOrg();
  const members = useMemberOptions(org.slug);
  const form = useForm<EvidenceFormValues>({
    initialValues,
    validateInputOnBlur: true,
    validate: (values) => {
      const payload = evidencePayload(values);
      const parsed = createEvidenceInput.safeParse(payload);
      const errors: Record<string, string> = parsed.success ? {} : zodFormErrors(parsed.error, t);
      if (parsed.success) for (const issue of evidenceRuleIssues(parsed.data)) errors[issue.path] ??= issue.message;
      if (values.file && values.file.size > EVIDENCE_MAX_BYTES) errors.file = t('errors.payload_too_large');
      return errors;
    },
  });
  const server = useServerErrors(evidenceFormFields, form.setErrors);
  const field = (name: keyof EvidenceFormValues) => ({ ...form.getInputProps(name), 'data-testid': `field-${name}` });
  const kind = form.values.kind;
  const choose = t('evidenceSoa.evidence.chooseTarget');

  return (
    <form onSubmit={form.onSubmit((values) => server.run(() => onSubmit(values)))} noValidate data-testid="evidence-form">
      <Stack gap="md">
        {mode === 'create' && kinds.length > 1 && (
          <Input.Wrapper label={t('evidenceSoa.evidence.fields.kind')}>
            <div>
              <SegmentedControl
                data={kinds.map((k) => ({ value: k, label: t(`evidenceSoa.evidence.kinds.${k}`) }))}
                {...form.getInputProps('kind')}
                data-testid="field-kind"
              />
            </div>
          </Input.Wrapper>
        )}
        <TextInput label={t('evidenceSoa.evidence.fields.title')} required maxLength={evidenceLimits.title} {...field('title')} />
        {kind === 'link' && (
          <TextInput label={t('evidenceSoa.evidence.fields.url')} required placeholder="https://" type="url" {...field('url')} />
        )}
        {kind === 'note' && (
          <Textarea
            label={t('evidenceSoa.evidence.fields.note')}
            required
            autosize
            minRows={4}
            maxLength={evidenceLimits.note}
            {...field('note')}
          />
        )}
        {kind === 'file' && mode === 'create' && (
          <FileInput
            label={t('evidenceSoa.evidence.fields.file')}
            description={t('evidenceSoa.evidence.fileHint')}
            placeholder={t('evidenceSoa.evidence.chooseFile')}
            accept={evidenceAcceptedExtensions.join(',')}
            leftSection={<IconUpload size={16} />}
            clearable
            {...field('file')}
          />
        )}
        <Textarea
          label={t('evidenceSoa.evidence.fields.description')}
          autosize
          minRows={2}
          maxLength={evidenceLimits.description}
          {...field('description')}
        />
        <Select
          label={t('evidenceSoa.evidence.fields.owner')}
          placeholder={choose}
          searchable
          clearable
          data={members}
          {...field('ownerId')}
        />
        <Group grow align="flex-start">
          <DateInput label={t('evidenceSoa.evidence.fields.collectedOn')} valueFormat="YYYY-MM-DD" clearable {...field('collectedOn')} />
          <DateInput label={t('evidenceSoa.evidence.fields.expiresOn')} valueFormat="YYYY-MM-DD" clearable {...field('expiresOn')} />
        </Group>
        <FormErrorAlert error={server.error} otherIssues={server.otherIssues} {...(onReload ? { onReload } : {})} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting} data-testid="evidence-form-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
