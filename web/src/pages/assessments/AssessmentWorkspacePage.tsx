import { Fragment, useMemo, useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Center,
  Checkbox,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { itemStatuses, type AssessmentItemView, type ItemListQuery, type ItemStatus } from '@contracts/assessments/schema.js';
import { aimsComponents, type AimsComponent } from '@contracts/frameworks/schema.js';
import { updateAssessment } from '../../api/assessments';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { SearchInput } from '../../components/common/SearchInput';
import { BulkEditBar } from '../../components/compliance/BulkEditBar';
import { itemStatusColor } from '../../components/compliance/colors';
import { CreateActionButton } from '../../components/compliance/CreateActionButton';
import { ItemEditor } from '../../components/compliance/ItemEditor';
import { ProgressBars } from '../../components/compliance/ProgressBars';
import { ProgressBreakdown } from '../../components/compliance/ProgressBreakdown';
import { pick } from '../../components/frameworks/labels';
import { useAssessment } from '../../hooks/useAssessments';
import { useFramework } from '../../hooks/useFrameworks';
import { useMemberOptions } from '../../hooks/useMembers';
import { useCan, useOrg } from '../../hooks/useOrg';
import { formatCalendarDate } from '../../lib/dates';

const isStatus = (v: string | null): v is ItemStatus => (itemStatuses as readonly string[]).includes(v ?? '');
const isComponent = (v: string | null): v is AimsComponent => (aimsComponents as readonly string[]).includes(v ?? '');

/** Items grouped under their parent (clause or objective), in the server's order. */
function groupByParent(items: readonly AssessmentItemView[]): { parent: string | null; items: AssessmentItemView[] }[] {
  const groups: { parent: string | null; items: AssessmentItemView[] }[] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last.parent === item.parent) last.items.push(item);
    else groups.push({ parent: item.parent, items: [item] });
  }
  return groups;
}

export function AssessmentWorkspacePage() {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const { id = '' } = useParams();
  const canManage = useCan('assessment.manage');
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const componentParam = params.get('component');
  const query: Partial<ItemListQuery> = {
    ...(isStatus(statusParam) ? { status: statusParam } : {}),
    ...(params.get('owner') ? { owner: params.get('owner') ?? undefined } : {}),
    ...(isComponent(componentParam) ? { component: componentParam } : {}),
    ...(params.get('q') ? { q: params.get('q') ?? undefined } : {}),
  };
  const assessment = useAssessment(org.slug, id, query);
  const framework = useFramework(assessment.data?.framework ?? '', {});
  const members = useMemberOptions(org.slug);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [statusSaving, setStatusSaving] = useState(false);

  const titles = useMemo(() => new Map((framework.data?.requirements ?? []).map((r) => [r.id, r.title])), [framework.data]);
  const items = assessment.data?.items ?? [];
  const groups = useMemo(() => groupByParent(items), [items]);
  const editingItem = items.find((i) => i.requirementId === editing) ?? null;

  const update = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const toggle = (requirementId: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(requirementId)) next.delete(requirementId);
      else next.add(requirementId);
      return next;
    });
  const allShown = items.length > 0 && items.every((i) => selected.has(i.requirementId));
  // Only what the filters show can be changed in bulk.
  const selectedShown = items.filter((i) => selected.has(i.requirementId)).map((i) => i.requirementId);

  if (assessment.isError) return <QueryError error={assessment.error} />;
  if (!assessment.data) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  const a = assessment.data;
  const canEdit = canManage && a.can.update;

  const setAssessmentStatus = async (status: 'in_progress' | 'completed') => {
    setStatusSaving(true);
    try {
      await updateAssessment(org.slug, a.id, { status, version: a.version });
      await queryClient.invalidateQueries({ queryKey: ['assessments', org.slug] });
    } catch (err) {
      notifications.show({ color: 'red', message: err instanceof Error ? err.message : String(err) });
    } finally {
      setStatusSaving(false);
    }
  };

  return (
    <>
      <Anchor
        component={Link}
        to={`/o/${org.slug}/assessments`}
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} /> {t('compliance.workspace.back')}
      </Anchor>
      <PageHeader
        title={a.title}
        intro={`${pick(a.frameworkTitle, i18n.language)} · ${a.system ? a.system.name : t('compliance.common.organisation')}`}
        badge={
          <Badge miw="fit-content" color={a.status === 'completed' ? 'teal' : 'blue'} variant="light" data-testid="assessment-status">
            {t(`compliance.assessmentStatus.${a.status}`)}
          </Badge>
        }
        actions={
          canEdit && (
            <Button
              variant="default"
              loading={statusSaving}
              onClick={() => void setAssessmentStatus(a.status === 'completed' ? 'in_progress' : 'completed')}
              data-testid="assessment-toggle-status"
            >
              {a.status === 'completed' ? t('compliance.workspace.reopen') : t('compliance.workspace.complete')}
            </Button>
          )
        }
      />
      <Paper withBorder p="md" radius="md" mb="md">
        <ProgressBars figures={a.breakdown.overall} testId="assessment-progress" />
        <details style={{ marginTop: 12 }}>
          <summary style={{ cursor: 'pointer' }}>
            <Text span size="sm" fw={500}>
              {t('compliance.progress.byClause')} · {t('compliance.progress.byComponent')}
            </Text>
          </summary>
          <div style={{ marginTop: 12 }}>
            <ProgressBreakdown progress={a.breakdown} testId="assessment-breakdown" />
          </div>
        </details>
      </Paper>
      <Paper withBorder p="md" radius="md" mb="md">
        <Group align="flex-end" grow>
          <SearchInput
            label={t('compliance.workspace.searchLabel')}
            value={params.get('q') ?? ''}
            onChange={(v) => update('q', v)}
            placeholder={t('compliance.workspace.searchPlaceholder')}
            testId="item-filter-q"
          />
          <Select
            label={t('compliance.common.status')}
            placeholder={t('compliance.common.anyStatus')}
            data={itemStatuses.map((s) => ({ value: s, label: t(`compliance.itemStatus.${s}`) }))}
            value={isStatus(statusParam) ? statusParam : null}
            onChange={(v) => update('status', v)}
            clearable
            data-testid="item-filter-status"
          />
          <Select
            label={t('compliance.common.owner')}
            placeholder={t('compliance.common.anyOwner')}
            data={members}
            value={params.get('owner')}
            onChange={(v) => update('owner', v)}
            searchable
            clearable
            data-testid="item-filter-owner"
          />
          <Select
            label={t('compliance.workspace.component')}
            placeholder={t('compliance.workspace.anyComponent')}
            data={aimsComponents.map((c) => ({ value: c, label: t(`frameworks.components.${c}`) }))}
            value={isComponent(componentParam) ? componentParam : null}
            onChange={(v) => update('component', v)}
            clearable
            data-testid="item-filter-component"
          />
        </Group>
      </Paper>
      {canEdit && selectedShown.length > 0 && (
        <BulkEditBar org={org.slug} assessmentId={a.id} selected={selectedShown} onDone={() => setSelected(new Set())} />
      )}
      <Paper withBorder radius="md" p="xs">
        <Text size="sm" fw={500} px="xs" pt="xs" data-testid="items-shown">
          {t('compliance.workspace.shown', { count: items.length })}
        </Text>
        {items.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl">
            {t('compliance.workspace.noItems')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" data-testid="items-table">
              <Table.Thead>
                <Table.Tr>
                  {canEdit && (
                    <Table.Th w={36}>
                      <Checkbox
                        aria-label={t('compliance.common.selectAll')}
                        checked={allShown}
                        indeterminate={!allShown && items.some((i) => selected.has(i.requirementId))}
                        onChange={() => setSelected(allShown ? new Set() : new Set(items.map((i) => i.requirementId)))}
                        data-testid="select-all"
                      />
                    </Table.Th>
                  )}
                  <Table.Th>{t('compliance.common.requirement')}</Table.Th>
                  <Table.Th>{t('compliance.common.status')}</Table.Th>
                  <Table.Th>{t('compliance.workspace.maturity')}</Table.Th>
                  <Table.Th>{t('compliance.common.owner')}</Table.Th>
                  <Table.Th>{t('compliance.common.dueDate')}</Table.Th>
                  <Table.Th>{t('compliance.workspace.controlsEvidence')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((g) => {
                  const parentTitle = g.parent ? titles.get(g.parent) : undefined;
                  return (
                    <Fragment key={`${g.parent ?? ''}:${g.items[0]?.requirementId ?? ''}`}>
                      {g.parent && (
                        <Table.Tr bg="var(--mantine-color-gray-light)" data-testid={`group-${g.parent}`}>
                          <Table.Td colSpan={canEdit ? 8 : 7}>
                            <Text size="sm" fw={600}>
                              <Text span ff="monospace" fw={700}>
                                {g.parent}
                              </Text>{' '}
                              {parentTitle ? pick(parentTitle, i18n.language) : ''}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      )}
                      {g.items.map((item) => (
                        <Table.Tr key={item.id} data-testid={`requirement-${item.requirementId}`} data-status={item.status}>
                          {canEdit && (
                            <Table.Td>
                              <Checkbox
                                aria-label={t('compliance.common.selectRow', { id: item.requirementId })}
                                checked={selected.has(item.requirementId)}
                                onChange={() => toggle(item.requirementId)}
                                data-testid={`select-${item.requirementId}`}
                              />
                            </Table.Td>
                          )}
                          <Table.Td>
                            <Text size="sm">
                              <Text span ff="monospace" fw={600} size="sm">
                                {item.requirementId}
                              </Text>{' '}
                              {pick(item.title, i18n.language)}
                            </Text>
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <Stack gap={2} align="flex-start">
                              <Badge
                                miw="fit-content"
                                color={itemStatusColor[item.status]}
                                variant="light"
                                data-testid={`status-${item.requirementId}`}
                              >
                                {t(`compliance.itemStatus.${item.status}`)}
                              </Badge>
                              <Tooltip
                                label={
                                  item.statusSource === 'manual'
                                    ? t('compliance.workspace.manualHelp', { status: t(`compliance.itemStatus.${item.derivedStatus}`) })
                                    : t('compliance.workspace.derivedHelp', { status: t(`compliance.itemStatus.${item.derivedStatus}`) })
                                }
                              >
                                <Text size="xs" c="dimmed" data-testid={`source-${item.requirementId}`}>
                                  {item.statusSource === 'manual' ? t('compliance.workspace.manual') : t('compliance.workspace.derived')}
                                </Text>
                              </Tooltip>
                            </Stack>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{item.maturity ?? t('common.none')}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{item.owner?.displayName ?? t('common.none')}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{item.dueDate ? formatCalendarDate(item.dueDate, i18n.language) : t('common.none')}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{t('compliance.workspace.controlsCount', { count: item.controls.length })}</Text>
                            <Text size="xs" c="dimmed">
                              {t('compliance.workspace.evidence', { count: item.evidenceCount })}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Group gap="xs" justify="flex-end" wrap="nowrap">
                              <CreateActionButton org={org.slug} assessmentId={a.id} item={item} />
                              <ActionIcon
                                variant="subtle"
                                aria-label={t('compliance.workspace.edit', { id: item.requirementId })}
                                onClick={() => setEditing(item.requirementId)}
                                data-testid={`edit-${item.requirementId}`}
                              >
                                <IconPencil size={16} />
                              </ActionIcon>
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {editingItem && (
        <ItemEditor
          key={`${editingItem.id}:${editingItem.version}`}
          org={org.slug}
          assessmentId={a.id}
          item={editingItem}
          canManage={canEdit}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
