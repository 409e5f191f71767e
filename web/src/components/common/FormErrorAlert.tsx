import { Alert, Button, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldIssue } from '../../api/client';
import { errorMessage } from '../../lib/validation';

interface Props {
  error: unknown;
  /** server issues that match no field of the form */
  otherIssues: FieldIssue[];
  onReload?: () => void;
}

/** The form-level message after a failed save: conflict (409), permission, or issues without a field. */
export function FormErrorAlert({ error, otherIssues, onReload }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <Alert color={conflict ? 'orange' : 'red'} title={t('errors.title')} data-testid={conflict ? 'conflict-alert' : 'form-error'}>
      <Text size="sm">{errorMessage(error, t)}</Text>
      {error instanceof ApiError && conflict && error.message && (
        <Text size="xs" c="dimmed" mt={4}>
          {error.message}
        </Text>
      )}
      {otherIssues.length > 0 && (
        <List size="sm" mt="xs">
          {otherIssues.map((i) => (
            <List.Item key={`${i.path}:${i.message}`}>
              {i.path ? `${i.path}: ` : ''}
              {i.message}
            </List.Item>
          ))}
        </List>
      )}
      {conflict && onReload && (
        <Button size="xs" mt="sm" variant="light" color="orange" onClick={onReload} data-testid="conflict-reload">
          {t('errors.reload')}
        </Button>
      )}
    </Alert>
  );
}
