import { useMemo } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { SystemForm } from '../../components/systems/SystemForm';
import { useOrg } from '../../hooks/useOrg';
import { useSystem, useUpdateSystem } from '../../hooks/useSystems';
import { systemChanges, systemValuesFromView } from '../../lib/systemForm';

export function SystemEditPage() {
  const { t } = useTranslation();
  const org = useOrg();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const system = useSystem(org.slug, id);
  const update = useUpdateSystem(org.slug, id);
  const initialValues = useMemo(() => (system.data ? systemValuesFromView(system.data) : null), [system.data]);

  if (system.isPending) return <FullPageLoader />;
  if (system.isError) return <QueryError error={system.error} />;
  if (!system.data.can.update || system.data.archivedAt) return <Navigate to={`/o/${org.slug}/systems/${id}`} replace />;
  const view = system.data;

  return (
    <>
      <PageHeader title={t('systems.editTitle', { name: view.name })} />
      {initialValues && (
        <SystemForm
          // a new version (after "Reload") starts a fresh form
          key={view.version}
          org={org.slug}
          initialValues={initialValues}
          submitLabel={t('common.save')}
          onCancel={() => void navigate(`/o/${org.slug}/systems/${id}`)}
          onReload={() => void system.refetch()}
          onSubmit={async (values) => {
            await update.mutateAsync(systemChanges(initialValues, values, view.version));
            notifications.show({ color: 'teal', message: t('systems.saved') });
            void navigate(`/o/${org.slug}/systems/${id}`);
          }}
        />
      )}
    </>
  );
}
