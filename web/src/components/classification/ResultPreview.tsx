import { Alert, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { euRoles, type EuAiActResult } from '@contracts/classification/schema.js';
import { formatCalendarDate } from '../../lib/dates';
import { TierBadge } from './TierBadge';

function References({ values, testId }: { values: string[]; testId: string }) {
  const { t } = useTranslation();
  if (values.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {t('classification.preview.none')}
      </Text>
    );
  }
  return (
    <Group gap={4} data-testid={testId}>
      {values.map((v) => (
        <Badge key={v} variant="light" color="gray" tt="none">
          {v}
        </Badge>
      ))}
    </Group>
  );
}

/** The groups of Art. 113 dates that concern a result. */
function relevantGroups(r: EuAiActResult): Set<string> {
  if (!r.inScope) return new Set();
  const groups = new Set<string>(['general']);
  if (r.tier === 'prohibited') groups.add('prohibited');
  if (r.gpaiObligations.length) groups.add('gpai');
  if (r.transparencyObligations.length) groups.add('transparency');
  if (r.highRiskRoute === 'annex_iii') groups.add('high_risk_annex_iii');
  if (r.highRiskRoute === 'annex_i') groups.add('high_risk_annex_i');
  return groups;
}

/** The EU AI Act result of the wizard's answers: tier, basis, obligations, dates and the explanation. */
export function ResultPreview({ result, pending }: { result: EuAiActResult; pending: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const relevant = relevantGroups(result);
  const roles = euRoles.filter((role) => result.obligations.some((o) => o.appliesTo === role));
  const hasPending = result.datesOfApplication.some((d) => d.pendingAmendment);

  return (
    <Stack gap="md" aria-busy={pending} data-testid="classification-preview">
      <Paper withBorder p="md" radius="md">
        <Group gap="sm" mb="xs">
          <Text fw={600}>{t('classification.preview.tier')}</Text>
          <TierBadge tier={result.tier} size="lg" testId="classification-preview-tier" />
          {!result.inScope && (
            <Text size="sm" c="dimmed" data-testid="classification-preview-indicative" data-tier={result.indicativeTier}>
              {t('classification.preview.pair', {
                label: t('classification.preview.indicative'),
                value: `${t(`classification.tier.${result.indicativeTier}`)} (${result.indicativeBasis.join(', ')})`,
              })}
            </Text>
          )}
        </Group>
        <Group gap="sm" align="center">
          <Text size="sm" fw={500}>
            {t('classification.preview.basis')}
          </Text>
          <References values={result.basis} testId="classification-preview-basis" />
        </Group>
        {result.highRiskRoute && (
          <Text size="sm" mt="xs">
            {t('classification.preview.pair', {
              label: t('classification.preview.route'),
              value: t(`classification.preview.routes.${result.highRiskRoute}`),
            })}
          </Text>
        )}
        {result.derogationApplied && (
          <Text size="sm" mt="xs" data-testid="classification-preview-derogation">
            {t('classification.preview.derogationApplied')}
          </Text>
        )}
        <Text size="xs" c="dimmed" mt="xs">
          {t('classification.preview.rulesVersion', { version: result.rulesVersion })}
          {lang !== 'en' && ` · ${t('classification.preview.englishOnly')}`}
        </Text>
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Title order={5} mb="xs">
          {t('classification.preview.obligations')}
        </Title>
        {roles.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('classification.preview.noObligations')}
          </Text>
        ) : (
          <Stack gap="sm" data-testid="classification-preview-obligations">
            {roles.map((role) => (
              <div key={role}>
                <Text size="sm" fw={600}>
                  {t(`classification.roleShort.${role}`)}
                </Text>
                <List size="sm" spacing={2}>
                  {result.obligations
                    .filter((o) => o.appliesTo === role)
                    .map((o) => (
                      <List.Item key={`${role}-${o.article}`}>
                        <Text span size="sm" fw={500}>
                          {o.article}
                        </Text>{' '}
                        — {o.title}
                      </List.Item>
                    ))}
                </List>
              </div>
            ))}
          </Stack>
        )}
        <Group gap="sm" mt="md">
          <Text size="sm" fw={500}>
            {t('classification.preview.transparency')}
          </Text>
          <References values={result.transparencyObligations} testId="classification-preview-transparency" />
        </Group>
        <Group gap="sm" mt="xs">
          <Text size="sm" fw={500}>
            {t('classification.preview.gpai')}
          </Text>
          <References values={result.gpaiObligations} testId="classification-preview-gpai" />
        </Group>
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Title order={5} mb="xs">
          {t('classification.preview.dates')}
        </Title>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" data-testid="classification-preview-dates">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('classification.preview.covers')}</Table.Th>
                <Table.Th>{t('classification.preview.appliesFrom')}</Table.Th>
                <Table.Th>{t('classification.preview.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.datesOfApplication.map((d) => (
                <Table.Tr key={d.group} data-relevant={relevant.has(d.group) || undefined}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Text size="sm" fw={relevant.has(d.group) ? 600 : 400}>
                        {d.covers}
                      </Text>
                      {relevant.has(d.group) && (
                        <Badge size="xs" variant="light">
                          {t('classification.preview.relevant')}
                        </Badge>
                      )}
                    </Group>
                    {d.pendingAmendment && (
                      <Text size="xs" c="orange.8" mt={2}>
                        {t('classification.preview.pending', {
                          instrument: d.pendingAmendment.instrument,
                          date: formatCalendarDate(d.pendingAmendment.appliesFrom, lang),
                        })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatCalendarDate(d.appliesFrom, lang)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.source}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {hasPending && (
          <Alert color="orange" variant="light" mt="sm" p="xs">
            <Text size="xs">{t('classification.preview.pendingNote')}</Text>
          </Alert>
        )}
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Title order={5} mb="xs">
          {t('classification.preview.explanation')}
        </Title>
        <List type="ordered" spacing="xs" size="sm" data-testid="classification-explanation">
          {result.explanation.map((step, i) => (
            <List.Item key={i}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Badge variant="light" tt="none" style={{ flexShrink: 0 }}>
                  {step.article}
                </Badge>
                <Text size="sm">
                  {step.text}{' '}
                  <Text span size="xs" c="dimmed">
                    ({step.answer})
                  </Text>
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      </Paper>
    </Stack>
  );
}
