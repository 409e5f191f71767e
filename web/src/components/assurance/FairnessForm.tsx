import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, Group, MultiSelect, Select, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DatasetView, ProfileView, RunView } from '@contracts/assurance/schema.js';
import { useTranslation } from 'react-i18next';
import { useColumnSuggestion, useCreateRun } from '../../hooks/useAssurance';
import { QueryError } from '../common/QueryError';

/** The fairness test form: data set, profile (Hong Kong by default), label / prediction and their positive values, sensitive columns. */
export function FairnessForm({
  org,
  systemId,
  datasets,
  profiles,
  onDone,
}: {
  org: string;
  systemId: string;
  datasets: DatasetView[];
  profiles: ProfileView[];
  onDone: (run: RunView) => void;
}) {
  const { t } = useTranslation();
  const run = useCreateRun(org, systemId);
  const [datasetId, setDatasetId] = useState<string | null>(datasets[0]?.id ?? null);
  const [profileId, setProfileId] = useState<string | null>(profiles.find((p) => p.builtInKey === 'hk_eoc')?.id ?? profiles[0]?.id ?? null);
  const [label, setLabel] = useState<string | null>(null);
  const [labelPositive, setLabelPositive] = useState<string[]>([]);
  const [prediction, setPrediction] = useState<string | null>(null);
  const [predictionPositive, setPredictionPositive] = useState<string[]>([]);
  const [groups, setGroups] = useState<string[]>([]);
  const [referenceGroup, setReferenceGroup] = useState('');
  const [bootstrap, setBootstrap] = useState(true);
  const suggestion = useColumnSuggestion(org, datasetId, profileId);
  const dataset = datasets.find((d) => d.id === datasetId);
  const columns = dataset?.columns.map((c) => c.name) ?? [];

  // A new upload (the newest data set) becomes the one tested.
  const newest = datasets[0]?.id ?? null;
  useEffect(() => setDatasetId(newest), [newest]);
  useEffect(() => {
    if (suggestion.data) setGroups(suggestion.data.groups.map((g) => g.column));
  }, [suggestion.data]);

  const submit = () => {
    if (!datasetId || !label || !prediction) return;
    run.mutate(
      {
        kind: 'fairness',
        datasetId,
        label,
        labelPositive,
        prediction,
        predictionPositive,
        groups,
        ...(referenceGroup.trim() ? { referenceGroup: referenceGroup.trim() } : {}),
        ...(profileId ? { profileId } : {}),
        ...(bootstrap ? { bootstrap: { samples: 200, seed: 42, confidence: 0.95 } } : {}),
      },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'teal', message: t('assurance.fairness.done') });
          onDone(r);
        },
      },
    );
  };

  const ready = !!datasetId && !!label && !!prediction && labelPositive.length > 0 && predictionPositive.length > 0 && groups.length > 0;
  return (
    <Card withBorder padding="md" mb="lg" data-testid="fairness-form">
      <Title order={4} mb="sm">
        {t('assurance.fairness.title')}
      </Title>
      <Stack gap="sm">
        <Group grow>
          <Select
            label={t('assurance.fairness.dataset')}
            data={datasets.map((d) => ({ value: d.id, label: d.name }))}
            value={datasetId}
            onChange={setDatasetId}
            allowDeselect={false}
            data-testid="fairness-dataset"
          />
          <Select
            label={t('assurance.fairness.profile')}
            data={profiles.map((p) => ({ value: p.id, label: p.name }))}
            value={profileId}
            onChange={setProfileId}
            allowDeselect={false}
            data-testid="fairness-profile"
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label={t('assurance.fairness.label')}
            data={columns}
            value={label}
            onChange={setLabel}
            searchable
            data-testid="fairness-label"
          />
          <TagsInput
            label={t('assurance.fairness.labelPositive')}
            description={t('assurance.fairness.positiveHint')}
            value={labelPositive}
            onChange={setLabelPositive}
            data-testid="fairness-label-positive"
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label={t('assurance.fairness.prediction')}
            data={columns}
            value={prediction}
            onChange={setPrediction}
            searchable
            data-testid="fairness-prediction"
          />
          <TagsInput
            label={t('assurance.fairness.predictionPositive')}
            description={t('assurance.fairness.positiveHint')}
            value={predictionPositive}
            onChange={setPredictionPositive}
            data-testid="fairness-prediction-positive"
          />
        </Group>
        <MultiSelect
          label={t('assurance.fairness.groups')}
          description={t('assurance.fairness.groupsHint')}
          data={columns}
          value={groups}
          onChange={setGroups}
          data-testid="fairness-groups"
        />
        {suggestion.data && suggestion.data.unmatched.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('assurance.fairness.unmatched', { list: suggestion.data.unmatched.join(', ') })}
          </Text>
        )}
        <TextInput
          label={t('assurance.fairness.referenceGroup')}
          description={t('assurance.fairness.referenceHint')}
          value={referenceGroup}
          onChange={(e) => setReferenceGroup(e.currentTarget.value)}
        />
        <Checkbox label={t('assurance.fairness.bootstrap')} checked={bootstrap} onChange={(e) => setBootstrap(e.currentTarget.checked)} />
        {run.error ? <QueryError error={run.error} /> : null}
        <Group>
          <Button onClick={submit} disabled={!ready} loading={run.isPending} data-testid="fairness-run">
            {t('assurance.fairness.run')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
