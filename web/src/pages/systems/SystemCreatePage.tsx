import { useMemo } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/common/PageHeader';
import { SystemForm } from '../../components/systems/SystemForm';
import { useCan, useOrg } from '../../hooks/useOrg';
import { useCreateSystem } from '../../hooks/useSystems';
import { emptySystemValues, systemPayload } from '../../lib/systemForm';

export function SystemCreatePage() {
  const { t } = useTranslation();
  const org = useOrg();
  const allowed = useCan('system.create');
  const navigate = useNavigate();
  const create = useCreateSystem(org.slug);
  const initialValues = useMemo(emptySystemValues, []);
  if (!allowed) return <Navigate to={`/o/${org.slug}/systems`} replace />;

  return (
    <>
      <PageHeader title={t('systems.createTitle')} />
      <SystemForm
        org={org.slug}
        initialValues={initialValues}
        submitLabel={t('systems.new')}
        onCancel={() => void navigate(`/o/${org.slug}/systems`)}
        onSubmit={async (values) => {
          const created = await create.mutateAsync(systemPayload(values));
          notifications.show({ color: 'teal', message: t('systems.created') });
          void navigate(`/o/${org.slug}/systems/${created.id}`);
        }}
      />
    </>
  );
}
