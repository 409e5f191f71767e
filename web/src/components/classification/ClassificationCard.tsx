import { Anchor, Badge, Button, Group, Paper, Text, Title } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useClassificationState } from '../../hooks/useClassification';
import { todayIso } from '../../lib/classificationAnswers';
import { formatCalendarDate, formatDate } from '../../lib/dates';
import { DetailList } from '../common/DetailList';
import { QueryError } from '../common/QueryError';
import { TierBadge } from './TierBadge';

const wizardPath = (org: string, id: string) => `/o/${org}/systems/${id}/classify`;

/** The header button to the wizard, for those who may classify this system. */
export function ClassifyButton({ org, systemId }: { org: string; systemId: string }) {
  const { t } = useTranslation();
  const state = useClassificationState(org, systemId);
  if (!state.data?.can.classify) return null;
  return (
    <Button
      component={Link}
      to={wizardPath(org, systemId)}
      variant="light"
      leftSection={<IconScale size={16} />}
      data-testid="classify-system"
    >
      {t('classification.card.classify')}
    </Button>
  );
}

/** A system's current classification: tier, basis, date, next review and the way to the wizard. */
export function ClassificationCard({ org, systemId }: { org: string; systemId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = useClassificationState(org, systemId);
  if (state.isPending) return null;
  if (state.isError) return <QueryError error={state.error} onRetry={() => void state.refetch()} />;
  const { current, nextReviewDate } = state.data;
  const overdue = !!nextReviewDate && nextReviewDate < todayIso();
  const eu = current?.eu.result;

  return (
    <Paper withBorder p="md" radius="md" mb="lg" data-testid="classification-card">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('classification.card.title')}</Title>
        <Anchor component={Link} to={wizardPath(org, systemId)} size="sm" data-testid="classification-card-wizard">
          {t('classification.card.openWizard')}
        </Anchor>
      </Group>
      {!current || !eu ? (
        <Group gap="sm">
          <TierBadge tier={null} testId="classification-card-tier" />
          <Text size="sm" c="dimmed">
            {t('classification.card.notClassified')}
          </Text>
        </Group>
      ) : (
        <DetailList
          items={[
            {
              label: t('classification.card.tier'),
              value: (
                <Group gap="xs">
                  <TierBadge tier={current.tier} testId="classification-card-tier" />
                  {!eu.inScope && (
                    <Text size="sm" c="dimmed">
                      {t('classification.card.indicative', { tier: t(`classification.tier.${eu.indicativeTier}`) })}
                    </Text>
                  )}
                </Group>
              ),
            },
            { label: t('classification.card.basis'), value: eu.basis.join(', ') || null, testId: 'classification-card-basis' },
            {
              label: t('classification.card.pcpd'),
              value: current.hk ? t(`classification.pcpdRisk.${current.hk.result.pcpd.riskLevel}`) : null,
            },
            {
              label: t('classification.card.classified'),
              value: t('classification.card.classifiedBy', { date: formatDate(current.classifiedAt, lang), who: current.classifiedBy }),
            },
            {
              label: t('classification.card.nextReview'),
              value: nextReviewDate ? (
                <Group gap="xs">
                  <Text size="sm">{formatCalendarDate(nextReviewDate, lang)}</Text>
                  {overdue && (
                    <Badge color="red" variant="light" data-testid="classification-card-overdue">
                      {t('classification.card.overdue')}
                    </Badge>
                  )}
                </Group>
              ) : null,
              testId: 'classification-card-next-review',
            },
            { label: t('classification.card.rulesVersion'), value: current.rulesVersion },
          ]}
        />
      )}
    </Paper>
  );
}
