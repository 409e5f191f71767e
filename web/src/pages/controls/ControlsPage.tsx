import { useState } from 'react';
import { ActionIcon, Badge, Button, Center, Group, Loader, Paper, Select, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff, IconBooks, IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { controlStatuses, type ControlStatus, type ControlView } from '@contracts/controls/schema.js';
import { ConfirmModal } from '../../components/common/ConfirmModal';
import { ListFooter } from '../../components/common/ListFooter';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { SearchInput } from '../../components/common/SearchInput';
import { AdoptStarterModal } from '../../components/compliance/AdoptStarterModal';
import { controlStatusColor } from '../../components/compliance/colors';
import { ControlFormModal } from '../../components/compliance/ControlFormModal';
import { useArchiveControl, useControlList } from '../../hooks/useControls';
import { useCan, useOrg } from '../../hooks/useOrg';

const PAGE_SIZE = 50;
type Archived = 'exclude' | 'include' | 'only';
const isStatus = (v: string | null): v is ControlStatus => (controlStatuses as readonly string[]).includes(v ?? '');

export function ControlsPage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const canManage = useCan('control.manage');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const [archived, setArchived] = useState<Archived>('exclude');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<ControlView | 'new' | null>(null);
  const [adopting, setAdopting] = useState(false);
  const [archiving, setArchiving] = useState<ControlView | null>(null);
  const list = useControlList(org.slug, { q: q || undefined, status, archived, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  // What the starter library has already given this organisation (archived included: adopting again is skipped).
  const all = useControlList(org.slug, { archived: 'include', limit: 500 });
  const adopted = new Set((all.data?.items ?? []).flatMap((c) => (c.suggestionId ? [c.suggestionId] : [])));
  const archive = useArchiveControl(org.slug);
  const total = list.data?.total ?? 0;

  const setParam = (key: string, value: string | null) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title={t('compliance.controls.title')}
        intro={t('compliance.controls.intro')}
        actions={
          canManage && (
            <>
              <Button
                variant="default"
                leftSection={<IconBooks size={16} />}
                onClick={() => setAdopting(true)}
                data-testid="adopt-controls"
              >
                {t('compliance.controls.adopt')}
              </Button>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-control">
                {t('compliance.controls.new')}
              </Button>
            </>
          )
        }
      />
      <Paper withBorder p="md" radius="md" mb="md">
        <Group align="flex-end" grow>
          <SearchInput
            label={t('common.search')}
            value={q}
            onChange={(v) => setParam('q', v)}
            placeholder={t('compliance.controls.searchPlaceholder')}
            testId="control-filter-q"
          />
          <Select
            label={t('compliance.common.status')}
            placeholder={t('compliance.common.anyStatus')}
            data={controlStatuses.map((s) => ({ value: s, label: t(`compliance.controlStatus.${s}`) }))}
            value={status ?? null}
            onChange={(v) => setParam('status', v)}
            clearable
            data-testid="control-filter-status"
          />
          <Select
            label={t('archivedFilter.label')}
            data={(['exclude', 'include', 'only'] as const).map((v) => ({ value: v, label: t(`archivedFilter.${v}`) }))}
            value={archived}
            allowDeselect={false}
            onChange={(v) => {
              setArchived((v as Archived | null) ?? 'exclude');
              setPage(1);
            }}
            data-testid="control-filter-archived"
          />
        </Group>
      </Paper>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {list.data && (
        <Paper withBorder radius="md" p="xs">
          <Text size="sm" fw={500} px="xs" pt="xs" data-testid="controls-total">
            {t('common.total', { count: total, n: new Intl.NumberFormat(i18n.language).format(total) })}
          </Text>
          {list.data.items.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl" data-testid="controls-empty">
              {q || status ? t('common.noResults') : t('compliance.controls.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing="sm" highlightOnHover data-testid="controls-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('compliance.controls.name')}</Table.Th>
                    <Table.Th>{t('compliance.common.status')}</Table.Th>
                    <Table.Th>{t('compliance.common.owner')}</Table.Th>
                    <Table.Th>{t('compliance.controls.frequency')}</Table.Th>
                    <Table.Th>{t('compliance.controls.requirements')}</Table.Th>
                    <Table.Th>{t('compliance.controls.systems')}</Table.Th>
                    <Table.Th>{t('compliance.controls.evidence')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((c) => (
                    <Table.Tr key={c.id} data-testid={`control-${c.id}`}>
                      <Table.Td maw={320}>
                        <Group gap="xs">
                          <Text size="sm" fw={500}>
                            {c.name}
                          </Text>
                          {c.archivedAt && (
                            <Badge miw="fit-content" size="xs" color="gray">
                              {t('common.archived')}
                            </Badge>
                          )}
                        </Group>
                        {c.description && (
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {c.description}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge miw="fit-content" variant="light" color={controlStatusColor[c.status]}>
                          {t(`compliance.controlStatus.${c.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.owner?.displayName ?? t('common.none')}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(`compliance.frequency.${c.frequency}`)}</Text>
                      </Table.Td>
                      <Table.Td maw={220}>
                        <Group gap={4}>
                          {c.requirements.map((r) => (
                            <Tooltip
                              key={`${r.framework}|${r.requirementId}`}
                              label={`${r.framework}${r.title ? ` · ${r.title[i18n.language === 'zh-HK' ? 'zh-HK' : 'en']}` : ''}`}
                            >
                              <Badge miw="fit-content" size="sm" variant="outline" tt="none" ff="monospace">
                                {r.requirementId}
                              </Badge>
                            </Tooltip>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.systems.map((s) => s.name).join(', ') || t('common.none')}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.evidenceCount}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {c.can.update && !c.archivedAt && (
                            <ActionIcon
                              variant="subtle"
                              aria-label={`${t('common.edit')} ${c.name}`}
                              onClick={() => setEditing(c)}
                              data-testid={`edit-control-${c.id}`}
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          )}
                          {c.can.archive &&
                            (c.archivedAt ? (
                              <ActionIcon
                                variant="subtle"
                                aria-label={`${t('common.restore')} ${c.name}`}
                                loading={archive.isPending && archive.variables.id === c.id}
                                onClick={() =>
                                  archive.mutate(
                                    { id: c.id, archived: false },
                                    { onSuccess: () => notifications.show({ color: 'teal', message: t('compliance.controls.restored') }) },
                                  )
                                }
                                data-testid={`restore-control-${c.id}`}
                              >
                                <IconArchiveOff size={16} />
                              </ActionIcon>
                            ) : (
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={`${t('common.archive')} ${c.name}`}
                                onClick={() => {
                                  archive.reset();
                                  setArchiving(c);
                                }}
                                data-testid={`archive-control-${c.id}`}
                              >
                                <IconArchive size={16} />
                              </ActionIcon>
                            ))}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <ListFooter total={total} page={page} pageSize={PAGE_SIZE} onPage={setPage} />
        </Paper>
      )}
      {editing && (
        <ControlFormModal
          key={editing === 'new' ? 'new' : editing.id}
          org={org.slug}
          control={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {adopting && <AdoptStarterModal org={org.slug} adopted={adopted} onClose={() => setAdopting(false)} />}
      <ConfirmModal
        opened={archiving !== null}
        title={t('compliance.controls.archiveTitle')}
        body={t('compliance.controls.archiveBody')}
        confirmLabel={t('common.archive')}
        loading={archive.isPending}
        error={archive.error}
        onConfirm={() =>
          archiving &&
          archive.mutate(
            { id: archiving.id, archived: true },
            {
              onSuccess: () => {
                setArchiving(null);
                notifications.show({ color: 'teal', message: t('compliance.controls.archived') });
              },
            },
          )
        }
        onClose={() => setArchiving(null)}
      />
    </>
  );
}
