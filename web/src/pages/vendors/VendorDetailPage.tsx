import { useState } from 'react';
import { Alert, Anchor, Badge, Group, List, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ConfirmModal } from '../../components/common/ConfirmModal';
import { DetailList } from '../../components/common/DetailList';
import { FullPageLoader } from '../../components/common/FullPageLoader';
import { PageHeader } from '../../components/common/PageHeader';
import { RecordActions } from '../../components/common/RecordActions';
import { QueryError } from '../../components/common/QueryError';
import { useCan, useOrg } from '../../hooks/useOrg';
import { useSystemList } from '../../hooks/useSystems';
import { useArchiveVendor, useVendor } from '../../hooks/useVendors';
import { formatDate, formatDateTime } from '../../lib/dates';
import { VendorAssessmentsTab } from '../../components/vendor-governance/VendorAssessmentsTab';
import { VendorAttestationsTab } from '../../components/vendor-governance/VendorAttestationsTab';
import { VendorContractsTab } from '../../components/vendor-governance/VendorContractsTab';
import { VendorFeaturesTab } from '../../components/vendor-governance/VendorFeaturesTab';
import { VendorResidencyNotice } from '../../components/vendor-governance/VendorResidencyNotice';

function Badges({ values }: { values: string[] }) {
  if (values.length === 0) return null;
  return (
    <Group gap={4}>
      {values.map((v) => (
        <Badge key={v} variant="light" color="gray" tt="none">
          {v}
        </Badge>
      ))}
    </Group>
  );
}

export function VendorDetailPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const org = useOrg();
  const { id = '' } = useParams();
  const vendor = useVendor(org.slug, id);
  const systems = useSystemList(org.slug, { vendor: id, limit: 50, sort: 'name', order: 'asc' });
  const archive = useArchiveVendor(org.slug, id);
  const canAudit = useCan('audit.read');
  const [confirming, setConfirming] = useState(false);

  if (vendor.isPending) return <FullPageLoader />;
  if (vendor.isError) return <QueryError error={vendor.error} />;
  const v = vendor.data;
  const archived = v.archivedAt !== null;

  return (
    <>
      <Anchor component={Link} to={`/o/${org.slug}/vendors`} size="sm" mb="xs" display="inline-block">
        ← {t('vendors.title')}
      </Anchor>
      <PageHeader
        title={v.name}
        badge={archived ? <Badge color="gray">{t('common.archived')}</Badge> : undefined}
        actions={
          <RecordActions
            kind="vendor"
            auditHref={canAudit ? `/o/${org.slug}/audit?entityId=${encodeURIComponent(v.id)}` : null}
            editHref={`/o/${org.slug}/vendors/${v.id}/edit`}
            can={v.can}
            archived={archived}
            restoring={archive.isPending}
            onArchive={() => {
              archive.reset();
              setConfirming(true);
            }}
            onRestore={() =>
              archive.mutate(false, {
                onSuccess: () => notifications.show({ color: 'teal', message: t('vendors.restoredDone') }),
              })
            }
          />
        }
      />
      {archived && (
        <Alert color="gray" mb="lg">
          {t('vendors.archivedNotice', { date: formatDate(v.archivedAt, lang) })}
        </Alert>
      )}
      {!confirming && archive.error ? <QueryError error={archive.error} /> : null}
      <VendorResidencyNotice org={org.slug} vendorId={v.id} vendorName={v.name} />
      <Tabs defaultValue="overview" keepMounted={false} mt="md">
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">{t('vendorGovernance.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="assessments">{t('vendorGovernance.tabs.assessments')}</Tabs.Tab>
          <Tabs.Tab value="contracts">{t('vendorGovernance.tabs.contracts')}</Tabs.Tab>
          <Tabs.Tab value="attestations">{t('vendorGovernance.tabs.attestations')}</Tabs.Tab>
          <Tabs.Tab value="features">{t('vendorGovernance.tabs.features')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Stack gap="lg">
            <Paper withBorder p="lg" radius="md">
              <DetailList
                items={[
                  {
                    label: t('vendors.fields.website'),
                    value: v.website ? (
                      <Anchor href={v.website} target="_blank" rel="noopener noreferrer" size="sm">
                        {v.website}
                      </Anchor>
                    ) : null,
                  },
                  { label: t('vendors.fields.headquartersCountry'), value: v.headquartersCountry },
                  { label: t('vendors.fields.products'), value: <Badges values={v.products} /> },
                  { label: t('vendors.fields.aiFeatures'), value: <Badges values={v.aiFeatures} /> },
                  { label: t('vendors.fields.dataProcessingRegions'), value: <Badges values={v.dataProcessingRegions} /> },
                  { label: t('vendors.fields.contactName'), value: v.contactName },
                  { label: t('vendors.fields.contactEmail'), value: v.contactEmail },
                  { label: t('common.updated'), value: formatDateTime(v.updatedAt, lang) },
                ]}
              />
              {v.notes && (
                <Stack gap={2} mt="md">
                  <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                    {t('vendors.fields.notes')}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {v.notes}
                  </Text>
                </Stack>
              )}
            </Paper>
            <Paper withBorder p="lg" radius="md">
              <Title order={4} mb="sm">
                {t('vendors.systemsOfVendor')} ({v.systemCount})
              </Title>
              {systems.data && systems.data.items.length > 0 ? (
                <List size="sm" spacing={4}>
                  {systems.data.items.map((s) => (
                    <List.Item key={s.id}>
                      <Anchor component={Link} to={`/o/${org.slug}/systems/${s.id}`} size="sm">
                        {s.name}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Paper>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="assessments">
          <VendorAssessmentsTab org={org.slug} vendorId={v.id} canUpdate={v.can.update && !archived} />
        </Tabs.Panel>
        <Tabs.Panel value="contracts">
          <VendorContractsTab org={org.slug} vendorId={v.id} canUpdate={v.can.update && !archived} />
        </Tabs.Panel>
        <Tabs.Panel value="attestations">
          <VendorAttestationsTab org={org.slug} vendorId={v.id} canUpdate={v.can.update && !archived} />
        </Tabs.Panel>
        <Tabs.Panel value="features">
          <VendorFeaturesTab org={org.slug} vendorId={v.id} canUpdate={v.can.update && !archived} />
        </Tabs.Panel>
      </Tabs>
      <ConfirmModal
        opened={confirming}
        title={t('vendors.archiveTitle')}
        body={t('vendors.archiveBody')}
        confirmLabel={t('vendors.archiveConfirm')}
        loading={archive.isPending}
        error={archive.error}
        onConfirm={() =>
          archive.mutate(true, {
            onSuccess: () => {
              setConfirming(false);
              notifications.show({ color: 'teal', message: t('vendors.archivedDone') });
            },
          })
        }
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
