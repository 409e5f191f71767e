import { Alert, Anchor, Progress, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ImportRunView } from '../../api/transfer';
import { ImportErrorsTable } from './ImportErrorsTable';

interface Props {
  org: string;
  run: ImportRunView;
}

/** The state of a run: progress while running, then the outcome and any row problems. */
export function ImportResult({ org, run }: Props) {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language);
  const percent = run.totalRows > 0 ? Math.round((run.processedRows / run.totalRows) * 100) : run.state === 'running' ? 0 : 100;
  const listPath = `/o/${org}/${run.entity}`;

  return (
    <Stack gap="md" data-testid="import-result" data-state={run.state} data-dry-run={String(run.dryRun)}>
      {run.state === 'running' && (
        <Stack gap={4}>
          <Text size="sm">{t('imports.processing')}</Text>
          <Progress value={percent} animated striped aria-label={t('imports.processing')} data-testid="import-progress" />
          <Text size="xs" c="dimmed">
            {t('imports.progress', { processed: fmt.format(run.processedRows), total: fmt.format(run.totalRows) })}
          </Text>
        </Stack>
      )}
      {run.state !== 'running' && run.totalRows > 0 && (
        <Text size="xs" c="dimmed" data-testid="import-processed">
          {t('imports.progress', { processed: fmt.format(run.processedRows), total: fmt.format(run.totalRows) })}
        </Text>
      )}
      {run.message && (
        <Alert color="blue" icon={<IconInfoCircle size={18} />} title={t('imports.ignoredHeaders')} data-testid="import-message">
          {run.message}
        </Alert>
      )}
      {run.state === 'failed' && run.errors.length === 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="import-failed">
          {t('imports.failed')}
        </Alert>
      )}
      {run.state !== 'running' && run.errors.length > 0 && (
        <Stack gap="xs">
          <Title order={4} c="red.8" data-testid="import-errors-title">
            {t('imports.errorsTitle', { count: run.errors.length })}
          </Title>
          <ImportErrorsTable errors={run.errors} />
        </Stack>
      )}
      {run.state === 'done' && run.errors.length === 0 && run.dryRun && (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="import-checked-ok">
          {t('imports.checkedOk', { total: fmt.format(run.totalRows) })}
        </Alert>
      )}
      {run.state === 'done' && run.errors.length === 0 && !run.dryRun && (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="import-done">
          <Text size="sm" data-testid="import-created" data-created={run.createdRows}>
            {t('imports.importedOk', { count: run.createdRows })}
          </Text>
          <Anchor component={Link} to={listPath} size="sm" data-testid="import-open-list">
            {t('imports.openList')}
          </Anchor>
        </Alert>
      )}
    </Stack>
  );
}
