import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  conclusionDecisions,
  dppIds,
  harmDimensions,
  impactLimits,
  type ImpactContent,
  type ImpactSectionId,
} from '@contracts/impact/schema.js';
import { conclusionLabels, dppLabels, harmDimensionLabels } from '@contracts/impact/labels.js';
import { useLanguage } from '../../hooks/useLanguage';
import { pick } from '../risks/riskUtils';
import { fieldLabel, type ImpactField } from './impactLabels';

export type SectionValue<K extends ImpactSectionId> = NonNullable<ImpactContent[K]>;
/** Errors of one section by path inside it, e.g. "rights.severity". */
export type SectionErrors = Record<string, string>;

interface FieldProps<K extends ImpactSectionId> {
  value: SectionValue<K> | undefined;
  onChange: (value: SectionValue<K>) => void;
  errors: SectionErrors;
  readOnly: boolean;
}

const scoreOptions = ['1', '2', '3', '4', '5'];
const score = (v: string | null): number | undefined => (v ? Number(v) : undefined);
const text = (v: string): string | undefined => (v === '' ? undefined : v);
const tid = (section: ImpactSectionId, path: string) => `impact-field-${section}-${path.replace(/\./g, '-')}`;

/** A text area bound to one string field of a section. */
function Area({
  section,
  path,
  label,
  value,
  onChange,
  error,
  readOnly,
  minRows = 3,
}: {
  section: ImpactSectionId;
  path: string;
  label: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  error: string | undefined;
  readOnly: boolean;
  minRows?: number;
}) {
  return (
    <Textarea
      label={label}
      autosize
      minRows={minRows}
      maxLength={impactLimits.text}
      value={value ?? ''}
      onChange={(e) => onChange(text(e.currentTarget.value))}
      error={error}
      readOnly={readOnly}
      data-testid={tid(section, path)}
    />
  );
}

function Score({
  section,
  path,
  label,
  value,
  onChange,
  error,
  readOnly,
}: {
  section: ImpactSectionId;
  path: string;
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  error: string | undefined;
  readOnly: boolean;
}) {
  return (
    <Select
      label={label}
      data={scoreOptions}
      value={value === undefined ? null : String(value)}
      onChange={(v) => onChange(score(v))}
      clearable
      error={error}
      readOnly={readOnly}
      w={110}
      data-testid={tid(section, path)}
    />
  );
}

/** Sections with only free text: the system, misuse, benefits, oversight, transparency. */
function TextSection<K extends 'system' | 'misuse' | 'benefits' | 'oversight' | 'transparency'>({
  section,
  keys,
  value,
  onChange,
  errors,
  readOnly,
}: FieldProps<K> & { section: K; keys: { key: string; label: ImpactField }[] }) {
  const { language } = useLanguage();
  const current = (value ?? {}) as Record<string, string | undefined>;
  return (
    <Stack gap="sm">
      {keys.map(({ key, label }) => (
        <Area
          key={key}
          section={section}
          path={key}
          label={fieldLabel(label, language)}
          value={current[key]}
          onChange={(v) => onChange({ ...current, [key]: v } as SectionValue<K>)}
          error={errors[key]}
          readOnly={readOnly}
        />
      ))}
    </Stack>
  );
}

function AffectedSection({ value, onChange, errors, readOnly }: FieldProps<'affected'>) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const groups = value?.groups ?? [];
  const setGroups = (next: typeof groups) => onChange({ ...value, groups: next });
  return (
    <Stack gap="sm">
      {errors.groups && (
        <Text size="sm" c="red">
          {errors.groups}
        </Text>
      )}
      {groups.map((g, k) => (
        <Paper key={k} withBorder p="sm" radius="sm" data-testid={`impact-affected-group-${k}`}>
          <Group align="flex-start" wrap="nowrap">
            <Stack gap="xs" style={{ flex: 1 }}>
              <TextInput
                label={t('risk.impact.groupName')}
                required
                maxLength={impactLimits.short}
                value={g.name}
                onChange={(e) => setGroups(groups.map((x, j) => (j === k ? { ...x, name: e.currentTarget.value } : x)))}
                error={errors[`groups.${k}.name`]}
                readOnly={readOnly}
                data-testid={tid('affected', `groups.${k}.name`)}
              />
              <Textarea
                label={t('risk.impact.groupDescription')}
                autosize
                minRows={2}
                maxLength={impactLimits.text}
                value={g.description ?? ''}
                onChange={(e) => {
                  const description = text(e.currentTarget.value);
                  setGroups(groups.map((x, j) => (j === k ? { ...x, description } : x)));
                }}
                error={errors[`groups.${k}.description`]}
                readOnly={readOnly}
                data-testid={tid('affected', `groups.${k}.description`)}
              />
              <Checkbox
                label={fieldLabel('vulnerable', language)}
                checked={g.vulnerable}
                onChange={(e) => {
                  const vulnerable = e.currentTarget.checked;
                  setGroups(groups.map((x, j) => (j === k ? { ...x, vulnerable } : x)));
                }}
                disabled={readOnly}
                data-testid={tid('affected', `groups.${k}.vulnerable`)}
              />
            </Stack>
            {!readOnly && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('risk.impact.remove')}
                onClick={() => setGroups(groups.filter((_, j) => j !== k))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        </Paper>
      ))}
      {!readOnly && groups.length < impactLimits.items && (
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => setGroups([...groups, { name: '', vulnerable: false }])}
          w="fit-content"
          data-testid="impact-add-group"
        >
          {t('risk.impact.addGroup')}
        </Button>
      )}
      <Area
        section="affected"
        path="vulnerableGroupsNote"
        label={fieldLabel('vulnerableGroupsNote', language)}
        value={value?.vulnerableGroupsNote}
        onChange={(v) => onChange({ groups, ...value, vulnerableGroupsNote: v })}
        error={errors.vulnerableGroupsNote}
        readOnly={readOnly}
        minRows={2}
      />
    </Stack>
  );
}

function HarmsSection({ value, onChange, errors, readOnly }: FieldProps<'harms'>) {
  const { language } = useLanguage();
  const current = value ?? {};
  return (
    <Stack gap="md">
      {harmDimensions.map((d) => {
        const h = current[d] ?? {};
        const set = (patch: Partial<typeof h>) => onChange({ ...current, [d]: { ...h, ...patch } });
        return (
          <Paper key={d} withBorder p="sm" radius="sm" data-testid={`impact-harm-${d}`}>
            <Text fw={600} size="sm" mb={4}>
              {pick(harmDimensionLabels[d], language)}
            </Text>
            <Group align="flex-start" wrap="nowrap">
              <div style={{ flex: 1 }}>
                <Area
                  section="harms"
                  path={`${d}.description`}
                  label={fieldLabel('description', language)}
                  value={h.description}
                  onChange={(v) => set({ description: v })}
                  error={errors[`${d}.description`]}
                  readOnly={readOnly}
                  minRows={2}
                />
              </div>
              <Score
                section="harms"
                path={`${d}.severity`}
                label={fieldLabel('severity', language)}
                value={h.severity}
                onChange={(v) => set({ severity: v })}
                error={errors[`${d}.severity`]}
                readOnly={readOnly}
              />
              <Score
                section="harms"
                path={`${d}.likelihood`}
                label={fieldLabel('likelihood', language)}
                value={h.likelihood}
                onChange={(v) => set({ likelihood: v })}
                error={errors[`${d}.likelihood`]}
                readOnly={readOnly}
              />
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}

function MitigationsSection({
  value,
  onChange,
  errors,
  readOnly,
  controls,
}: FieldProps<'mitigations'> & { controls: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const items = value?.items ?? [];
  const setItems = (next: typeof items) => onChange({ items: next });
  const dimensionOptions = harmDimensions.map((d) => ({ value: d, label: pick(harmDimensionLabels[d], language) }));
  return (
    <Stack gap="sm">
      {errors.items && (
        <Text size="sm" c="red">
          {errors.items}
        </Text>
      )}
      {items.map((m, k) => {
        const set = (patch: Partial<typeof m>) => setItems(items.map((x, j) => (j === k ? { ...x, ...patch } : x)));
        // Controls linked earlier stay visible even when archived since.
        const options = [
          ...controls,
          ...m.controlIds.filter((id) => !controls.some((c) => c.value === id)).map((id) => ({ value: id, label: id })),
        ];
        return (
          <Paper key={k} withBorder p="sm" radius="sm" data-testid={`impact-mitigation-${k}`}>
            <Group align="flex-start" wrap="nowrap">
              <Stack gap="xs" style={{ flex: 1 }}>
                <Area
                  section="mitigations"
                  path={`items.${k}.description`}
                  label={fieldLabel('mitigation', language)}
                  value={m.description}
                  onChange={(v) => set({ description: v ?? '' })}
                  error={errors[`items.${k}.description`]}
                  readOnly={readOnly}
                  minRows={2}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <MultiSelect
                    label={t('risk.impact.dimensions')}
                    data={dimensionOptions}
                    value={m.dimensions}
                    onChange={(v) => set({ dimensions: v as typeof m.dimensions })}
                    readOnly={readOnly}
                    error={errors[`items.${k}.dimensions`]}
                    data-testid={tid('mitigations', `items.${k}.dimensions`)}
                  />
                  <MultiSelect
                    label={t('risk.impact.controls')}
                    data={options}
                    value={m.controlIds}
                    onChange={(v) => set({ controlIds: v })}
                    searchable
                    maxValues={impactLimits.controlsPerMitigation}
                    readOnly={readOnly}
                    error={errors[`items.${k}.controlIds`]}
                    data-testid={tid('mitigations', `items.${k}.controlIds`)}
                  />
                </SimpleGrid>
              </Stack>
              {!readOnly && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('risk.impact.remove')}
                  onClick={() => setItems(items.filter((_, j) => j !== k))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
          </Paper>
        );
      })}
      {!readOnly && items.length < impactLimits.items && (
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => setItems([...items, { description: '', dimensions: [], controlIds: [] }])}
          w="fit-content"
          data-testid="impact-add-mitigation"
        >
          {t('risk.impact.addMitigation')}
        </Button>
      )}
    </Stack>
  );
}

function DataProtectionSection({ value, onChange, errors, readOnly }: FieldProps<'dataProtection'>) {
  const { language } = useLanguage();
  const current = value ?? {};
  return (
    <Stack gap="md">
      {dppIds.map((d) => {
        const p = current[d] ?? {};
        const set = (patch: Partial<typeof p>) => onChange({ ...current, [d]: { ...p, ...patch } });
        return (
          <Paper key={d} withBorder p="sm" radius="sm" data-testid={`impact-dpp-${d}`}>
            <Text fw={600} size="sm" mb={4}>
              {pick(dppLabels[d], language)}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Area
                section="dataProtection"
                path={`${d}.how`}
                label={fieldLabel('how', language)}
                value={p.how}
                onChange={(v) => set({ how: v })}
                error={errors[`${d}.how`]}
                readOnly={readOnly}
                minRows={2}
              />
              <Area
                section="dataProtection"
                path={`${d}.gaps`}
                label={fieldLabel('gaps', language)}
                value={p.gaps}
                onChange={(v) => set({ gaps: v })}
                error={errors[`${d}.gaps`]}
                readOnly={readOnly}
                minRows={2}
              />
            </SimpleGrid>
          </Paper>
        );
      })}
    </Stack>
  );
}

function ConsultationSection({ value, onChange, errors, readOnly }: FieldProps<'consultation'>) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const items = value?.items ?? [];
  const setItems = (next: typeof items) => onChange({ items: next });
  return (
    <Stack gap="sm">
      {items.map((c, k) => {
        const set = (patch: Partial<typeof c>) => setItems(items.map((x, j) => (j === k ? { ...x, ...patch } : x)));
        return (
          <Paper key={k} withBorder p="sm" radius="sm" data-testid={`impact-consultation-${k}`}>
            <Group align="flex-start" wrap="nowrap">
              <Stack gap="xs" style={{ flex: 1 }}>
                <Group grow align="flex-start">
                  <TextInput
                    label={fieldLabel('who', language)}
                    required
                    maxLength={impactLimits.short}
                    value={c.who}
                    onChange={(e) => set({ who: e.currentTarget.value })}
                    error={errors[`items.${k}.who`]}
                    readOnly={readOnly}
                    data-testid={tid('consultation', `items.${k}.who`)}
                  />
                  <TextInput
                    label={fieldLabel('when', language)}
                    type="date"
                    value={c.when ?? ''}
                    onChange={(e) => set({ when: text(e.currentTarget.value) })}
                    error={errors[`items.${k}.when`]}
                    readOnly={readOnly}
                    data-testid={tid('consultation', `items.${k}.when`)}
                  />
                </Group>
                <Area
                  section="consultation"
                  path={`items.${k}.outcome`}
                  label={fieldLabel('outcome', language)}
                  value={c.outcome}
                  onChange={(v) => set({ outcome: v })}
                  error={errors[`items.${k}.outcome`]}
                  readOnly={readOnly}
                  minRows={2}
                />
              </Stack>
              {!readOnly && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('risk.impact.remove')}
                  onClick={() => setItems(items.filter((_, j) => j !== k))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
          </Paper>
        );
      })}
      {!readOnly && items.length < impactLimits.items && (
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => setItems([...items, { who: '' }])}
          w="fit-content"
          data-testid="impact-add-consultation"
        >
          {t('risk.impact.addConsultation')}
        </Button>
      )}
    </Stack>
  );
}

function ResidualSection({ value, onChange, errors, readOnly }: FieldProps<'residual'>) {
  const { language } = useLanguage();
  const current = value ?? {};
  return (
    <Group align="flex-start" wrap="nowrap">
      <div style={{ flex: 1 }}>
        <Area
          section="residual"
          path="description"
          label={fieldLabel('description', language)}
          value={current.description}
          onChange={(v) => onChange({ ...current, description: v })}
          error={errors.description}
          readOnly={readOnly}
        />
      </div>
      <Score
        section="residual"
        path="severity"
        label={fieldLabel('severity', language)}
        value={current.severity}
        onChange={(v) => onChange({ ...current, severity: v })}
        error={errors.severity}
        readOnly={readOnly}
      />
      <Score
        section="residual"
        path="likelihood"
        label={fieldLabel('likelihood', language)}
        value={current.likelihood}
        onChange={(v) => onChange({ ...current, likelihood: v })}
        error={errors.likelihood}
        readOnly={readOnly}
      />
    </Group>
  );
}

function ConclusionSection({ value, onChange, errors, readOnly }: FieldProps<'conclusion'>) {
  const { language } = useLanguage();
  const current = value ?? {};
  return (
    <Stack gap="sm">
      <Select
        label={fieldLabel('decision', language)}
        data={conclusionDecisions.map((d) => ({ value: d, label: pick(conclusionLabels[d], language) }))}
        value={current.decision ?? null}
        onChange={(v) => onChange({ ...current, decision: (v ?? undefined) as (typeof conclusionDecisions)[number] | undefined })}
        clearable
        error={errors.decision}
        readOnly={readOnly}
        data-testid={tid('conclusion', 'decision')}
      />
      <Area
        section="conclusion"
        path="conditions"
        label={fieldLabel('conditions', language)}
        value={current.conditions}
        onChange={(v) => onChange({ ...current, conditions: v })}
        error={errors.conditions}
        readOnly={readOnly}
        minRows={2}
      />
      <Area
        section="conclusion"
        path="rationale"
        label={fieldLabel('rationale', language)}
        value={current.rationale}
        onChange={(v) => onChange({ ...current, rationale: v })}
        error={errors.rationale}
        readOnly={readOnly}
      />
    </Stack>
  );
}

interface Props {
  section: ImpactSectionId;
  value: unknown;
  onChange: (value: unknown) => void;
  errors: SectionErrors;
  readOnly: boolean;
  controls: { value: string; label: string }[];
}

/** The fields of one template section. */
export function SectionFields({ section, value, onChange, errors, readOnly, controls }: Props) {
  const common = { onChange, errors, readOnly };
  switch (section) {
    case 'system':
      return (
        <TextSection
          section="system"
          value={value as SectionValue<'system'>}
          keys={[
            { key: 'description', label: 'description' },
            { key: 'intendedUse', label: 'intendedUse' },
            { key: 'deploymentContext', label: 'deploymentContext' },
          ]}
          {...common}
        />
      );
    case 'misuse':
    case 'benefits':
    case 'oversight':
    case 'transparency':
      return (
        <TextSection
          section={section}
          value={value as SectionValue<typeof section>}
          keys={[{ key: 'description', label: 'description' }]}
          {...common}
        />
      );
    case 'affected':
      return <AffectedSection value={value as SectionValue<'affected'>} {...common} />;
    case 'harms':
      return <HarmsSection value={value as SectionValue<'harms'>} {...common} />;
    case 'mitigations':
      return <MitigationsSection value={value as SectionValue<'mitigations'>} controls={controls} {...common} />;
    case 'dataProtection':
      return <DataProtectionSection value={value as SectionValue<'dataProtection'>} {...common} />;
    case 'consultation':
      return <ConsultationSection value={value as SectionValue<'consultation'>} {...common} />;
    case 'residual':
      return <ResidualSection value={value as SectionValue<'residual'>} {...common} />;
    case 'conclusion':
      return <ConclusionSection value={value as SectionValue<'conclusion'>} {...common} />;
    default:
      return null;
  }
}
