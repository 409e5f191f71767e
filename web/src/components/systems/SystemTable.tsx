import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { SystemView } from '@contracts/systems/schema.js';
import type { SystemListState } from '../../hooks/useSystemListParams';
import { enumLabel } from '../../i18n/labels';
import { formatCalendarDate, formatDate } from '../../lib/dates';
import { SortableTh } from '../common/SortableTh';

interface Props {
  org: string;
  items: SystemView[];
  sort: SystemListState['sort'];
  order: 'asc' | 'desc';
  onSort: (sort: SystemListState['sort'], order: 'asc' | 'desc') => void;
}

/** One page of the register (at most 50 rows are ever rendered; the server paginates). */
export function SystemTable({ org, items, sort, order, onSort }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const sortProps = { sort, order, onSort };

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="systems-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh label={t('systems.columns.name')} sortKey="name" {...sortProps} />
            <SortableTh label={t('systems.columns.type')} sortKey="type" {...sortProps} />
            <SortableTh label={t('systems.columns.stage')} sortKey="lifecycleStage" {...sortProps} />
            <Table.Th>{t('systems.columns.owner')}</Table.Th>
            <Table.Th>{t('systems.columns.vendor')}</Table.Th>
            <Table.Th>{t('systems.columns.status')}</Table.Th>
            <SortableTh label={t('systems.columns.nextReview')} sortKey="nextReviewDate" {...sortProps} />
            <SortableTh label={t('systems.columns.updated')} sortKey="updatedAt" {...sortProps} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => {
            const href = `/o/${org}/systems/${s.id}`;
            return (
              <Table.Tr
                key={s.id}
                className="clickable-row"
                onClick={() => void navigate(href)}
                data-testid="system-row"
                data-system-id={s.id}
              >
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Anchor
                      component={Link}
                      to={href}
                      fw={500}
                      size="sm"
                      onClick={(e) => e.stopPropagation()}
                      data-testid="system-row-name"
                    >
                      {s.name}
                    </Anchor>
                    {s.archivedAt && (
                      <Badge size="xs" color="gray">
                        {t('common.archived')}
                      </Badge>
                    )}
                  </Group>
                  {s.businessUnit && (
                    <Text size="xs" c="dimmed">
                      {s.businessUnit}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{enumLabel('type', s.type, lang)}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none" style={{ minWidth: 'max-content' }}>
                    {enumLabel('lifecycleStage', s.lifecycleStage, lang)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.accountableOwner?.displayName ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.vendor?.name ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge
                    variant="dot"
                    color={s.registrationStatus === 'registered' ? 'teal' : 'gray'}
                    tt="none"
                    style={{ minWidth: 'max-content' }}
                  >
                    {enumLabel('registrationStatus', s.registrationStatus, lang)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatCalendarDate(s.nextReviewDate, lang) || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(s.updatedAt, lang)}
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
