import { useMemo } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
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
  const [params] = useSearchParams();
  const prefillName = params.get('name') ?? '';
  const prefillModel = params.get('model') ?? '';
  // Telemetry and discovery link here with what they saw, so the new entry starts from it.
  const initialValues = useMemo(
    () => ({ ...emptySystemValues(), name: prefillName.slice(0, 200), models: prefillModel ? [prefillModel.slice(0, 200)] : [] }),
    [prefillName, prefillModel],
  );
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
