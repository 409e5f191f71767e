import { useState } from 'react';
import { Anchor, Button, Code, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_MAX_BYTES, evidenceAcceptedExtensions, type EvidenceView } from '@contracts/evidence/schema.js';
import { evidenceFileUrl } from '../../api/evidence';
import { useUploadEvidenceFile } from '../../hooks/useEvidence';
import { formatDateTime } from '../../lib/dates';
import { formatBytes } from '../../lib/evidenceForm';
import { errorMessage } from '../../lib/validation';

/** The file versions of a file item, newest first, each downloadable, and the upload of the next one. */
export function EvidenceVersions({ org, evidence, canUpload }: { org: string; evidence: EvidenceView; canUpload: boolean }) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useUploadEvidenceFile(org);

  const submit = () => {
    if (!file) return;
    if (file.size > EVIDENCE_MAX_BYTES) {
      setError(t('errors.payload_too_large'));
      return;
    }
    setError(null);
    upload.mutate(
      { id: evidence.id, file },
      {
        onSuccess: () => {
          setFile(null);
          notifications.show({ color: 'teal', message: t('evidenceSoa.evidence.uploaded') });
        },
        onError: (err) => setError(errorMessage(err, t) + (err.message && err.message !== errorMessage(err, t) ? ` ${err.message}` : '')),
      },
    );
  };

  return (
    <Stack gap="md">
      {evidence.versions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('evidenceSoa.evidence.noVersions')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" data-testid="evidence-versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evidenceSoa.evidence.versionColumns.no')}</Table.Th>
                <Table.Th>{t('evidenceSoa.evidence.versionColumns.file')}</Table.Th>
                <Table.Th>{t('evidenceSoa.evidence.versionColumns.size')}</Table.Th>
                <Table.Th>{t('evidenceSoa.evidence.versionColumns.sha256')}</Table.Th>
                <Table.Th>{t('evidenceSoa.evidence.versionColumns.uploaded')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {evidence.versions.map((v) => (
                <Table.Tr key={v.versionNo} data-testid="evidence-version">
                  <Table.Td>{v.versionNo}</Table.Td>
                  <Table.Td>
                    <Anchor
                      href={evidenceFileUrl(org, evidence.id, v.versionNo)}
                      download={v.fileName}
                      size="sm"
                      aria-label={t('evidenceSoa.evidence.downloadVersion', { n: v.versionNo })}
                      data-testid="download-version"
                    >
                      <Group gap={4} wrap="nowrap">
                        <IconDownload size={14} aria-hidden />
                        {v.fileName}
                      </Group>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatBytes(v.size, i18n.language)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Code title={v.sha256}>{v.sha256.slice(0, 12)}…</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(v.uploadedAt, i18n.language)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canUpload && (
        <Group align="flex-start" gap="sm">
          <FileInput
            label={t('evidenceSoa.evidence.uploadVersion')}
            description={t('evidenceSoa.evidence.fileHint')}
            placeholder={t('evidenceSoa.evidence.chooseFile')}
            accept={evidenceAcceptedExtensions.join(',')}
            leftSection={<IconUpload size={16} />}
            value={file}
            onChange={(f) => {
              setFile(f);
              setError(null);
            }}
            error={error}
            clearable
            style={{ flex: 1 }}
            data-testid="upload-file"
          />
          <Button mt={47} disabled={!file} loading={upload.isPending} onClick={submit} data-testid="upload-version">
            {t('evidenceSoa.evidence.upload')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
