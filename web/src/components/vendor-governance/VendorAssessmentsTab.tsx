import { useState } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, Modal, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AssessmentView, SentAssessmentView } from '@contracts/vendor-assessments/schema.js';
import { QueryError } from '../common/QueryError';
import { useCreateAssessment, useReviewAssessment, useSendAssessment, useVendorAssessments } from '../../hooks/useVendorGovernance';
import { formatCalendarDate, formatDate, formatDateTime } from '../../lib/dates';
import { AnswersEditorModal } from './AnswersEditorModal';
import { TierBadge } from './TierBadge';

const statusColour: Record<AssessmentView['status'], string> = {
  draft: 'gray',
  sent: 'blue',
  submitted: 'violet',
  reviewed: 'teal',
  expired: 'orange',
};

function SendModal({ org, assessment, onClose }: { org: string; assessment: AssessmentView; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const send = useSendAssessment(org);
  const [days, setDays] = useState<number | string>(14);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<SentAssessmentView | null>(null);
  const url = sent ? `${window.location.origin}${sent.link}` : '';
  return (
    <Modal opened onClose={onClose} title={t('vendorGovernance.assessments.sendTitle')}>
      {sent ? (
        <Stack>
          <Alert color="yellow">{t('vendorGovernance.assessments.linkOnce')}</Alert>
          <Code block data-testid="vendor-link">
            {url}
          </Code>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('vendorGovernance.assessments.linkExpires', { date: formatDateTime(sent.expiresAt, i18n.language) })}
            </Text>
            <CopyButton value={url}>
              {({ copied, copy }) => <Button onClick={copy}>{copied ? t('common.copied') : t('common.copy')}</Button>}
            </CopyButton>
          </Group>
        </Stack>
      ) : (
        <Stack>
          {send.error ? <QueryError error={send.error} /> : null}
          <NumberInput label={t('vendorGovernance.assessments.expiresInDays')} min={1} max={60} value={days} onChange={setDays} />
          <TextInput
            label={t('vendorGovernance.assessments.recipientEmail')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button
              loading={send.isPending}
              onClick={() =>
                send.mutate(
                  { id: assessment.id, body: { expiresInDays: Number(days) || 14, recipientEmail: email || null } },
                  { onSuccess: setSent },
                )
              }
            >
              {t('vendorGovernance.assessments.send')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function AssessmentCard({ org, a }: { org: string; a: AssessmentView }) {
  const { t, i18n } = useTranslation();
  const review = useReviewAssessment(org);
  const [sending, setSending] = useState(false);
  const [editing, setEditing] = useState(false);
  const lang = i18n.language;
  const canEdit = a.can.update && (a.status === 'draft' || a.status === 'submitted');
  const canSend = a.can.update && (a.status === 'draft' || a.status === 'sent' || a.status === 'expired');
  const canReview = a.can.update && (a.status === 'draft' || a.status === 'submitted' || a.status === 'reviewed');
  return (
    <Paper withBorder p="md" radius="md" data-testid="vendor-assessment">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge color={statusColour[a.status]}>{t(`vendorGovernance.status.${a.status}`)}</Badge>
            <Text size="sm" c="dimmed">
              {t(`vendorGovernance.assessments.languages.${a.language}`)} · {formatDate(a.createdAt, lang)}
            </Text>
          </Group>
          {a.score !== null ? (
            <Group gap="xs">
              <Text fw={600}>
                {t('vendorGovernance.assessments.score')}: {a.score}
              </Text>
              <TierBadge tier={a.tier} />
              {a.nextAssessmentDate && (
                <Text size="sm" c="dimmed">
                  {t('vendorGovernance.assessments.next')}: {formatCalendarDate(a.nextAssessmentDate, lang)}
                </Text>
              )}
            </Group>
          ) : (
            <Group gap="xs">
              <Text size="sm">
                {t('vendorGovernance.assessments.preview')}: {a.preview.score}
              </Text>
              <TierBadge tier={a.preview.tier} />
              {a.preview.unanswered.length > 0 && (
                <Text size="sm" c="dimmed">
                  {t('vendorGovernance.assessments.unanswered', { count: a.preview.unanswered.length })}
                </Text>
              )}
            </Group>
          )}
          {a.preview.knockouts.map((k) => (
            <Text key={k.questionId} size="sm" c="orange">
              {k.questionId}: {t('vendorGovernance.assessments.knockout', { tier: k.minimumTier })}
            </Text>
          ))}
          {a.link.expiresAt && a.status === 'sent' && (
            <Text size="sm" c="dimmed">
              {t('vendorGovernance.assessments.linkExpires', { date: formatDateTime(a.link.expiresAt, lang) })}
            </Text>
          )}
          <Group gap="md">
            {a.evidenceId && (
              <Link to={`/o/${org}/evidence/${a.evidenceId}`}>
                <Text size="sm">{t('vendorGovernance.assessments.evidence')}</Text>
              </Link>
            )}
            {a.attachments.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('vendorGovernance.assessments.attachments', { count: a.attachments.length })}
              </Text>
            )}
          </Group>
        </Stack>
        <Group gap="xs">
          {canEdit && (
            <Button variant="default" size="xs" onClick={() => setEditing(true)} data-testid="edit-answers">
              {t('vendorGovernance.assessments.editAnswers')}
            </Button>
          )}
          {canSend && (
            <Button variant="light" size="xs" onClick={() => setSending(true)}>
              {t('vendorGovernance.assessments.send')}
            </Button>
          )}
          {canReview && (
            <Button
              size="xs"
              loading={review.isPending}
              onClick={() =>
                review.mutate(a.id, {
                  onSuccess: () => notifications.show({ color: 'teal', message: t('vendorGovernance.assessments.reviewed') }),
                })
              }
            >
              {t('vendorGovernance.assessments.review')}
            </Button>
          )}
        </Group>
      </Group>
      {review.error ? <QueryError error={review.error} /> : null}
      {editing && <AnswersEditorModal org={org} assessment={a} onClose={() => setEditing(false)} />}
      {sending && <SendModal org={org} assessment={a} onClose={() => setSending(false)} />}
    </Paper>
  );
}

export function VendorAssessmentsTab({ org, vendorId, canUpdate }: { org: string; vendorId: string; canUpdate: boolean }) {
  const { t } = useTranslation();
  const list = useVendorAssessments(org, vendorId);
  const create = useCreateAssessment(org, vendorId);
  const [language, setLanguage] = useState<'en' | 'zh-HK'>('en');
  if (list.isError) return <QueryError error={list.error} />;
  return (
    <Stack>
      {canUpdate && (
        <Group align="flex-end">
          <Select
            label={t('vendorGovernance.assessments.language')}
            value={language}
            onChange={(v) => setLanguage(v === 'zh-HK' ? 'zh-HK' : 'en')}
            data={[
              { value: 'en', label: t('vendorGovernance.assessments.languages.en') },
              { value: 'zh-HK', label: t('vendorGovernance.assessments.languages.zh-HK') },
            ]}
            allowDeselect={false}
          />
          <Button
            loading={create.isPending}
            onClick={() =>
              create.mutate(
                { language },
                { onSuccess: () => notifications.show({ color: 'teal', message: t('vendorGovernance.assessments.created') }) },
              )
            }
          >
            {t('vendorGovernance.assessments.start')}
          </Button>
        </Group>
      )}
      {create.error ? <QueryError error={create.error} /> : null}
      {list.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('vendorGovernance.assessments.empty')}
        </Text>
      )}
      {list.data?.items.map((a) => (
        <AssessmentCard key={a.id} org={org} a={a} />
      ))}
    </Stack>
  );
}
