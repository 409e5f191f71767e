import { useState } from 'react';
import { Anchor, Button, FileInput, Group, Paper, Progress, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { exportUrl, type TransferEntity } from '../api/transfer';
import { PageHeader } from '../components/common/PageHeader';
import { QueryError } from '../components/common/QueryError';
import { ImportResult } from '../components/imports/ImportResult';
import { useImportRun } from '../hooks/useImportRun';
import { useLanguage } from '../hooks/useLanguage';
import { useCan, useOrg } from '../hooks/useOrg';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const org = useOrg();
  const canImport = useCan('import.run');
  const canExport = useCan('export.run');
  const [entity, setEntity] = useState<TransferEntity>('systems');
  const [file, setFile] = useState<File | null>(null);
  const importRun = useImportRun(org.slug);
  if (!canImport && !canExport) return <Navigate to={`/o/${org.slug}/systems`} replace />;

  const start = (dryRun: boolean) => {
    if (file) importRun.start({ entity, file, dryRun });
  };
  const entityLabel = (e: TransferEntity) => (e === 'systems' ? t('nav.systems') : t('nav.vendors'));

  return (
    <>
      <PageHeader title={t('imports.title')} intro={t('imports.intro')} />
      <Stack gap="lg">
        {canImport && (
          <Paper withBorder p="lg" radius="md">
            <Stack gap="md">
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('imports.entity')}
                </Text>
                <SegmentedControl
                  value={entity}
                  onChange={(value) => {
                    setEntity(value as TransferEntity);
                    importRun.reset();
                  }}
                  data={(['systems', 'vendors'] as const).map((e) => ({ value: e, label: entityLabel(e) }))}
                  disabled={importRun.busy}
                  data-testid="import-entity"
                  w="fit-content"
                />
              </Stack>
              <FileInput
                label={t('imports.file')}
                placeholder={t('imports.filePlaceholder')}
                accept={ACCEPT}
                value={file}
                onChange={(f) => {
                  setFile(f);
                  importRun.reset();
                }}
                clearable
                leftSection={<IconFileSpreadsheet size={16} />}
                disabled={importRun.busy}
                data-testid="import-file"
                maw={520}
              />
              <Group>
                <Button
                  variant="light"
                  onClick={() => start(true)}
                  disabled={!file || importRun.busy}
                  loading={importRun.busy && importRun.dryRun === true}
                  data-testid="import-dry-run"
                >
                  {t('imports.dryRun')}
                </Button>
                <Button
                  leftSection={<IconUpload size={16} />}
                  onClick={() => start(false)}
                  disabled={!file || importRun.busy}
                  loading={importRun.busy && importRun.dryRun === false}
                  data-testid="import-run"
                >
                  {t('imports.run')}
                </Button>
              </Group>
              {importRun.uploading && (
                <Stack gap={4}>
                  <Text size="sm">{t('imports.uploading')}</Text>
                  <Progress value={Math.round((importRun.uploadFraction ?? 0) * 100)} data-testid="upload-progress" />
                </Stack>
              )}
              {importRun.uploadError ? <QueryError error={importRun.uploadError} /> : null}
              {importRun.pollError ? <QueryError error={importRun.pollError} /> : null}
              {importRun.run && <ImportResult org={org.slug} run={importRun.run} />}
            </Stack>
          </Paper>
        )}
        {canExport && (
          <Paper withBorder p="lg" radius="md">
            <Title order={4} mb={4}>
              {t('imports.templateTitle')}
            </Title>
            <Text size="sm" c="dimmed" mb="md">
              {t('imports.templateHint')}
            </Text>
            <Stack gap="xs">
              {(['systems', 'vendors'] as const).map((e) => (
                <Group key={e} gap="md">
                  <Text size="sm" fw={500} w={160}>
                    {entityLabel(e)}
                  </Text>
                  <Anchor href={exportUrl(org.slug, e, 'xlsx', language)} download size="sm" data-testid={`template-${e}-xlsx`}>
                    {t('common.downloadXlsx')}
                  </Anchor>
                  <Anchor href={exportUrl(org.slug, e, 'csv', language)} download size="sm" data-testid={`template-${e}-csv`}>
                    {t('common.downloadCsv')}
                  </Anchor>
                </Group>
              ))}
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
