import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RiskSuggestion, SuggestionKey } from '@contracts/risks/schema.js';
import { useLanguage } from '../../hooks/useLanguage';
import { useCan } from '../../hooks/useOrg';
import { useAcceptRiskSuggestions, useRiskSuggestions } from '../../hooks/useRisks';
import { enumLabel, type EnumKind } from '../../i18n/labels';
import { QueryError } from '../common/QueryError';
import { pick } from './riskUtils';

/** Which register field a suggestion's fact names, and how its value is labelled. */
const factKinds: Record<string, EnumKind | undefined> = {
  type: 'type',
  hosting: 'hosting',
  regionsUsed: 'region',
  outputRegions: 'region',
  dataCategories: 'dataCategory',
  affectedPersons: 'affectedPerson',
  decisionRole: 'decisionRole',
  humanOversight: 'oversight',
};
const fieldKeys = [
  'type',
  'hosting',
  'regionsUsed',
  'outputRegions',
  'modelProviders',
  'vendorId',
  'dataCategories',
  'affectedPersons',
  'decisionRole',
  'humanOversight',
] as const;
type FieldKey = (typeof fieldKeys)[number];

function Facts({ facts }: { facts: RiskSuggestion['facts'] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <Group gap={4}>
      <Text size="xs" c="dimmed">
        {t('risk.suggestions.because')}:
      </Text>
      {facts.map((f, k) => {
        const kind = factKinds[f.field];
        const field = (fieldKeys as readonly string[]).includes(f.field) ? t(`systems.fields.${f.field as FieldKey}`) : f.field;
        const value = f.field === 'vendorId' ? null : kind ? enumLabel(kind, f.value, language) : f.value;
        return (
          <Badge key={k} size="xs" variant="outline" tt="none">
            {value ? `${field}: ${value}` : field}
          </Badge>
        );
      })}
    </Group>
  );
}

/** On a system's page: risks its attributes point to, with the facts that triggered them, to add to the register. */
export function SuggestedRisksCard({ org, systemId }: { org: string; systemId: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const canRead = useCan('risk.read');
  const canManage = useCan('risk.manage');
  const suggestions = useRiskSuggestions(org, canRead ? systemId : '');
  const accept = useAcceptRiskSuggestions(org, systemId);
  const [chosen, setChosen] = useState<SuggestionKey[]>([]);
  if (!canRead || suggestions.isPending) return null;
  if (suggestions.isError) return <QueryError error={suggestions.error} onRetry={() => void suggestions.refetch()} />;
  const { items, alreadyAdded } = suggestions.data;
  const toggle = (key: SuggestionKey, on: boolean) => setChosen((c) => (on ? [...c, key] : c.filter((k) => k !== key)));

  const add = () =>
    accept.mutate(
      { keys: chosen, lang: language },
      {
        onSuccess: (result) => {
          setChosen([]);
          notifications.show({ color: 'teal', message: t('risk.suggestions.done', { count: result.created.length }) });
        },
      },
    );

  return (
    <Paper withBorder p="md" radius="md" mb="lg" data-testid="suggested-risks">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('risk.suggestions.title')}</Title>
        <Anchor
          component={Link}
          to={`/o/${org}/risks?system=${encodeURIComponent(systemId)}`}
          size="sm"
          data-testid="suggested-risks-register"
        >
          {t('risk.suggestions.openRegister')}
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('risk.suggestions.intro')}
      </Text>
      {items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="suggested-risks-empty">
          {t('risk.suggestions.empty')}
        </Text>
      )}
      <Stack gap="sm">
        {items.map((s) => (
          <Group key={s.key} align="flex-start" wrap="nowrap" data-testid={`suggestion-${s.key}`}>
            {canManage && (
              <Checkbox
                mt={2}
                aria-label={pick(s.title, language)}
                checked={chosen.includes(s.key)}
                onChange={(e) => toggle(s.key, e.currentTarget.checked)}
                data-testid={`suggestion-check-${s.key}`}
              />
            )}
            <Stack gap={2}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {pick(s.title, language)}
                </Text>
                <Badge size="xs" variant="light" tt="none">
                  {s.riskSource} · {s.objective}
                </Badge>
              </Group>
              <Text size="sm">{pick(s.description, language)}</Text>
              <Facts facts={s.facts} />
            </Stack>
          </Group>
        ))}
      </Stack>
      {alreadyAdded.length > 0 && (
        <Text size="xs" c="dimmed" mt="sm" data-testid="suggested-risks-added">
          {t('risk.suggestions.added')}: {alreadyAdded.length}
        </Text>
      )}
      {accept.error ? <QueryError error={accept.error} /> : null}
      {canManage && items.length > 0 && (
        <Group justify="flex-end" mt="sm">
          <Button disabled={chosen.length === 0} loading={accept.isPending} onClick={add} data-testid="suggestions-add-selected">
            {t('risk.suggestions.addSelected')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
