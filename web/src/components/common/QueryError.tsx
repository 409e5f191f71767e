import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../lib/validation';

/** An error answer shown as an alert: the translated meaning, the server's own words underneath. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = errorMessage(error, t);
  const detail = error instanceof ApiError && error.message && error.message !== message ? error.message : null;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('errors.title')} data-testid="error-alert">
      <Text size="sm">{message}</Text>
      {detail && (
        <Text size="xs" c="dimmed" mt={4}>
          {detail}
        </Text>
      )}
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
