import { useState } from 'react';
import {
  Alert,
  Button,
  ColorInput,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import {
  matrixSize,
  riskLimits,
  riskTiers,
  type Bilingual,
  type RiskSettingsInput,
  type RiskSettingsView,
} from '@contracts/risks/schema.js';
import { useSaveRiskSettings } from '../../hooks/useRisks';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { useServerErrors } from '../../hooks/useServerErrors';

type Draft = Omit<RiskSettingsInput, 'version'> & Pick<RiskSettingsView, 'matrix' | 'criteria' | 'reviewCadence'>;
const noFields: readonly string[] = [];
const blank: Bilingual = { en: '', 'zh-HK': '' };

/** Resize a level list, keeping the labels already written. */
const resize = (levels: { label: Bilingual }[], n: number) => Array.from({ length: n }, (_, k) => levels[k] ?? { label: { ...blank } });

/** The organisation's matrix, risk criteria and review cadence (risk.configure). */
export function RiskSettingsModal({ org, settings, onClose }: { org: string; settings: RiskSettingsView; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveRiskSettings(org);
  const [draft, setDraft] = useState<Draft>(() =>
    structuredClone({ matrix: settings.matrix, criteria: settings.criteria, reviewCadence: settings.reviewCadence }),
  );
  const [, setErrors] = useState<Record<string, string>>({});
  // Every issue of this nested form is listed in the alert with its path.
  const server = useServerErrors(noFields, setErrors);
  const readOnly = !settings.can.configure;
  const maxScore = draft.matrix.likelihood.length * draft.matrix.impact.length;

  const setLevels = (axis: 'likelihood' | 'impact', levels: { label: Bilingual }[]) =>
    setDraft((d) => ({ ...d, matrix: { ...d.matrix, [axis]: levels } }));

  const submit = async () => {
    const saved = await server.run(() => save.mutateAsync({ ...draft, version: settings.version }));
    if (!saved) return;
    notifications.show({ color: 'teal', message: t('risk.settings.saved') });
    onClose();
  };

  const levelEditor = (axis: 'likelihood' | 'impact') => (
    <Stack gap="xs" data-testid={`settings-${axis}`}>
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {axis === 'likelihood' ? t('risk.settings.likelihoodLevels') : t('risk.settings.impactLevels')}
        </Text>
        <NumberInput
          aria-label={t('risk.settings.levels')}
          w={90}
          min={matrixSize.min}
          max={matrixSize.max}
          value={draft.matrix[axis].length}
          onChange={(v) =>
            typeof v === 'number' && v >= matrixSize.min && v <= matrixSize.max && setLevels(axis, resize(draft.matrix[axis], v))
          }
          disabled={readOnly}
          data-testid={`settings-${axis}-count`}
        />
      </Group>
      {draft.matrix[axis].map((level, k) => (
        <Group key={k} grow gap="xs">
          <TextInput
            aria-label={`${t('risk.settings.level', { n: k + 1 })} EN`}
            leftSection={<Text size="xs">{k + 1}</Text>}
            value={level.label.en}
            maxLength={riskLimits.label}
            onChange={(e) =>
              setLevels(
                axis,
                draft.matrix[axis].map((l, j) => (j === k ? { label: { ...l.label, en: e.currentTarget.value } } : l)),
              )
            }
            disabled={readOnly}
          />
          <TextInput
            aria-label={`${t('risk.settings.level', { n: k + 1 })} 中文`}
            value={level.label['zh-HK']}
            maxLength={riskLimits.label}
            onChange={(e) =>
              setLevels(
                axis,
                draft.matrix[axis].map((l, j) => (j === k ? { label: { ...l.label, 'zh-HK': e.currentTarget.value } } : l)),
              )
            }
            disabled={readOnly}
          />
        </Group>
      ))}
    </Stack>
  );

  return (
    <Modal opened onClose={onClose} size="xl" title={t('risk.settings.title')} data-testid="risk-settings">
      <Stack>
        {settings.isDefault && <Alert color="blue">{t('risk.settings.defaults')}</Alert>}
        <Title order={5}>{t('risk.settings.matrix')}</Title>
        <Group grow align="flex-start">
          {levelEditor('likelihood')}
          {levelEditor('impact')}
        </Group>
        <Text size="xs" c="dimmed">
          {t('risk.settings.maxScore', { max: maxScore })}
        </Text>
        <Title order={5}>{t('risk.settings.bands')}</Title>
        <Table>
          <Table.Tbody>
            {draft.matrix.bands.map((b, k) => {
              const setBand = (patch: Partial<typeof b>) =>
                setDraft((d) => ({
                  ...d,
                  matrix: { ...d.matrix, bands: d.matrix.bands.map((x, j) => (j === k ? { ...x, ...patch } : x)) },
                }));
              return (
                <Table.Tr key={b.key} data-testid={`settings-band-${b.key}`}>
                  <Table.Td>
                    <TextInput
                      aria-label="EN"
                      value={b.name.en}
                      onChange={(e) => setBand({ name: { ...b.name, en: e.currentTarget.value } })}
                      disabled={readOnly}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label="中文"
                      value={b.name['zh-HK']}
                      onChange={(e) => setBand({ name: { ...b.name, 'zh-HK': e.currentTarget.value } })}
                      disabled={readOnly}
                    />
                  </Table.Td>
                  <Table.Td w={120}>
                    <NumberInput
                      aria-label={t('risk.settings.minScore')}
                      prefix="≥ "
                      min={1}
                      max={maxScore}
                      value={b.minScore}
                      onChange={(v) => typeof v === 'number' && setBand({ minScore: v })}
                      disabled={readOnly}
                    />
                  </Table.Td>
                  <Table.Td w={150}>
                    <ColorInput
                      aria-label={t('risk.settings.color')}
                      format="hex"
                      value={b.color}
                      onChange={(v) => setBand({ color: v })}
                      disabled={readOnly}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Title order={5}>{t('risk.settings.criteria')}</Title>
        <Group grow align="flex-start">
          <NumberInput
            label={t('risk.settings.acceptableMaxScore')}
            min={1}
            max={maxScore}
            value={draft.criteria.acceptableMaxScore}
            onChange={(v) => typeof v === 'number' && setDraft((d) => ({ ...d, criteria: { ...d.criteria, acceptableMaxScore: v } }))}
            disabled={readOnly}
            data-testid="settings-acceptable-max"
          />
          <Select
            label={t('risk.settings.aboveMaximum')}
            data={[
              { value: 'with_note', label: t('risk.settings.aboveWithNote') },
              { value: 'nobody', label: t('risk.settings.aboveNobody') },
            ]}
            value={draft.criteria.aboveMaximum}
            allowDeselect={false}
            onChange={(v) => v && setDraft((d) => ({ ...d, criteria: { ...d.criteria, aboveMaximum: v as 'nobody' | 'with_note' } }))}
            disabled={readOnly}
          />
        </Group>
        <Textarea
          label={t('risk.settings.statement')}
          autosize
          minRows={2}
          maxLength={riskLimits.text}
          value={draft.criteria.statement}
          onChange={(e) => {
            const statement = e.currentTarget.value;
            setDraft((d) => ({ ...d, criteria: { ...d.criteria, statement } }));
          }}
          disabled={readOnly}
        />
        <Title order={5}>{t('risk.settings.cadence')}</Title>
        <Group grow>
          {riskTiers.map((tier) => (
            <NumberInput
              key={tier}
              label={t(`classification.tier.${tier}`)}
              min={1}
              max={60}
              value={draft.reviewCadence[tier]}
              onChange={(v) => typeof v === 'number' && setDraft((d) => ({ ...d, reviewCadence: { ...d.reviewCadence, [tier]: v } }))}
              disabled={readOnly}
              data-testid={`settings-cadence-${tier}`}
            />
          ))}
        </Group>
        <FormErrorAlert error={server.error} otherIssues={server.otherIssues} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {!readOnly && (
            <Button onClick={() => void submit()} loading={save.isPending} data-testid="risk-settings-save">
              {t('common.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
