import { useState } from 'react';
import { Anchor, Button, Center, Group, Loader, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import type { CatalogueEntryView } from '@contracts/discovery/schema.js';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { CatalogueEntryDrawer } from '../../components/discovery/CatalogueEntryDrawer';
import { useDeleteCatalogueEntry, useOwnCatalogue } from '../../hooks/useDiscovery';
import { useCan, useOrg } from '../../hooks/useOrg';

/** The organisation's own AI service catalogue entries: services the bundled catalogue lacks, or corrections of it. */
export function DiscoveryCataloguePage() {
  const { t } = useTranslation();
  const org = useOrg();
  const canManage = useCan('discovery.manage');
  const catalogue = useOwnCatalogue(org.slug);
  const remove = useDeleteCatalogueEntry(org.slug);
  // undefined: drawer closed; null: a new entry
  const [editing, setEditing] = useState<CatalogueEntryView | null | undefined>(undefined);
  if (!canManage) return <Navigate to={`/o/${org.slug}/discovery`} replace />;

  const confirmRemove = async (entry: CatalogueEntryView) => {
    if (!window.confirm(t('discovery.catalogue.removeConfirm', { product: entry.product }))) return;
    await remove.mutateAsync(entry.id);
    notifications.show({ color: 'teal', message: t('discovery.catalogue.removed') });
  };

  return (
    <>
      <PageHeader
        title={t('discovery.catalogue.title')}
        intro={t('discovery.catalogue.intro')}
        actions={
          <>
            <Button component={Link} to={`/o/${org.slug}/discovery`} variant="default" leftSection={<IconArrowLeft size={16} />}>
              {t('discovery.catalogue.back')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(null)} data-testid="catalogue-add">
              {t('discovery.catalogue.add')}
            </Button>
          </>
        }
      />
      <Paper withBorder p="lg" radius="md">
        {remove.error ? <QueryError error={remove.error} /> : null}
        {catalogue.isPending ? (
          <Center>
            <Loader />
          </Center>
        ) : catalogue.error ? (
          <QueryError error={catalogue.error} onRetry={() => void catalogue.refetch()} />
        ) : catalogue.data.items.length === 0 ? (
          <Text c="dimmed">{t('discovery.catalogue.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table data-testid="catalogue-entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('discovery.findings.service')}</Table.Th>
                  <Table.Th>{t('discovery.catalogue.category')}</Table.Th>
                  <Table.Th>{t('discovery.catalogue.domains')}</Table.Th>
                  <Table.Th>{t('discovery.catalogue.country')}</Table.Th>
                  <Table.Th>{t('discovery.findings.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {catalogue.data.items.map((e) => (
                  <Table.Tr key={e.id} data-testid={`catalogue-${e.id}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {e.product}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {e.provider} · {e.id}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`discovery.category.${e.category}`)}</Table.Td>
                    <Table.Td>{e.domains.join(', ')}</Table.Td>
                    <Table.Td>{e.providerCountry}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor component="button" size="sm" onClick={() => setEditing(e)} data-testid={`catalogue-edit-${e.id}`}>
                          {t('common.edit')}
                        </Anchor>
                        <Anchor component="button" size="sm" c="red" onClick={() => void confirmRemove(e)}>
                          {t('discovery.catalogue.remove')}
                        </Anchor>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {editing !== undefined && (
        <CatalogueEntryDrawer key={editing?.id ?? 'new'} org={org.slug} entry={editing} onClose={() => setEditing(undefined)} />
      )}
    </>
  );
}
