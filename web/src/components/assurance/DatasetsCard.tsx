import { Fragment, useState } from 'react';
import { Button, Card, FileInput, Group, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DatasetView } from '@contracts/assurance/schema.js';
import { useTranslation } from 'react-i18next';
import { useArchiveDataset, useUploadDataset } from '../../hooks/useAssurance';
import { formatDate } from '../../lib/dates';
import { QueryError } from '../common/QueryError';

function ColumnProfile({ dataset }: { dataset: DatasetView }) {
  const { t } = useTranslation();
  return (
    <Table fz="xs" withTableBorder data-testid={`profile-${dataset.name}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('assurance.datasets.column')}</Table.Th>
          <Table.Th>{t('assurance.datasets.kind')}</Table.Th>
          <Table.Th>{t('assurance.datasets.distinct')}</Table.Th>
          <Table.Th>{t('assurance.datasets.emptyCells')}</Table.Th>
          <Table.Th>{t('assurance.datasets.sample')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {dataset.columns.map((c) => (
          <Table.Tr key={c.name}>
            <Table.Td>{c.name}</Table.Td>
            <Table.Td>{t(`assurance.datasets.${c.kind}`)}</Table.Td>
            <Table.Td>
              {c.distinct}
              {c.distinctCapped ? '+' : ''}
            </Table.Td>
            <Table.Td>{c.empty}</Table.Td>
            <Table.Td>{c.sample.join(', ')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Upload a data set (with progress) and list the system's data sets with their column profiles. */
export function DatasetsCard({
  org,
  systemId,
  datasets,
  canRun,
}: {
  org: string;
  systemId: string;
  datasets: DatasetView[];
  canRun: boolean;
}) {
  const { t, i18n } = useTranslation();
  const upload = useUploadDataset(org, systemId);
  const archive = useArchiveDataset(org, systemId);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const send = () => {
    if (!file) return;
    setProgress(0);
    upload.mutate(
      { file, name, onProgress: setProgress },
      {
        onSuccess: (d) => {
          setFile(null);
          setName('');
          setOpen(d.id);
          notifications.show({ color: 'teal', message: t('assurance.datasets.uploaded') });
        },
        onSettled: () => setProgress(null),
      },
    );
  };

  return (
    <Card withBorder padding="md" mb="lg">
      <Title order={4} mb="sm">
        {t('assurance.datasets.title')}
      </Title>
      {canRun && (
        <Stack gap="xs" mb="md">
          <Group align="flex-end" grow>
            <FileInput
              label={t('assurance.datasets.file')}
              placeholder={t('assurance.datasets.filePlaceholder')}
              accept=".csv,.parquet,text/csv"
              value={file}
              onChange={setFile}
              clearable
              data-testid="dataset-file"
            />
            <TextInput
              label={t('assurance.datasets.name')}
              placeholder={t('assurance.datasets.namePlaceholder')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="dataset-name"
            />
          </Group>
          <Group>
            <Button onClick={send} disabled={!file} loading={upload.isPending} data-testid="dataset-upload">
              {t('assurance.datasets.upload')}
            </Button>
            {progress !== null && (
              <Stack gap={2} style={{ flex: 1 }}>
                <Progress value={progress * 100} />
                <Text size="xs">{t('assurance.datasets.uploading', { percent: Math.round(progress * 100) })}</Text>
              </Stack>
            )}
          </Group>
          {upload.error ? <QueryError error={upload.error} /> : null}
        </Stack>
      )}
      {datasets.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('assurance.datasets.empty')}
        </Text>
      ) : (
        <Table striped fz="sm" data-testid="datasets-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assurance.datasets.name')}</Table.Th>
              <Table.Th>{t('assurance.datasets.rows')}</Table.Th>
              <Table.Th>{t('assurance.datasets.columns')}</Table.Th>
              <Table.Th>{t('assurance.datasets.uploadedAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {datasets.map((d) => (
              <Fragment key={d.id}>
                <Table.Tr data-dataset={d.name}>
                  <Table.Td>
                    {d.name}
                    <Text size="xs" c="dimmed">
                      {d.fileName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.rowCount}</Table.Td>
                  <Table.Td>{d.columns.length}</Table.Td>
                  <Table.Td>{formatDate(d.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end">
                      <Button size="compact-xs" variant="light" onClick={() => setOpen(open === d.id ? null : d.id)}>
                        {t(open === d.id ? 'assurance.datasets.hideProfile' : 'assurance.datasets.showProfile')}
                      </Button>
                      {canRun && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="gray"
                          onClick={() => archive.mutate(d.id)}
                          loading={archive.isPending}
                        >
                          {t('assurance.datasets.archive')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
                {open === d.id && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <ColumnProfile dataset={d} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
