import { Fragment, useState } from 'react';
import { ActionIcon, Anchor, Badge, Code, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AuditEntry } from '@contracts/audit-log/schema.js';
import { formatDateTime } from '../../lib/dates';
import { AuditChange } from './AuditChange';
import { actionLabel, actorTypeLabel, entityTypeLabel } from './auditLabels';

function entityPath(org: string, e: AuditEntry): string | null {
  if (!e.entityId) return null;
  if (e.entityType === 'ai_system') return `/o/${org}/systems/${e.entityId}`;
  if (e.entityType === 'vendor') return `/o/${org}/vendors/${e.entityId}`;
  return null;
}

export function AuditTable({ org, entries }: { org: string; entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs" highlightOnHover data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36} />
            <Table.Th>{t('audit.columns.time')}</Table.Th>
            <Table.Th>{t('audit.columns.actor')}</Table.Th>
            <Table.Th>{t('audit.columns.action')}</Table.Th>
            <Table.Th>{t('audit.columns.entity')}</Table.Th>
            <Table.Th>{t('audit.columns.requestId')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => {
            const expanded = open.has(e.id);
            const path = entityPath(org, e);
            return (
              <Fragment key={e.id}>
                <Table.Tr
                  className="clickable-row"
                  onClick={() => toggle(e.id)}
                  data-testid="audit-row"
                  data-action={e.action}
                  data-entity-id={e.entityId ?? ''}
                  data-seq={e.seq}
                >
                  <Table.Td>
                    <ActionIcon variant="subtle" size="sm" aria-label={t('audit.expand')} aria-expanded={expanded}>
                      {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(e.at, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" data-testid="audit-actor">
                      {e.actorLabel}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {actorTypeLabel(e.actorType, t)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{actionLabel(e.action, t)}</Text>
                    <Code fz="xs">{e.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" tt="none">
                      {entityTypeLabel(e.entityType, t)}
                    </Badge>{' '}
                    {path ? (
                      <Anchor component={Link} to={path} size="xs" ff="monospace" onClick={(ev) => ev.stopPropagation()}>
                        {e.entityId?.slice(0, 8)}
                      </Anchor>
                    ) : (
                      <Text span size="xs" ff="monospace">
                        {e.entityId?.slice(0, 8) ?? ''}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" c="dimmed" title={e.requestId ?? ''}>
                      {e.requestId ? e.requestId.slice(0, 8) : '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {expanded && (
                  <Table.Tr data-testid="audit-row-detail">
                    <Table.Td colSpan={6}>
                      <AuditChange before={e.before} after={e.after} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
