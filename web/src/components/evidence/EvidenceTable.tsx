import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { IconFile, IconLink, IconNote } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { EvidenceKind, EvidenceView } from '@contracts/evidence/schema.js';
import { formatCalendarDate, formatDate } from '../../lib/dates';
import { SortableTh } from '../common/SortableTh';
import { ExpiryBadge } from './ExpiryBadge';

export type EvidenceSort = 'title' | 'updatedAt' | 'createdAt' | 'expiresOn';

export const kindIcon: Record<EvidenceKind, typeof IconFile> = { file: IconFile, link: IconLink, note: IconNote };

interface Props {
  org: string;
  items: EvidenceView[];
  sort: EvidenceSort;
  order: 'asc' | 'desc';
  onSort: (sort: EvidenceSort, order: 'asc' | 'desc') => void;
}

export function EvidenceTable({ org, items, sort, order, onSort }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const sortProps = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="evidence-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh label={t('evidenceSoa.evidence.columns.title')} sortKey="title" {...sortProps} />
            <Table.Th>{t('evidenceSoa.evidence.columns.kind')}</Table.Th>
            <Table.Th>{t('evidenceSoa.evidence.columns.owner')}</Table.Th>
            <SortableTh label={t('evidenceSoa.evidence.columns.expires')} sortKey="expiresOn" {...sortProps} />
            <Table.Th>{t('evidenceSoa.evidence.columns.links')}</Table.Th>
            <SortableTh label={t('evidenceSoa.evidence.columns.updated')} sortKey="updatedAt" {...sortProps} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => {
            const href = `/o/${org}/evidence/${e.id}`;
            const Icon = kindIcon[e.kind];
            return (
              <Table.Tr key={e.id} className="clickable-row" onClick={() => void navigate(href)} data-testid="evidence-row">
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Anchor component={Link} to={href} size="sm" fw={500} onClick={(ev) => ev.stopPropagation()}>
                      {e.title}
                    </Anchor>
                    {e.archivedAt && (
                      <Badge size="xs" color="gray">
                        {t('common.archived')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Icon size={16} aria-hidden />
                    <Text size="sm">{t(`evidenceSoa.evidence.kinds.${e.kind}`)}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.owner?.name ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <ExpiryBadge state={e.expiryState} />
                    {e.expiresOn && (
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatCalendarDate(e.expiresOn, i18n.language)}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {e.links.map((l) => l.label).join(', ') || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(e.updatedAt, i18n.language)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
