import { useState } from 'react';
import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { DatasetsCard } from '../../components/assurance/DatasetsCard';
import { DriftForm } from '../../components/assurance/DriftForm';
import { DriftSeriesCard } from '../../components/assurance/DriftSeriesCard';
import { FairnessForm } from '../../components/assurance/FairnessForm';
import { RunResult } from '../../components/assurance/RunResult';
import { RunsCard } from '../../components/assurance/RunsCard';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { useDatasets, useProfiles, useRun, useRuns } from '../../hooks/useAssurance';
import { useOrg } from '../../hooks/useOrg';
import { useSystem } from '../../hooks/useSystems';

/** `/o/:org/systems/:id/assurance`: data sets, fairness tests and drift checks of one AI system. */
export function SystemAssurancePage() {
  const { t } = useTranslation();
  const org = useOrg();
  const { id = '' } = useParams();
  const system = useSystem(org.slug, id);
  const datasets = useDatasets(org.slug, id);
  const profiles = useProfiles(org.slug);
  const runs = useRuns(org.slug, id);
  const [shown, setShown] = useState<string | null>(null);
  const run = useRun(org.slug, shown);

  if (system.isPending || datasets.isPending || profiles.isPending) return <FullPageLoader />;
  if (system.isError) return <QueryError error={system.error} />;
  if (datasets.isError) return <QueryError error={datasets.error} />;
  if (profiles.isError) return <QueryError error={profiles.error} />;
  const s = system.data;
  // 'own' grants: the server decides per system; offer the forms to those who may run somewhere and let it answer.
  const canRun = !!org.abilities['assurance.run'] && s.archivedAt === null;
  const items = datasets.data.items;

  return (
    <>
      <Anchor component={Link} to={`/o/${org.slug}/systems/${s.id}`} size="sm" mb="xs" display="inline-block">
        ← {t('assurance.page.back')}
      </Anchor>
      <PageHeader title={`${t('assurance.page.title')} — ${s.name}`} />
      <Text size="sm" c="dimmed" mb="lg">
        {t('assurance.page.intro')}
      </Text>
      <DatasetsCard org={org.slug} systemId={s.id} datasets={items} canRun={canRun} />
      {canRun && items.length > 0 && (
        <FairnessForm org={org.slug} systemId={s.id} datasets={items} profiles={profiles.data.items} onDone={(r) => setShown(r.id)} />
      )}
      {shown && run.data && <RunResult org={org.slug} run={run.data} />}
      {shown && run.isError && <QueryError error={run.error} />}
      {canRun && items.length > 0 && <DriftForm org={org.slug} systemId={s.id} datasets={items} onDone={(r) => setShown(r.id)} />}
      <DriftSeriesCard org={org.slug} systemId={s.id} />
      {runs.data && <RunsCard org={org.slug} runs={runs.data.items} onView={setShown} />}
    </>
  );
}
