import { useEffect, useState } from 'react';
import { Alert, Button, Center, Drawer, Group, Loader, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import {
  alertComparators,
  alertLimits,
  alertMetrics,
  fairnessMetricKeys,
  isTelemetryMetric,
  type AlertComparator,
  type AlertMetric,
  type AlertRuleView,
  type FairnessMetricKey,
} from '@contracts/alerts/schema.js';
import { useAlertRule, useArchiveAlertRule, useSaveAlertRule } from '../../hooks/useAlerts';
import { useServerErrors } from '../../hooks/useServerErrors';
import { useSystemList } from '../../hooks/useSystems';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { QueryError } from '../common/QueryError';

const fields = [
  'name',
  'systemId',
  'metric',
  'metricKey',
  'comparator',
  'threshold',
  'windowMinutes',
  'cooldownMinutes',
  'enabled',
] as const;

interface Draft {
  name: string;
  systemId: string | null;
  metric: AlertMetric;
  metricKey: FairnessMetricKey | null;
  comparator: AlertComparator;
  threshold: number | string;
  windowMinutes: number | string;
  cooldownMinutes: number | string;
  enabled: boolean;
}

const draftOf = (r: AlertRuleView | null): Draft => ({
  name: r?.name ?? '',
  systemId: r?.systemId ?? null,
  metric: r?.metric ?? 'error_rate',
  metricKey: (r?.metricKey as FairnessMetricKey | null) ?? null,
  comparator: r?.comparator ?? 'above',
  threshold: r?.threshold ?? '',
  windowMinutes: r?.windowMinutes ?? 15,
  cooldownMinutes: r?.cooldownMinutes ?? 60,
  enabled: r?.enabled ?? true,
});

interface Props {
  org: string;
  /** null: a new rule */
  ruleId: string | null;
  canManage: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}

/** One alert rule's form (or a new one's), with archive and restore. */
export function AlertRuleDrawer({ org, ruleId, canManage, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const rule = useAlertRule(org, ruleId);
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="lg"
      title={ruleId ? t('alerts.form.editTitle') : t('alerts.form.newTitle')}
      data-testid="alert-rule-drawer"
    >
      {ruleId && rule.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {ruleId && rule.isError && <QueryError error={rule.error} />}
      {(!ruleId || rule.data) && (
        <RuleForm
          key={rule.data ? rule.data.id : 'new'}
          org={org}
          rule={rule.data ?? null}
          canManage={ruleId ? (rule.data?.can.update ?? false) : canManage}
          onCreated={onCreated}
        />
      )}
    </Drawer>
  );
}

function RuleForm({
  org,
  rule,
  canManage,
  onCreated,
}: {
  org: string;
  rule: AlertRuleView | null;
  canManage: boolean;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const systems = useSystemList(org, { limit: 200, sort: 'name', order: 'asc' });
  const save = useSaveAlertRule(org);
  const archive = useArchiveAlertRule(org);
  const [draft, setDraft] = useState<Draft>(() => draftOf(rule));
  // The version the draft was read from: a save sends it, so a change made meanwhile elsewhere answers 409 instead of
  // being overwritten. A newer version replaces the draft only while the user has not edited it.
  const [baseVersion, setBaseVersion] = useState(rule?.version ?? null);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = useServerErrors(fields, setErrors);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDirty(true);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const reload = () => {
    setDraft(draftOf(rule));
    setBaseVersion(rule?.version ?? null);
    setDirty(false);
    setErrors({});
  };
  useEffect(() => {
    if (rule && rule.version !== baseVersion && !dirty) {
      setDraft(draftOf(rule));
      setBaseVersion(rule.version);
    }
  }, [rule, baseVersion, dirty]);
  const changedElsewhere = !!rule && dirty && rule.version !== baseVersion && !save.isPending;
  // set once this new-rule form has created its rule: it takes no more input while the drawer opens that rule
  const [created, setCreated] = useState(false);
  const readOnly = !canManage || !!rule?.archivedAt || created;
  const telemetry = isTelemetryMetric(draft.metric);

  const thresholdHint =
    draft.metric === 'error_rate' || draft.metric === 'drift_score'
      ? draft.metric === 'drift_score'
        ? `${t('alerts.form.thresholdRate')} ${t('alerts.form.thresholdAssurance')}`
        : t('alerts.form.thresholdRate')
      : draft.metric === 'token_spend'
        ? t('alerts.form.thresholdTokens')
        : telemetry
          ? t('alerts.form.thresholdMs')
          : t('alerts.form.thresholdAssurance');
  const systemOptions = [
    ...(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
    ...(rule?.systemId && rule.systemName && !systems.data?.items.some((s) => s.id === rule.systemId)
      ? [{ value: rule.systemId, label: rule.systemName }]
      : []),
  ];

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!draft.name.trim()) missing.name = t('validation.required');
    if (draft.threshold === '') missing.threshold = t('validation.required');
    if (draft.metric === 'fairness_metric' && !draft.metricKey) missing.metricKey = t('validation.choose');
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    setErrors({});
    const body = {
      name: draft.name.trim(),
      systemId: draft.systemId,
      metric: draft.metric,
      metricKey: draft.metric === 'fairness_metric' ? draft.metricKey : null,
      comparator: draft.comparator,
      threshold: Number(draft.threshold),
      windowMinutes: Number(draft.windowMinutes),
      cooldownMinutes: Number(draft.cooldownMinutes),
      enabled: draft.enabled,
      ...(rule && baseVersion !== null ? { version: baseVersion } : {}),
    };
    const saved = await server.run(() => save.mutateAsync({ id: rule?.id ?? null, body }));
    if (!saved) return;
    notifications.show({ color: 'teal', message: rule ? t('alerts.form.saved') : t('alerts.form.created') });
    if (!rule) {
      // the drawer opens the created rule in a form of its own; this new-rule form keeps saying "new" until then
      setCreated(true);
      onCreated(saved.id);
      return;
    }
    setBaseVersion(saved.version);
    setDirty(false);
  };

  const toggleArchived = async () => {
    if (!rule) return;
    const archived = !rule.archivedAt;
    const done = await server.run(() => archive.mutateAsync({ id: rule.id, archived }));
    if (!done) return;
    // an archived rule is read-only: the form shows what is stored
    setDraft(draftOf(done));
    setBaseVersion(done.version);
    setDirty(false);
    notifications.show({ color: 'teal', message: archived ? t('alerts.form.archived') : t('alerts.form.restored') });
  };

  const field = (name: (typeof fields)[number]) => ({ error: errors[name], 'data-testid': `alert-rule-field-${name}`, disabled: readOnly });

  return (
    <Stack gap="sm" data-testid="alert-rule-form" data-version={baseVersion ?? 'new'}>
      {changedElsewhere && (
        <Alert color="yellow" data-testid="alert-rule-changed">
          <Group justify="space-between" wrap="nowrap">
            <span>{t('alerts.form.changedElsewhere')}</span>
            <Button size="xs" variant="default" onClick={reload} data-testid="alert-rule-reload">
              {t('alerts.form.reload')}
            </Button>
          </Group>
        </Alert>
      )}
      {rule?.archivedAt && <Alert color="gray">{t('alerts.form.archivedNotice')}</Alert>}
      {rule && !canManage && <Alert color="gray">{t('alerts.form.readOnly')}</Alert>}
      <TextInput
        label={t('alerts.form.name')}
        required
        maxLength={alertLimits.name}
        value={draft.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        {...field('name')}
      />
      <Select
        label={t('alerts.form.system')}
        description={t('alerts.form.systemHint')}
        placeholder={t('alerts.everySystem')}
        data={systemOptions}
        value={draft.systemId}
        onChange={(v) => set('systemId', v)}
        searchable
        clearable
        {...field('systemId')}
      />
      <Group grow align="flex-start">
        <Select
          label={t('alerts.form.metric')}
          data={alertMetrics.map((m) => ({ value: m, label: t(`alerts.metric.${m}`) }))}
          value={draft.metric}
          onChange={(v) => v && set('metric', v as AlertMetric)}
          allowDeselect={false}
          {...field('metric')}
        />
        {draft.metric === 'fairness_metric' && (
          <Select
            label={t('alerts.form.metricKey')}
            required
            data={fairnessMetricKeys.map((k) => ({
              value: k,
              label: t(`alerts.figure.${k.replace('.', '_') as 'demographicParity_ratio'}`),
            }))}
            value={draft.metricKey}
            onChange={(v) => set('metricKey', v as FairnessMetricKey | null)}
            {...field('metricKey')}
          />
        )}
      </Group>
      <Group grow align="flex-start">
        <Select
          label={t('alerts.form.comparator')}
          data={alertComparators.map((c) => ({ value: c, label: t(`alerts.comparator.${c}`) }))}
          value={draft.comparator}
          onChange={(v) => v && set('comparator', v as AlertComparator)}
          allowDeselect={false}
          {...field('comparator')}
        />
        <NumberInput
          label={t('alerts.form.threshold')}
          description={thresholdHint}
          required
          decimalScale={6}
          value={draft.threshold}
          onChange={(v) => set('threshold', v)}
          {...field('threshold')}
        />
      </Group>
      <Group grow align="flex-start">
        {telemetry && (
          <NumberInput
            label={t('alerts.form.windowMinutes')}
            description={t('alerts.form.windowHint')}
            min={1}
            max={alertLimits.windowMinutes}
            allowDecimal={false}
            value={draft.windowMinutes}
            onChange={(v) => set('windowMinutes', v)}
            {...field('windowMinutes')}
          />
        )}
        <NumberInput
          label={t('alerts.form.cooldownMinutes')}
          description={t('alerts.form.cooldownHint')}
          min={0}
          max={alertLimits.cooldownMinutes}
          allowDecimal={false}
          value={draft.cooldownMinutes}
          onChange={(v) => set('cooldownMinutes', v)}
          {...field('cooldownMinutes')}
        />
      </Group>
      <Switch
        label={t('alerts.form.enabled')}
        checked={draft.enabled}
        onChange={(e) => set('enabled', e.currentTarget.checked)}
        {...field('enabled')}
      />
      <FormErrorAlert error={server.error} otherIssues={server.otherIssues} />
      {canManage && (
        <Group justify="space-between">
          {rule ? (
            <Button
              variant="default"
              color="gray"
              onClick={() => void toggleArchived()}
              loading={archive.isPending}
              data-testid="alert-rule-archive"
            >
              {rule.archivedAt ? t('common.restore') : t('common.archive')}
            </Button>
          ) : (
            <span />
          )}
          {!readOnly && (
            <Button onClick={() => void submit()} loading={save.isPending} data-testid="alert-rule-save">
              {t('common.save')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
