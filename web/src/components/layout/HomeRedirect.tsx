import { Alert, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { useSession } from '../../hooks/useSession';
import { lastOrg } from '../../lib/lastOrg';

/** `/` opens the register of the organisation used last (or the first one). */
export function HomeRedirect() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const organisations = session?.organisations ?? [];
  const remembered = lastOrg();
  const target = organisations.find((o) => o.slug === remembered) ?? organisations[0];
  if (!target) {
    return (
      <Center h="100vh" p="md">
        <Alert color="yellow" maw={520} data-testid="no-organisations">
          {t('common.noOrganisations')}
        </Alert>
      </Center>
    );
  }
  return <Navigate to={`/o/${target.slug}/systems`} replace />;
}
