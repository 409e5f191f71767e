import { useMemo } from 'react';
import { Paper } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { EvidenceForm } from '../../components/evidence/EvidenceForm';
import { useEvidence, useUpdateEvidence } from '../../hooks/useEvidence';
import { useOrg } from '../../hooks/useOrg';
import { evidenceChanges, evidenceValuesFromView } from '../../lib/evidenceForm';

export function EvidenceEditPage() {
  const { t } = useTranslation();
  const org = useOrg();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const evidence = useEvidence(org.slug, id);
  const update = useUpdateEvidence(org.slug, id);
  const initialValues = useMemo(() => (evidence.data ? evidenceValuesFromView(evidence.data) : null), [evidence.data]);

  if (evidence.isPending) return <FullPageLoader />;
  if (evidence.isError) return <QueryError error={evidence.error} />;
  const detailHref = `/o/${org.slug}/evidence/${id}`;
  if (!evidence.data.can.update || evidence.data.archivedAt || !initialValues) return <Navigate to={detailHref} replace />;
  const version = evidence.data.version;

  return (
    <>
      <PageHeader title={t('evidenceSoa.evidence.editTitle')} />
      <Paper withBorder p="lg" radius="md">
        <EvidenceForm
          // a reload after a conflict starts the form again from the server's record
          key={version}
          mode="edit"
          initialValues={initialValues}
          submitLabel={t('common.save')}
          onCancel={() => void navigate(detailHref)}
          onReload={() => void evidence.refetch()}
          onSubmit={async (values) => {
            await update.mutateAsync(evidenceChanges(initialValues, values, version));
            notifications.show({ color: 'teal', message: t('evidenceSoa.evidence.saved') });
            void navigate(detailHref);
          }}
        />
      </Paper>
    </>
  );
}
