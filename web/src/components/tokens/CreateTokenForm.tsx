import { Button, Group, NumberInput, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '@contracts/auth/permissions.js';
import { createTokenInput, type CreatedToken } from '@contracts/tokens/schema.js';
import { useServerErrors } from '../../hooks/useServerErrors';
import { zodFormErrors } from '../../lib/validation';
import { FormErrorAlert } from '../common/FormErrorAlert';

interface Values {
  name: string;
  role: Role;
  expiresInDays: number;
}

const fields = ['name', 'role', 'expiresInDays'] as const;

export function CreateTokenForm({ onCreate }: { onCreate: (values: Values) => Promise<CreatedToken> }) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: { name: '', role: 'contributor', expiresInDays: 90 },
    validate: (values) => {
      const parsed = createTokenInput.safeParse(values);
      return parsed.success ? {} : zodFormErrors(parsed.error, t);
    },
  });
  const server = useServerErrors(fields, form.setErrors);

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        const created = await server.run(() => onCreate(values));
        if (created) form.reset();
      })}
      data-testid="token-form"
    >
      <Group align="flex-start" grow>
        <TextInput label={t('tokens.name')} required maxLength={80} {...form.getInputProps('name')} data-testid="token-name" />
        <Select
          label={t('tokens.role')}
          allowDeselect={false}
          data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          {...form.getInputProps('role')}
        />
        <NumberInput label={t('tokens.expiresInDays')} min={1} max={365} {...form.getInputProps('expiresInDays')} />
      </Group>
      <FormErrorAlert error={server.error} otherIssues={server.otherIssues} />
      <Group justify="flex-end" mt="md">
        <Button type="submit" loading={form.submitting} data-testid="token-create">
          {t('tokens.create')}
        </Button>
      </Group>
    </form>
  );
}
