import { useState } from 'react';
import { Alert, Button, Center, Divider, Drawer, Group, Loader, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import {
  justifiedTreatments,
  riskLimits,
  settableStatuses,
  treatments,
  type RiskSettingsView,
  type RiskView,
  type Treatment,
} from '@contracts/risks/schema.js';
import { useAnnexCOptions } from '../../hooks/useAnnexC';
import { useLanguage } from '../../hooks/useLanguage';
import { useMemberOptions } from '../../hooks/useMembers';
import { useRisk, useSaveRisk } from '../../hooks/useRisks';
import { useServerErrors } from '../../hooks/useServerErrors';
import { useSystemList } from '../../hooks/useSystems';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { QueryError } from '../common/QueryError';
import { AcceptRiskPanel } from './AcceptRiskPanel';
import { BandBadge } from './BandBadge';
import { RiskControlsPanel } from './RiskControlsPanel';
import { RiskArchiveButton } from './RiskArchiveButton';
import { bandOfScore, levelLabel } from './riskUtils';

const fields = [
  'title',
  'description',
  'systemId',
  'riskSource',
  'objective',
  'likelihood',
  'impact',
  'treatment',
  'treatmentJustification',
  'residualLikelihood',
  'residualImpact',
  'ownerId',
  'reviewDate',
  'status',
] as const;

interface Draft {
  title: string;
  description: string;
  systemId: string | null;
  riskSource: string | null;
  objective: string | null;
  likelihood: string | null;
  impact: string | null;
  treatment: string | null;
  treatmentJustification: string;
  residualLikelihood: string | null;
  residualImpact: string | null;
  ownerId: string | null;
  reviewDate: string | null;
  status: string;
}

const num = (v: number | null | undefined) => (v == null ? null : String(v));
const draftOf = (r: RiskView | null, systemId: string | null): Draft => ({
  title: r?.title ?? '',
  description: r?.description ?? '',
  systemId: r ? (r.system?.id ?? null) : systemId,
  riskSource: r?.riskSource ?? null,
  objective: r?.objective ?? null,
  likelihood: num(r?.likelihood),
  impact: num(r?.impact),
  treatment: r?.treatment ?? null,
  treatmentJustification: r?.treatmentJustification ?? '',
  residualLikelihood: num(r?.residualLikelihood),
  residualImpact: num(r?.residualImpact),
  ownerId: r?.owner?.id ?? null,
  reviewDate: r?.reviewDate ?? null,
  status: r?.status ?? 'identified',
});

interface Props {
  org: string;
  /** null: a new risk */
  riskId: string | null;
  settings: RiskSettingsView | undefined;
  canManage: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}

/** One risk with every field, its controls, acceptance and archive; or the form of a new risk. */
export function RiskDrawer({ org, riskId, settings, canManage, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const risk = useRisk(org, riskId);
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={riskId ? t('risk.form.editTitle') : t('risk.form.newTitle')}
      data-testid="risk-drawer"
    >
      {riskId && risk.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {riskId && risk.isError && <QueryError error={risk.error} />}
      {(!riskId || risk.data) && settings && (
        <Stack>
          <RiskForm
            key={risk.data ? `${risk.data.id}:${risk.data.version}` : 'new'}
            org={org}
            risk={risk.data ?? null}
            settings={settings}
            canManage={riskId ? (risk.data?.can.manage ?? false) : canManage}
            onCreated={onCreated}
          />
          {risk.data && (
            <>
              <Divider />
              <RiskControlsPanel org={org} risk={risk.data} canManage={risk.data.can.manage && !risk.data.archivedAt} />
              <Divider />
              <AcceptRiskPanel org={org} risk={risk.data} settings={settings} />
              {risk.data.can.manage && (
                <Group justify="flex-end">
                  <RiskArchiveButton org={org} risk={risk.data} />
                </Group>
              )}
            </>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

function RiskForm({
  org,
  risk,
  settings,
  canManage,
  onCreated,
}: {
  org: string;
  risk: RiskView | null;
  settings: RiskSettingsView;
  canManage: boolean;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const members = useMemberOptions(org);
  const systems = useSystemList(org, { limit: 200, sort: 'name', order: 'asc' });
  const annexC = useAnnexCOptions();
  const save = useSaveRisk(org);
  const [draft, setDraft] = useState<Draft>(() => draftOf(risk, null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = useServerErrors(fields, setErrors);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const readOnly = !canManage || !!risk?.archivedAt;
  const { matrix } = settings;

  const levels = (axis: 'likelihood' | 'impact') =>
    matrix[axis].map((_, k) => ({ value: String(k + 1), label: levelLabel(matrix, axis, k + 1, language) }));
  const systemOptions = [
    ...(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
    ...(risk?.system && !systems.data?.items.some((s) => s.id === risk.system?.id)
      ? [{ value: risk.system.id, label: risk.system.name }]
      : []),
  ];
  const statusOptions = risk
    ? [...new Set([risk.status, ...risk.nextStatuses])].map((s) => ({ value: s, label: t(`risk.status.${s}`), disabled: s === 'accepted' }))
    : settableStatuses.map((s) => ({ value: s, label: t(`risk.status.${s}`) }));
  const score = (l: string | null, i: string | null) => (l && i ? Number(l) * Number(i) : null);
  const inherent = score(draft.likelihood, draft.impact);
  const residual = score(draft.residualLikelihood, draft.residualImpact);
  const needsJustification = (justifiedTreatments as readonly string[]).includes(draft.treatment ?? '');

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!draft.title.trim()) missing.title = t('validation.required');
    if (!draft.likelihood) missing.likelihood = t('validation.choose');
    if (!draft.impact) missing.impact = t('validation.choose');
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    setErrors({});
    const body = {
      title: draft.title.trim(),
      description: draft.description.trim() || null,
      systemId: draft.systemId,
      riskSource: draft.riskSource,
      objective: draft.objective,
      likelihood: Number(draft.likelihood),
      impact: Number(draft.impact),
      treatment: draft.treatment as Treatment | null,
      treatmentJustification: draft.treatmentJustification.trim() || null,
      residualLikelihood: draft.residualLikelihood ? Number(draft.residualLikelihood) : null,
      residualImpact: draft.residualImpact ? Number(draft.residualImpact) : null,
      ownerId: draft.ownerId,
      reviewDate: draft.reviewDate || null,
      ...(draft.status !== risk?.status ? { status: draft.status as (typeof settableStatuses)[number] } : {}),
      ...(risk ? { version: risk.version } : {}),
    };
    const saved = await server.run(() => save.mutateAsync({ id: risk?.id ?? null, body }));
    if (!saved) return;
    notifications.show({ color: 'teal', message: risk ? t('risk.form.saved') : t('risk.form.created') });
    if (!risk) onCreated(saved.id);
  };

  const field = (name: (typeof fields)[number]) => ({ error: errors[name], 'data-testid': `risk-field-${name}`, disabled: readOnly });

  return (
    <Stack gap="sm" data-testid="risk-form">
      {risk?.archivedAt && <Alert color="gray">{t('risk.form.archivedNotice')}</Alert>}
      {!canManage && risk && <Alert color="gray">{t('risk.form.readOnly')}</Alert>}
      <TextInput
        label={t('risk.form.title')}
        required
        maxLength={riskLimits.title}
        value={draft.title}
        onChange={(e) => set('title', e.currentTarget.value)}
        {...field('title')}
      />
      <Textarea
        label={t('risk.form.description')}
        autosize
        minRows={3}
        maxLength={riskLimits.text}
        value={draft.description}
        onChange={(e) => set('description', e.currentTarget.value)}
        {...field('description')}
      />
      <Select
        label={t('risk.form.system')}
        description={t('risk.form.systemHint')}
        placeholder={t('risk.register.organisationWide')}
        data={systemOptions}
        value={draft.systemId}
        onChange={(v) => set('systemId', v)}
        searchable
        clearable
        {...field('systemId')}
      />
      <Group grow align="flex-start">
        <Select
          label={t('risk.form.riskSource')}
          data={annexC.riskSources}
          value={draft.riskSource}
          onChange={(v) => set('riskSource', v)}
          searchable
          clearable
          {...field('riskSource')}
        />
        <Select
          label={t('risk.form.objective')}
          data={annexC.objectives}
          value={draft.objective}
          onChange={(v) => set('objective', v)}
          searchable
          clearable
          {...field('objective')}
        />
      </Group>
      <Group grow align="flex-start">
        <Select
          label={t('risk.form.likelihood')}
          required
          data={levels('likelihood')}
          value={draft.likelihood}
          onChange={(v) => set('likelihood', v)}
          {...field('likelihood')}
        />
        <Select
          label={t('risk.form.impact')}
          required
          data={levels('impact')}
          value={draft.impact}
          onChange={(v) => set('impact', v)}
          {...field('impact')}
        />
      </Group>
      {inherent !== null && (
        <Group gap="xs" data-testid="risk-inherent-preview">
          <Text size="sm">{t('risk.form.inherentScore')}</Text>
          <BandBadge matrix={matrix} band={bandOfScore(matrix, inherent)?.key ?? 'low'} score={inherent} />
        </Group>
      )}
      <Group grow align="flex-start">
        <Select
          label={t('risk.form.treatment')}
          data={treatments.map((tr) => ({ value: tr, label: t(`risk.treatment.${tr}`) }))}
          value={draft.treatment}
          onChange={(v) => set('treatment', v)}
          clearable
          {...field('treatment')}
        />
        <Select
          label={t('risk.form.status')}
          data={statusOptions}
          value={draft.status}
          onChange={(v) => v && set('status', v)}
          allowDeselect={false}
          {...field('status')}
        />
      </Group>
      <Textarea
        label={t('risk.form.justification')}
        description={t('risk.form.justificationHint')}
        required={needsJustification}
        autosize
        minRows={2}
        maxLength={riskLimits.text}
        value={draft.treatmentJustification}
        onChange={(e) => set('treatmentJustification', e.currentTarget.value)}
        {...field('treatmentJustification')}
      />
      <Group grow align="flex-start">
        <Select
          label={t('risk.form.residualLikelihood')}
          data={levels('likelihood')}
          value={draft.residualLikelihood}
          onChange={(v) => set('residualLikelihood', v)}
          clearable
          {...field('residualLikelihood')}
        />
        <Select
          label={t('risk.form.residualImpact')}
          data={levels('impact')}
          value={draft.residualImpact}
          onChange={(v) => set('residualImpact', v)}
          clearable
          {...field('residualImpact')}
        />
      </Group>
      {residual !== null && (
        <Group gap="xs" data-testid="risk-residual-preview">
          <Text size="sm">{t('risk.form.residualScore')}</Text>
          <BandBadge matrix={matrix} band={bandOfScore(matrix, residual)?.key ?? 'low'} score={residual} />
        </Group>
      )}
      <Group grow align="flex-start">
        <Select
          label={t('risk.form.owner')}
          data={members}
          value={draft.ownerId}
          onChange={(v) => set('ownerId', v)}
          searchable
          clearable
          {...field('ownerId')}
        />
        <DateInput
          label={t('risk.form.reviewDate')}
          valueFormat="YYYY-MM-DD"
          clearable
          value={draft.reviewDate}
          onChange={(v) => set('reviewDate', v)}
          {...field('reviewDate')}
        />
      </Group>
      <FormErrorAlert error={server.error} otherIssues={server.otherIssues} />
      {!readOnly && (
        <Group justify="flex-end">
          <Button onClick={() => void submit()} loading={save.isPending} data-testid="risk-save">
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
