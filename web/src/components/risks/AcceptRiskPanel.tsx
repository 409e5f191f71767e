import { useState } from 'react';
import { Alert, Button, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { riskLimits, type RiskSettingsView, type RiskView } from '@contracts/risks/schema.js';
import { useAcceptRisk } from '../../hooks/useRisks';
import { formatDateTime } from '../../lib/dates';
import { QueryError } from '../common/QueryError';

/** Who accepted the risk, or — for holders of risk.accept — the criteria and the button to accept it. */
export function AcceptRiskPanel({ org, risk, settings }: { org: string; risk: RiskView; settings: RiskSettingsView | undefined }) {
  const { t, i18n } = useTranslation();
  const accept = useAcceptRisk(org);
  const [note, setNote] = useState('');
  const score = risk.residualScore ?? risk.inherentScore;
  const criteria = settings?.criteria;
  const above = criteria ? score > criteria.acceptableMaxScore : false;
  /** the statuses a risk may be accepted from (the server refuses the others) */
  const acceptable = risk.status === 'assessed' || risk.status === 'treated';

  if (!risk.acceptance && !risk.can.accept) return null;
  return (
    <Stack gap="xs" data-testid="risk-acceptance">
      <Title order={5}>{t('risk.acceptance.title')}</Title>
      {risk.acceptance && (
        <Alert color="teal" data-testid="risk-accepted">
          <Text size="sm">
            {t('risk.acceptance.acceptedBy', { name: risk.acceptance.byName, date: formatDateTime(risk.acceptance.at, i18n.language) })}
          </Text>
          {risk.acceptance.note && <Text size="sm">{risk.acceptance.note}</Text>}
        </Alert>
      )}
      {risk.can.accept && !risk.acceptance && !risk.archivedAt && !acceptable && (
        <Text size="sm" c="dimmed" data-testid="risk-accept-assess-first">
          {t('risk.acceptance.assessFirst')}
        </Text>
      )}
      {risk.can.accept && acceptable && !risk.archivedAt && (
        <>
          {criteria && (
            <Alert color={above ? 'orange' : 'blue'} variant="light" data-testid="risk-criteria">
              <Text size="sm">
                {t('risk.acceptance.criteria', { max: criteria.acceptableMaxScore })}{' '}
                {criteria.aboveMaximum === 'nobody' ? t('risk.acceptance.aboveNobody') : t('risk.acceptance.aboveWithNote')}
              </Text>
              <Text size="sm" fw={600}>
                {t('risk.acceptance.current', { score })}
              </Text>
              {criteria.statement && (
                <Text size="xs" c="dimmed" mt={4}>
                  {criteria.statement}
                </Text>
              )}
            </Alert>
          )}
          <Textarea
            label={t('risk.acceptance.note')}
            description={t('risk.acceptance.noteHint')}
            autosize
            minRows={2}
            maxLength={riskLimits.text}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="risk-accept-note"
          />
          <Button
            color="teal"
            variant="light"
            loading={accept.isPending}
            disabled={above && criteria?.aboveMaximum === 'nobody'}
            onClick={() =>
              accept.mutate(
                { id: risk.id, note: note.trim() || null },
                { onSuccess: () => notifications.show({ color: 'teal', message: t('risk.acceptance.done') }) },
              )
            }
            data-testid="risk-accept"
          >
            {t('risk.acceptance.accept')}
          </Button>
          {accept.error ? <QueryError error={accept.error} /> : null}
        </>
      )}
    </Stack>
  );
}
