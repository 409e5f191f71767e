import { useState } from 'react';
import { Alert, Anchor, Button, Grid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { impactTemplate } from '@contracts/impact/schema.js';
import { ApiError, type FieldIssue } from '../../api/client';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { ImpactExportMenu } from '../../components/impact/ImpactExportMenu';
import { ImpactSectionCard } from '../../components/impact/ImpactSectionCard';
import { ImpactStatusBadge } from '../../components/impact/ImpactStatusBadge';
import { ImpactVersions } from '../../components/impact/ImpactVersions';
import { SignoffPanel } from '../../components/impact/SignoffPanel';
import { pick } from '../../components/risks/riskUtils';
import { useControlList } from '../../hooks/useControls';
import { useCreateImpact, useImpact, useSubmitImpact } from '../../hooks/useImpact';
import { useLanguage } from '../../hooks/useLanguage';
import { useCan, useOrg } from '../../hooks/useOrg';
import { formatDateTime } from '../../lib/dates';

/** One version of a system's impact assessment: the template's sections, submission, sign-off, versions, export. */
export function ImpactAssessmentPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const org = useOrg();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const assessment = useImpact(org.slug, id);
  const canReadControls = useCan('control.read');
  const controls = useControlList(org.slug, canReadControls ? { limit: 500 } : { limit: 1 });
  const submit = useSubmitImpact(org.slug, id);
  const create = useCreateImpact(org.slug);
  const [submitIssues, setSubmitIssues] = useState<FieldIssue[]>([]);

  if (assessment.isPending) return <FullPageLoader />;
  if (assessment.isError) return <QueryError error={assessment.error} />;
  const a = assessment.data;
  const readOnly = a.status !== 'draft' || !a.can.update;
  const readOnlyReason =
    a.status === 'in_review'
      ? t('risk.impact.readOnlyInReview')
      : a.status === 'approved'
        ? t('risk.impact.readOnlyApproved')
        : t('risk.impact.readOnlyPermission');
  const controlOptions = (controls.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const headingOf = (sectionId: string) => {
    const s = impactTemplate.find((x) => x.id === sectionId);
    return s ? pick(s.heading, language) : sectionId;
  };

  const onSubmit = () => {
    setSubmitIssues([]);
    submit.mutate(undefined, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('risk.impact.submitted') }),
      onError: (err) => setSubmitIssues(err instanceof ApiError ? err.issues : []),
    });
  };
  const newVersion = () => create.mutate(a.system.id, { onSuccess: (v) => void navigate(`/o/${org.slug}/impact-assessments/${v.id}`) });

  return (
    <>
      <Anchor component={Link} to={`/o/${org.slug}/impact-assessments`} size="sm" mb="xs" display="inline-block">
        ← {t('risk.impact.back')}
      </Anchor>
      <PageHeader
        title={`${a.system.name} · ${t('risk.impact.version', { n: a.versionNo })}`}
        badge={<ImpactStatusBadge status={a.status} />}
        actions={
          <>
            <ImpactExportMenu org={org.slug} id={a.id} />
            {a.can.newVersion && (
              <Button variant="light" onClick={newVersion} loading={create.isPending} data-testid="impact-new-version">
                {t('risk.impact.newVersion')}
              </Button>
            )}
            {a.status === 'draft' && a.can.submit && (
              <Button leftSection={<IconSend size={16} />} onClick={onSubmit} loading={submit.isPending} data-testid="impact-submit">
                {t('risk.impact.submit')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="sm" mb="md">
        {(a.needsReassessment || a.systemChanged) && (
          <Alert color="orange" title={t('risk.impact.reassessTitle')} data-testid="impact-reassess">
            <Text size="sm">{a.reassessmentReason ?? t('risk.impact.systemChanged')}</Text>
          </Alert>
        )}
        {a.rejection && a.status === 'draft' && (
          <Alert color="red" data-testid="impact-rejection">
            <Text size="sm">
              {t('risk.impact.rejected', { name: a.rejection.signerName, date: formatDateTime(a.rejection.signedAt, language) })}
            </Text>
            {a.rejection.note && <Text size="sm">{a.rejection.note}</Text>}
          </Alert>
        )}
        {readOnly && (
          <Alert color="gray" data-testid="impact-read-only">
            {t('risk.impact.readOnly', { reason: readOnlyReason })}
          </Alert>
        )}
        {a.status === 'draft' && (
          <Alert color={a.missingSections.length ? 'yellow' : 'teal'} data-testid="impact-missing" data-count={a.missingSections.length}>
            {a.missingSections.length ? (
              <Text size="sm">
                {t('risk.impact.missing', { sections: '' })}
                {a.missingSections.map((s, k) => (
                  <span key={s}>
                    {k > 0 && ', '}
                    <Anchor href={`#section-${s}`} size="sm">
                      {headingOf(s)}
                    </Anchor>
                  </span>
                ))}
              </Text>
            ) : (
              <Text size="sm">{t('risk.impact.allComplete')}</Text>
            )}
          </Alert>
        )}
        {submit.error && !(submit.error instanceof ApiError && submit.error.issues.length) ? <QueryError error={submit.error} /> : null}
        {create.error ? <QueryError error={create.error} /> : null}
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {impactTemplate.map((section) => (
              <ImpactSectionCard
                key={`${a.id}:${section.id}`}
                org={org.slug}
                assessment={a}
                section={section}
                readOnly={readOnly}
                submitIssues={submitIssues}
                controls={controlOptions}
              />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md" pos="sticky" top={70}>
            <SignoffPanel org={org.slug} assessment={a} />
            <ImpactVersions org={org.slug} systemId={a.system.id} currentId={a.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
