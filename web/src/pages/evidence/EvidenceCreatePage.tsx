import { useMemo } from 'react';
import { Paper } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/common/PageHeader';
import { EvidenceForm } from '../../components/evidence/EvidenceForm';
import { useCreateEvidence, useUploadEvidenceFile } from '../../hooks/useEvidence';
import { useCan, useOrg } from '../../hooks/useOrg';
import { emptyEvidenceValues, evidencePayload } from '../../lib/evidenceForm';
import { errorMessage } from '../../lib/validation';

export function EvidenceCreatePage() {
  const { t } = useTranslation();
  const org = useOrg();
  const allowed = useCan('evidence.manage');
  const navigate = useNavigate();
  const create = useCreateEvidence(org.slug);
  const upload = useUploadEvidenceFile(org.slug);
  const initialValues = useMemo(() => emptyEvidenceValues(), []);
  if (!allowed) return <Navigate to={`/o/${org.slug}/evidence`} replace />;

  return (
    <>
      <PageHeader title={t('evidenceSoa.evidence.createTitle')} />
      <Paper withBorder p="lg" radius="md">
        <EvidenceForm
          mode="create"
          initialValues={initialValues}
          submitLabel={t('evidenceSoa.evidence.new')}
          onCancel={() => void navigate(`/o/${org.slug}/evidence`)}
          onSubmit={async (values) => {
            const created = await create.mutateAsync(evidencePayload(values));
            // The item exists now: a failed upload is reported, not retried by saving the form again.
            if (values.kind === 'file' && values.file) {
              try {
                await upload.mutateAsync({ id: created.id, file: values.file });
              } catch (err) {
                notifications.show({ color: 'red', message: t('evidenceSoa.evidence.uploadFailed', { message: errorMessage(err, t) }) });
              }
            }
            notifications.show({ color: 'teal', message: t('evidenceSoa.evidence.created') });
            void navigate(`/o/${org.slug}/evidence/${created.id}`);
          }}
        />
      </Paper>
    </>
  );
}
