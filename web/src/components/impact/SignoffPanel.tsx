import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { ImpactView, SignoffStep } from '@contracts/impact/schema.js';
import { signoffDecisionLabels, signoffStepLabels } from '@contracts/impact/labels.js';
import { useLanguage } from '../../hooks/useLanguage';
import { useSignoffImpact } from '../../hooks/useImpact';
import { formatDateTime } from '../../lib/dates';
import { QueryError } from '../common/QueryError';
import { pick } from '../risks/riskUtils';

const stateColor = { pending: 'gray', approved: 'teal', rejected: 'red' } as const;

/** Each sign-off step with its state, who may sign it, and Approve / Reject (with a note) for those who may. */
export function SignoffPanel({ org, assessment }: { org: string; assessment: ImpactView }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const signoff = useSignoffImpact(org, assessment.id);
  const [deciding, setDeciding] = useState<{ step: SignoffStep; decision: 'approve' | 'reject' } | null>(null);
  const [note, setNote] = useState('');
  const inReview = assessment.status === 'in_review';

  const confirm = () =>
    deciding &&
    signoff.mutate(
      { ...deciding, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setDeciding(null);
          setNote('');
          notifications.show({ color: 'teal', message: t('risk.signoff.done') });
        },
      },
    );

  return (
    <Paper withBorder radius="md" p="md" data-testid="impact-signoff">
      <Title order={4} mb="sm">
        {t('risk.signoff.title')}
      </Title>
      {assessment.status === 'draft' && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('risk.signoff.notInReview')}
        </Text>
      )}
      <Stack gap="sm">
        {assessment.steps.map((s) => {
          const stepName = pick(signoffStepLabels[s.step], language);
          const maySign = inReview && s.state === 'pending' && assessment.can.signoff[s.step];
          return (
            <Paper key={s.step} withBorder p="sm" radius="sm" data-testid={`signoff-${s.step}`} data-state={s.state}>
              <Group justify="space-between" align="flex-start">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {stepName}
                    </Text>
                    <Badge size="sm" variant="light" color={stateColor[s.state]} data-testid={`signoff-${s.step}-state`}>
                      {t(`risk.signoff.state.${s.state}`)}
                    </Badge>
                  </Group>
                  {s.signoff && (
                    <Text size="xs">
                      {t('risk.signoff.signedBy', { name: s.signoff.signerName, date: formatDateTime(s.signoff.signedAt, language) })}
                      {s.signoff.note ? ` — ${s.signoff.note}` : ''}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {s.signers.length
                      ? t('risk.signoff.signers', { names: s.signers.map((p) => p.name).join(', ') })
                      : t('risk.signoff.nobody')}
                  </Text>
                </Stack>
                {maySign && (
                  <Group gap="xs">
                    <Button
                      size="xs"
                      color="teal"
                      onClick={() => {
                        signoff.reset();
                        setDeciding({ step: s.step, decision: 'approve' });
                      }}
                      data-testid={`signoff-${s.step}-approve`}
                    >
                      {t('risk.signoff.approve')}
                    </Button>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => {
                        signoff.reset();
                        setDeciding({ step: s.step, decision: 'reject' });
                      }}
                      data-testid={`signoff-${s.step}-reject`}
                    >
                      {t('risk.signoff.reject')}
                    </Button>
                  </Group>
                )}
              </Group>
            </Paper>
          );
        })}
      </Stack>
      {assessment.signoffs.length > 0 && (
        <Stack gap={2} mt="sm" data-testid="signoff-history">
          <Text size="xs" fw={600} c="dimmed">
            {t('risk.signoff.history')}
          </Text>
          {assessment.signoffs.map((s) => (
            <Text key={s.id} size="xs" c="dimmed">
              {formatDateTime(s.signedAt, language)} · {pick(signoffStepLabels[s.step], language)} ·{' '}
              {pick(signoffDecisionLabels[s.decision], language)} · {s.signerName}
              {s.note ? ` — ${s.note}` : ''}
            </Text>
          ))}
        </Stack>
      )}
      <Modal
        opened={deciding !== null}
        onClose={() => setDeciding(null)}
        centered
        title={
          deciding &&
          t(deciding.decision === 'approve' ? 'risk.signoff.confirmApprove' : 'risk.signoff.confirmReject', {
            step: pick(signoffStepLabels[deciding.step], language),
          })
        }
        data-testid="signoff-modal"
      >
        <Stack>
          <Textarea
            label={t('risk.signoff.note')}
            description={t('risk.signoff.noteHint')}
            autosize
            minRows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="signoff-note"
          />
          {signoff.error ? <QueryError error={signoff.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeciding(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color={deciding?.decision === 'reject' ? 'red' : 'teal'}
              loading={signoff.isPending}
              onClick={confirm}
              data-testid="signoff-confirm"
            >
              {deciding?.decision === 'reject' ? t('risk.signoff.reject') : t('risk.signoff.approve')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {!inReview && assessment.status === 'approved' && assessment.approvedAt && (
        <Alert color="teal" mt="sm" data-testid="impact-approved">
          {t('risk.impact.approvedOn', { date: formatDateTime(assessment.approvedAt, language) })}
        </Alert>
      )}
    </Paper>
  );
}
