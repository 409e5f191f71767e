import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { loginBody } from '@contracts/auth/schema.js';
import { ApiError } from '../api/client';
import { LanguageSwitch } from '../components/layout/LanguageSwitch';
import { FullPageLoader } from '../components/common/FullPageLoader';
import { useLanguage } from '../hooks/useLanguage';
import { useLogin, useSession } from '../hooks/useSession';
import { isLanguage, storedLanguage } from '../i18n';
import { errorMessage, zodFormErrors } from '../lib/validation';

/** Only paths inside the app are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const { setLanguage } = useLanguage();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: (values) => {
      const parsed = loginBody.safeParse(values);
      return parsed.success ? {} : zodFormErrors(parsed.error, t);
    },
  });

  if (session.isPending) return <FullPageLoader />;
  if (session.data) return <Navigate to={safeNext(search.get('next'))} replace />;

  const submit = form.onSubmit((values) =>
    login.mutate(values, {
      onSuccess: (view) => {
        if (!storedLanguage() && isLanguage(view.user.locale)) setLanguage(view.user.locale);
        void navigate(safeNext(search.get('next')), { replace: true });
      },
    }),
  );

  const failure =
    login.error instanceof ApiError && login.error.status === 401
      ? t('signIn.failed')
      : login.error instanceof ApiError && login.error.status === 429
        ? t('signIn.rateLimited')
        : login.error
          ? errorMessage(login.error, t)
          : null;

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Stack w="100%" maw={420}>
        <Group justify="space-between">
          <Title order={2}>{t('app.name')}</Title>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} noValidate data-testid="sign-in-form">
            <Stack>
              <div>
                <Title order={3}>{t('signIn.title')}</Title>
                <Text size="sm" c="dimmed">
                  {t('signIn.subtitle')}
                </Text>
              </div>
              {failure && (
                <Alert color="red" data-testid="sign-in-error">
                  {failure}
                </Alert>
              )}
              <TextInput
                label={t('signIn.email')}
                type="email"
                autoComplete="username"
                required
                data-testid="sign-in-email"
                {...form.getInputProps('email')}
              />
              <PasswordInput
                label={t('signIn.password')}
                autoComplete="current-password"
                required
                data-testid="sign-in-password"
                {...form.getInputProps('password')}
              />
              <Button type="submit" loading={login.isPending} data-testid="sign-in-submit">
                {t('signIn.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Center>
  );
}
