import { Button, Group, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { createVendorInput, vendorLimits } from '@contracts/vendors/schema.js';
import { useServerErrors } from '../../hooks/useServerErrors';
import { vendorFormFields, vendorPayload, type VendorFormValues } from '../../lib/vendorForm';
import { zodFormErrors } from '../../lib/validation';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { FormSection } from '../common/FormSection';

interface Props {
  initialValues: VendorFormValues;
  submitLabel: string;
  onSubmit: (values: VendorFormValues) => Promise<unknown>;
  onCancel: () => void;
}

export function VendorForm({ initialValues, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const form = useForm<VendorFormValues>({
    initialValues,
    validateInputOnBlur: true,
    validate: (values) => {
      const parsed = createVendorInput.safeParse(vendorPayload(values));
      return parsed.success ? {} : zodFormErrors(parsed.error, t);
    },
  });
  const server = useServerErrors(vendorFormFields, form.setErrors);
  const field = (name: keyof VendorFormValues) => ({ ...form.getInputProps(name), 'data-testid': `field-${name}` });
  const hint = t('vendors.fields.listHint');

  return (
    <form onSubmit={form.onSubmit((values) => server.run(() => onSubmit(values)))} noValidate data-testid="vendor-form">
      <Stack gap="lg">
        <FormSection title={t('vendors.title')}>
          <TextInput label={t('vendors.fields.name')} required maxLength={vendorLimits.name} {...field('name')} />
          <Group grow align="flex-start">
            <TextInput label={t('vendors.fields.website')} placeholder="https://" type="url" {...field('website')} />
            <TextInput label={t('vendors.fields.headquartersCountry')} maxLength={100} {...field('headquartersCountry')} />
          </Group>
          <Group grow align="flex-start">
            <TagsInput label={t('vendors.fields.products')} description={hint} {...field('products')} />
            <TagsInput label={t('vendors.fields.aiFeatures')} description={hint} {...field('aiFeatures')} />
          </Group>
          <TagsInput label={t('vendors.fields.dataProcessingRegions')} description={hint} {...field('dataProcessingRegions')} />
          <Group grow align="flex-start">
            <TextInput label={t('vendors.fields.contactName')} maxLength={vendorLimits.text} {...field('contactName')} />
            <TextInput label={t('vendors.fields.contactEmail')} type="email" {...field('contactEmail')} />
          </Group>
          <Textarea label={t('vendors.fields.notes')} autosize minRows={3} maxLength={vendorLimits.notes} {...field('notes')} />
        </FormSection>
        <FormErrorAlert error={server.error} otherIssues={server.otherIssues} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting} data-testid="vendor-form-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
