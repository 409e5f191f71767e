import { Button, Group, MultiSelect, Select, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { createSystemInput, limits } from '@contracts/systems/schema.js';
import { useMemberOptions } from '../../hooks/useMembers';
import { useServerErrors } from '../../hooks/useServerErrors';
import { useVendorOptions } from '../../hooks/useVendors';
import { enumOptions } from '../../i18n/labels';
import { systemFormFields, systemPayload, type SystemFormValues } from '../../lib/systemForm';
import { zodFormErrors } from '../../lib/validation';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { FormSection } from '../common/FormSection';

interface Props {
  org: string;
  initialValues: SystemFormValues;
  submitLabel: string;
  /** saves; throws an ApiError when the server refuses */
  onSubmit: (values: SystemFormValues) => Promise<unknown>;
  onCancel: () => void;
  onReload?: () => void;
}

/**
 * Create and edit form of an AI system. It validates with the server's own contract (`createSystemInput`, on the
 * whole record, so cross-field rules apply to edits too) and shows the server's field issues under the fields.
 */
export function SystemForm({ org, initialValues, submitLabel, onSubmit, onCancel, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const members = useMemberOptions(org);
  const vendors = useVendorOptions(org);
  const form = useForm<SystemFormValues>({
    initialValues,
    validateInputOnBlur: true,
    validate: (values) => {
      const parsed = createSystemInput.safeParse(systemPayload(values));
      return parsed.success ? {} : zodFormErrors(parsed.error, t);
    },
  });
  const server = useServerErrors(systemFormFields, form.setErrors);
  const choose = t('systems.fields.choose');
  const field = (name: keyof SystemFormValues) => ({ ...form.getInputProps(name), 'data-testid': `field-${name}` });

  const submit = form.onSubmit((values) => server.run(() => onSubmit(values)));

  return (
    <form onSubmit={submit} noValidate data-testid="system-form">
      <Stack gap="lg">
        <FormSection title={t('systems.sections.identity')}>
          <TextInput label={t('systems.fields.name')} required maxLength={limits.name} {...field('name')} />
          <Textarea
            label={t('systems.fields.purpose')}
            description={t('systems.fields.purposeHint')}
            required
            autosize
            minRows={3}
            maxLength={limits.purpose}
            {...field('purpose')}
          />
          <Group grow align="flex-start">
            <Select label={t('systems.fields.type')} required placeholder={choose} data={enumOptions('type', lang)} {...field('type')} />
            <Select
              label={t('systems.fields.lifecycleStage')}
              required
              allowDeselect={false}
              data={enumOptions('lifecycleStage', lang)}
              {...field('lifecycleStage')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('systems.fields.intendedUsers')} maxLength={limits.shortText} {...field('intendedUsers')} />
            <TextInput label={t('systems.fields.businessUnit')} maxLength={limits.shortText} {...field('businessUnit')} />
          </Group>
        </FormSection>

        <FormSection title={t('systems.sections.ownership')}>
          <Group grow align="flex-start">
            <Select
              label={t('systems.fields.accountableOwnerId')}
              description={t('systems.fields.accountableOwnerHint')}
              placeholder={choose}
              searchable
              clearable
              data={members}
              {...field('accountableOwnerId')}
            />
            <Select
              label={t('systems.fields.technicalOwnerId')}
              placeholder={choose}
              searchable
              clearable
              data={members}
              {...field('technicalOwnerId')}
            />
          </Group>
          <Select
            label={t('systems.fields.registrationStatus')}
            allowDeselect={false}
            data={enumOptions('registrationStatus', lang)}
            {...field('registrationStatus')}
          />
        </FormSection>

        <FormSection title={t('systems.sections.technology')}>
          <Group grow align="flex-start">
            <Select
              label={t('systems.fields.hosting')}
              required
              placeholder={choose}
              data={enumOptions('hosting', lang)}
              {...field('hosting')}
            />
            <Select label={t('systems.fields.vendorId')} placeholder={choose} searchable clearable data={vendors} {...field('vendorId')} />
          </Group>
          <Group grow align="flex-start">
            <TagsInput label={t('systems.fields.models')} description={t('systems.fields.listHint')} {...field('models')} />
            <TagsInput label={t('systems.fields.modelProviders')} description={t('systems.fields.listHint')} {...field('modelProviders')} />
          </Group>
          <Group grow align="flex-start">
            <MultiSelect label={t('systems.fields.regionsUsed')} data={enumOptions('region', lang)} {...field('regionsUsed')} />
            <MultiSelect label={t('systems.fields.outputRegions')} data={enumOptions('region', lang)} {...field('outputRegions')} />
          </Group>
        </FormSection>

        <FormSection title={t('systems.sections.data')}>
          <Group grow align="flex-start">
            <MultiSelect label={t('systems.fields.dataCategories')} data={enumOptions('dataCategory', lang)} {...field('dataCategories')} />
            <MultiSelect
              label={t('systems.fields.affectedPersons')}
              data={enumOptions('affectedPerson', lang)}
              {...field('affectedPersons')}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label={t('systems.fields.decisionRole')}
              required
              placeholder={choose}
              data={enumOptions('decisionRole', lang)}
              {...field('decisionRole')}
            />
            <Select
              label={t('systems.fields.humanOversight')}
              required
              placeholder={choose}
              data={enumOptions('oversight', lang)}
              {...field('humanOversight')}
            />
          </Group>
        </FormSection>

        <FormSection title={t('systems.sections.governance')}>
          <Group grow align="flex-start">
            <DateInput label={t('systems.fields.nextReviewDate')} valueFormat="YYYY-MM-DD" clearable {...field('nextReviewDate')} />
            <TagsInput label={t('systems.fields.tags')} description={t('systems.fields.listHint')} {...field('tags')} />
          </Group>
        </FormSection>

        <FormErrorAlert error={server.error} otherIssues={server.otherIssues} {...(onReload ? { onReload } : {})} />

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting} data-testid="system-form-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
