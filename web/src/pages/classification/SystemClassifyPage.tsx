import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ClassificationWizard } from '../../components/classification/ClassificationWizard';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { useClassificationState } from '../../hooks/useClassification';
import { useOrg } from '../../hooks/useOrg';
import { useSystem } from '../../hooks/useSystems';

/** o/:org/systems/:id/classify — the classification wizard of one system. */
export function SystemClassifyPage() {
  const { t } = useTranslation();
  const org = useOrg();
  const { id = '' } = useParams();
  const system = useSystem(org.slug, id);
  const state = useClassificationState(org.slug, id);

  if (system.isPending || state.isPending) return <FullPageLoader />;
  if (system.isError) return <QueryError error={system.error} />;
  if (state.isError) return <QueryError error={state.error} onRetry={() => void state.refetch()} />;

  return (
    <>
      <Anchor component={Link} to={`/o/${org.slug}/systems/${id}`} size="sm" mb="xs" display="inline-block">
        ← {t('classification.wizard.backToSystem')}
      </Anchor>
      <PageHeader title={t('classification.wizard.title', { name: system.data.name })} intro={t('classification.wizard.intro')} />
      <ClassificationWizard org={org.slug} systemId={id} state={state.data} />
    </>
  );
}
