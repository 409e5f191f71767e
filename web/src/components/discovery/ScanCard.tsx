import { useState } from 'react';
import { Button, FileInput, Group, Paper, Progress, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileText, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { discoveryFormats, type RunSettings } from '@contracts/discovery/schema.js';
import { QueryError } from '../common/QueryError';
import { useDiscoveryScan } from '../../hooks/useDiscovery';

type Format = (typeof discoveryFormats)[number];
const columnFields = ['domainColumn', 'urlColumn', 'userColumn', 'timeColumn'] as const;
type Columns = Partial<Record<(typeof columnFields)[number], string>>;
/** Only tabular logs have column names; the other formats are fixed. */
const hasColumns = (format: Format) => format === 'csv' || format === 'jsonl';

/** The settings sent before the file: the format, and for tabular logs the column names that were filled in. */
function settingsOf(format: Format, columns: Columns): RunSettings {
  const settings: RunSettings = { format };
  if (!hasColumns(format)) return settings;
  for (const field of columnFields) {
    const value = columns[field]?.trim();
    if (value) settings[field] = value;
  }
  return settings;
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Upload a log or export (format first), with the upload's progress and then the scan's, polled from the run. */
export function ScanCard({ org }: { org: string }) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<Format>('squid');
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<Columns>({});
  const scan = useDiscoveryScan(org);
  const run = scan.run;
  const scanFraction = run && run.size > 0 ? run.bytesRead / run.size : 0;

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={4} mb="sm">
        {t('discovery.upload.title')}
      </Title>
      <Stack gap="md">
        <Select
          label={t('discovery.upload.format')}
          data={discoveryFormats.map((f) => ({ value: f, label: t(`discovery.format.${f}`) }))}
          value={format}
          onChange={(v) => {
            if (v) setFormat(v as Format);
            scan.reset();
          }}
          allowDeselect={false}
          disabled={scan.busy}
          maw={420}
          data-testid="discovery-format"
        />
        {hasColumns(format) && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('discovery.upload.columns')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('discovery.upload.columnsHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
              {columnFields.map((field) => (
                <TextInput
                  key={field}
                  label={t(`discovery.upload.column.${field}`)}
                  maxLength={200}
                  value={columns[field] ?? ''}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setColumns((c) => ({ ...c, [field]: value }));
                  }}
                  disabled={scan.busy}
                  data-testid={`discovery-${field}`}
                />
              ))}
            </SimpleGrid>
          </Stack>
        )}
        <FileInput
          label={t('discovery.upload.file')}
          placeholder={t('discovery.upload.filePlaceholder')}
          value={file}
          onChange={(f) => {
            setFile(f);
            scan.reset();
          }}
          clearable
          leftSection={<IconFileText size={16} />}
          disabled={scan.busy}
          maw={520}
          data-testid="discovery-file"
        />
        <Group>
          <Button
            leftSection={<IconUpload size={16} />}
            onClick={() => file && scan.start({ settings: settingsOf(format, columns), file })}
            disabled={!file || scan.busy}
            loading={scan.busy}
            data-testid="discovery-scan"
          >
            {t('discovery.upload.scan')}
          </Button>
        </Group>
        {scan.uploading && (
          <Stack gap={4}>
            <Text size="sm">{t('discovery.upload.uploading')}</Text>
            <Progress value={Math.round((scan.uploadFraction ?? 0) * 100)} data-testid="discovery-upload-progress" />
          </Stack>
        )}
        {run?.status === 'running' && (
          <Stack gap={4}>
            <Text size="sm">{t('discovery.upload.scanning', { read: megabytes(run.bytesRead), size: megabytes(run.size) })}</Text>
            <Progress value={Math.round(scanFraction * 100)} data-testid="discovery-scan-progress" />
          </Stack>
        )}
        {run?.status === 'done' && (
          <Stack gap={2} data-testid="discovery-run-result">
            <Text size="sm" c="teal">
              {t('discovery.upload.done', { lines: run.linesRead, rejected: run.linesRejected, findings: run.findings })}
            </Text>
            {run.rejectSamples.map((s) => (
              <Text key={s.line} size="xs" c="dimmed">
                {t('discovery.upload.rejectedSample', { line: s.line, reason: s.reason })}
              </Text>
            ))}
          </Stack>
        )}
        {run?.status === 'failed' && (
          <Text size="sm" c="red" data-testid="discovery-run-result">
            {t('discovery.upload.failed', { error: run.error ?? '' })}
          </Text>
        )}
        {scan.uploadError ? <QueryError error={scan.uploadError} /> : null}
        {scan.pollError ? <QueryError error={scan.pollError} /> : null}
      </Stack>
    </Paper>
  );
}
