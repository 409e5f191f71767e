import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { fairnessMetricKeys, type FairnessMetricKey, type ProfileView } from '@contracts/assurance/schema.js';
import { useTranslation } from 'react-i18next';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { useArchiveProfile, useCopyProfile, useCreateProfile, useProfiles, useUpdateProfile } from '../../hooks/useAssurance';
import { useCan, useOrg } from '../../hooks/useOrg';

interface BoundRow {
  metric: FairnessMetricKey;
  min: number | string;
  max: number | string;
}

interface Draft {
  id: string | null;
  version: number | null;
  name: string;
  rationale: string;
  sensitiveAttributes: string[];
  minGroupSize: number | string;
  bounds: BoundRow[];
}

const toDraft = (p: ProfileView | null): Draft => ({
  id: p?.id ?? null,
  version: p?.version ?? null,
  name: p?.name ?? '',
  rationale: p?.rationale ?? '',
  sensitiveAttributes: p?.sensitiveAttributes ?? [],
  minGroupSize: p?.thresholds.minGroupSize ?? 30,
  bounds: Object.entries(p?.thresholds.metrics ?? { demographicParityRatio: { min: 0.8 } }).map(([metric, b]) => ({
    metric: metric as FairnessMetricKey,
    min: b.min ?? '',
    max: b.max ?? '',
  })),
});

const num = (v: number | string): number | undefined => (typeof v === 'number' ? v : v.trim() === '' ? undefined : Number(v));

function ProfileEditor({ org, draft, onClose }: { org: string; draft: Draft; onClose: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState(draft);
  const create = useCreateProfile(org);
  const update = useUpdateProfile(org);
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const save = () => {
    const metrics = Object.fromEntries(
      d.bounds.map((b) => [
        b.metric,
        { ...(num(b.min) !== undefined ? { min: num(b.min) } : {}), ...(num(b.max) !== undefined ? { max: num(b.max) } : {}) },
      ]),
    );
    const body = {
      name: d.name,
      rationale: d.rationale,
      sensitiveAttributes: d.sensitiveAttributes,
      thresholds: { metrics, minGroupSize: num(d.minGroupSize) ?? 0 },
    };
    const done = () => {
      notifications.show({ color: 'teal', message: t('assurance.profiles.saved') });
      onClose();
    };
    if (d.id) update.mutate({ id: d.id, body: { ...body, ...(d.version ? { version: d.version } : {}) } }, { onSuccess: done });
    else create.mutate(body, { onSuccess: done });
  };
  return (
    <Card withBorder padding="md" mb="lg" data-testid="profile-editor">
      <Stack gap="sm">
        <TextInput label={t('assurance.profiles.name')} value={d.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} />
        <Textarea
          label={t('assurance.profiles.rationale')}
          autosize
          minRows={3}
          value={d.rationale}
          onChange={(e) => setD({ ...d, rationale: e.currentTarget.value })}
        />
        <TagsInput
          label={t('assurance.profiles.attributes')}
          value={d.sensitiveAttributes}
          onChange={(v) => setD({ ...d, sensitiveAttributes: v })}
        />
        <NumberInput
          label={t('assurance.profiles.minGroupSize')}
          min={0}
          value={d.minGroupSize}
          onChange={(v) => setD({ ...d, minGroupSize: v })}
          w={200}
        />
        <Text fw={500} size="sm">
          {t('assurance.profiles.thresholds')}
        </Text>
        {d.bounds.map((b, i) => (
          <Group key={i} align="flex-end">
            <Select
              label={t('assurance.profiles.metric')}
              data={fairnessMetricKeys.map((k) => ({ value: k, label: t(`assurance.metrics.${k}`) }))}
              value={b.metric}
              onChange={(v) =>
                v && setD({ ...d, bounds: d.bounds.map((x, j) => (j === i ? { ...x, metric: v as FairnessMetricKey } : x)) })
              }
              w={280}
            />
            <NumberInput
              label={t('assurance.profiles.min')}
              value={b.min}
              step={0.05}
              decimalScale={4}
              onChange={(v) => setD({ ...d, bounds: d.bounds.map((x, j) => (j === i ? { ...x, min: v } : x)) })}
              w={120}
            />
            <NumberInput
              label={t('assurance.profiles.max')}
              value={b.max}
              step={0.05}
              decimalScale={4}
              onChange={(v) => setD({ ...d, bounds: d.bounds.map((x, j) => (j === i ? { ...x, max: v } : x)) })}
              w={120}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('assurance.profiles.remove')}
              onClick={() => setD({ ...d, bounds: d.bounds.filter((_, j) => j !== i) })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => setD({ ...d, bounds: [...d.bounds, { metric: 'equalizedOddsDifference', min: '', max: 0.1 }] })}
          >
            {t('assurance.profiles.addMetric')}
          </Button>
        </Group>
        {error ? <QueryError error={error} /> : null}
        <Group>
          <Button onClick={save} loading={pending}>
            {t('assurance.profiles.save')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** `/o/:org/settings/fairness-profiles`: the built-in profiles and the organisation's own. */
export function FairnessProfilesPage() {
  const { t } = useTranslation();
  const org = useOrg();
  const canConfigure = useCan('assurance.configure');
  const [showArchived, setShowArchived] = useState(false);
  const profiles = useProfiles(org.slug, showArchived);
  const copy = useCopyProfile(org.slug);
  const archive = useArchiveProfile(org.slug);
  const [editing, setEditing] = useState<Draft | null>(null);

  if (profiles.isPending) return <FullPageLoader />;
  if (profiles.isError) return <QueryError error={profiles.error} />;
  const bound = (b: { min?: number; max?: number }) =>
    [b.min !== undefined ? `≥ ${b.min}` : null, b.max !== undefined ? `≤ ${b.max}` : null].filter(Boolean).join(', ');

  return (
    <>
      <PageHeader
        title={t('assurance.profiles.title')}
        intro={t('assurance.profiles.intro')}
        actions={
          canConfigure ? (
            <Button onClick={() => setEditing(toDraft(null))} data-testid="profile-new">
              {t('assurance.profiles.new')}
            </Button>
          ) : undefined
        }
      />
      <Switch
        label={t('assurance.profiles.showArchived')}
        checked={showArchived}
        onChange={(e) => setShowArchived(e.currentTarget.checked)}
        mb="md"
      />
      {editing && <ProfileEditor key={editing.id ?? 'new'} org={org.slug} draft={editing} onClose={() => setEditing(null)} />}
      {copy.error ? <QueryError error={copy.error} /> : null}
      <Stack gap="md">
        {profiles.data.items.map((p) => (
          <Card key={p.id} withBorder padding="md" data-testid={`profile-${p.builtInKey ?? p.id}`}>
            <Group justify="space-between" mb="xs">
              <Group gap="xs">
                <Title order={4}>{p.name}</Title>
                <Badge variant="light" color={p.builtInKey ? 'blue' : 'grape'}>
                  {t(p.builtInKey ? 'assurance.profiles.builtIn' : 'assurance.profiles.custom')}
                </Badge>
                {p.archivedAt && <Badge color="gray">{t('assurance.profiles.archived')}</Badge>}
              </Group>
              {canConfigure && (
                <Group gap="xs">
                  <Button
                    size="compact-sm"
                    variant="light"
                    loading={copy.isPending}
                    onClick={() =>
                      copy.mutate(p.id, { onSuccess: () => notifications.show({ color: 'teal', message: t('assurance.profiles.copied') }) })
                    }
                  >
                    {t('assurance.profiles.copy')}
                  </Button>
                  {p.can.update && !p.archivedAt && (
                    <Button size="compact-sm" variant="light" onClick={() => setEditing(toDraft(p))}>
                      {t('assurance.profiles.edit')}
                    </Button>
                  )}
                  {!p.builtInKey && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="gray"
                      onClick={() => archive.mutate({ id: p.id, archived: !p.archivedAt })}
                    >
                      {t(p.archivedAt ? 'assurance.profiles.restore' : 'assurance.profiles.archive')}
                    </Button>
                  )}
                </Group>
              )}
            </Group>
            <Text size="sm" mb="xs">
              {p.rationale}
            </Text>
            <Text size="sm">
              <b>{t('assurance.profiles.attributes')}:</b> {p.sensitiveAttributes.join(', ') || '—'}
            </Text>
            <Table fz="sm" mt="xs" withTableBorder>
              <Table.Tbody>
                {Object.entries(p.thresholds.metrics).map(([metric, b]) => (
                  <Table.Tr key={metric}>
                    <Table.Td>{t(`assurance.metrics.${metric as FairnessMetricKey}`)}</Table.Td>
                    <Table.Td>{bound(b)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td>{t('assurance.profiles.minGroupSize')}</Table.Td>
                  <Table.Td>{p.thresholds.minGroupSize}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Card>
        ))}
      </Stack>
    </>
  );
}
