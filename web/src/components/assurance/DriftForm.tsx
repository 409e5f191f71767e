import { useEffect, useState } from 'react';
import { Button, Card, Group, Select, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DatasetView, RunView } from '@contracts/assurance/schema.js';
import { useTranslation } from 'react-i18next';
import { useCreateRun } from '../../hooks/useAssurance';
import { QueryError } from '../common/QueryError';

export function DriftForm({
  org,
  systemId,
  datasets,
  onDone,
}: {
  org: string;
  systemId: string;
  datasets: DatasetView[];
  onDone: (run: RunView) => void;
}) {
  const { t } = useTranslation();
  const run = useCreateRun(org, systemId);
  const [referenceId, setReferenceId] = useState<string | null>(datasets[1]?.id ?? datasets[0]?.id ?? null);
  const [currentId, setCurrentId] = useState<string | null>(datasets[0]?.id ?? null);
  const [mode, setMode] = useState<'default' | 'evidently'>('default');
  const options = datasets.map((d) => ({ value: d.id, label: d.name }));
  // A new upload becomes the current data; the one before it the reference.
  const newest = datasets[0]?.id ?? null;
  const previous = datasets[1]?.id ?? newest;
  useEffect(() => {
    setCurrentId(newest);
    setReferenceId(previous);
  }, [newest, previous]);
  const submit = () => {
    if (!referenceId || !currentId) return;
    run.mutate(
      { kind: 'drift', referenceDatasetId: referenceId, datasetId: currentId, mode },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'teal', message: t('assurance.drift.done') });
          onDone(r);
        },
      },
    );
  };
  return (
    <Card withBorder padding="md" mb="lg" data-testid="drift-form">
      <Title order={4} mb="sm">
        {t('assurance.drift.title')}
      </Title>
      <Stack gap="sm">
        <Group grow>
          <Select
            label={t('assurance.drift.reference')}
            data={options}
            value={referenceId}
            onChange={setReferenceId}
            allowDeselect={false}
            data-testid="drift-reference"
          />
          <Select
            label={t('assurance.drift.current')}
            data={options}
            value={currentId}
            onChange={setCurrentId}
            allowDeselect={false}
            data-testid="drift-current"
          />
          <Select
            label={t('assurance.drift.mode')}
            data={[
              { value: 'default', label: t('assurance.drift.modeDefault') },
              { value: 'evidently', label: t('assurance.drift.modeEvidently') },
            ]}
            value={mode}
            onChange={(v) => setMode(v === 'evidently' ? 'evidently' : 'default')}
          />
        </Group>
        {run.error ? <QueryError error={run.error} /> : null}
        <Group>
          <Button onClick={submit} disabled={!referenceId || !currentId} loading={run.isPending} data-testid="drift-run">
            {t('assurance.drift.run')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
