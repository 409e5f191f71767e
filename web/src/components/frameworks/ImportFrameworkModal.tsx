import { useState } from 'react';
import { Alert, Button, FileInput, Group, List, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '@contracts/custom-frameworks/schema.js';
import { ApiError } from '../../api/client';
import { useImportFramework } from '../../hooks/useFrameworks';
import { QueryError } from '../common/QueryError';

/** The rows (or OSCAL places) a refused import names, from the server's answer. */
function problemsOf(error: unknown): ImportProblem[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details as { problems?: ImportProblem[] } | undefined;
  return Array.isArray(details?.problems) ? details.problems : [];
}

/**
 * Imports the organisation's own framework from a spreadsheet (.csv/.xlsx: id, parent, title, description) or an
 * OSCAL catalog (.json). All or nothing: a refusal lists every problem with its row, and nothing is stored.
 */
export function ImportFrameworkModal({ onClose, onImported }: { onClose: () => void; onImported: (id: string) => void }) {
  const { t } = useTranslation();
  const importing = useImportFramework();
  const [file, setFile] = useState<File | null>(null);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [version, setVersion] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const problems = problemsOf(importing.error);
  const isSheet = !!file && /\.(csv|xlsx)$/i.test(file.name);

  const send = () => {
    if (!file) return;
    setProgress(0);
    importing.mutate(
      {
        file,
        fields: { id: id.trim() || undefined, title: title.trim() || undefined, version: version.trim() || undefined },
        onProgress: setProgress,
      },
      {
        onSuccess: (result) => {
          notifications.show({ color: 'teal', message: t('frameworks.import.done', { count: result.framework.requirementCount }) });
          onImported(result.framework.id);
        },
        onSettled: () => setProgress(null),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('frameworks.import.title')} size="lg" data-testid="import-framework-modal">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('frameworks.import.intro')}
        </Text>
        <FileInput
          label={t('frameworks.import.file')}
          placeholder={t('frameworks.import.filePlaceholder')}
          accept=".csv,.xlsx,.json"
          value={file}
          onChange={setFile}
          clearable
          required
          data-testid="import-framework-file"
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('frameworks.import.id')}
            description={t('frameworks.import.idHint')}
            value={id}
            onChange={(e) => setId(e.currentTarget.value)}
            required={isSheet}
            data-testid="import-framework-id"
          />
          <TextInput
            label={t('frameworks.import.frameworkTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required={isSheet}
            data-testid="import-framework-title"
          />
          <TextInput
            label={t('frameworks.version')}
            placeholder="1"
            value={version}
            onChange={(e) => setVersion(e.currentTarget.value)}
            data-testid="import-framework-version"
          />
        </Group>
        {importing.error ? (
          problems.length > 0 ? (
            <Alert color="red" title={(importing.error as Error).message} data-testid="import-framework-problems">
              <List size="sm">
                {problems.slice(0, 50).map((p, i) => (
                  <List.Item key={i}>
                    {p.row !== null ? `${t('frameworks.import.row', { row: p.row })}: ` : p.path ? `${p.path}: ` : ''}
                    {p.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <QueryError error={importing.error} />
          )
        ) : null}
        {progress !== null && <Progress value={progress * 100} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={send} disabled={!file} loading={importing.isPending} data-testid="import-framework-submit">
            {t('frameworks.import.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
