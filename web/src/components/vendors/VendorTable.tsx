import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { VendorView } from '@contracts/vendors/schema.js';
import { formatDate } from '../../lib/dates';
import { SortableTh } from '../common/SortableTh';

export type VendorSort = 'name' | 'updatedAt' | 'createdAt';

interface Props {
  org: string;
  items: VendorView[];
  sort: VendorSort;
  order: 'asc' | 'desc';
  onSort: (sort: VendorSort, order: 'asc' | 'desc') => void;
}

export function VendorTable({ org, items, sort, order, onSort }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const sortProps = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="vendors-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh label={t('vendors.columns.name')} sortKey="name" {...sortProps} />
            <Table.Th>{t('vendors.columns.country')}</Table.Th>
            <Table.Th>{t('vendors.columns.aiFeatures')}</Table.Th>
            <Table.Th>{t('vendors.columns.systems')}</Table.Th>
            <SortableTh label={t('vendors.columns.updated')} sortKey="updatedAt" {...sortProps} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((v) => {
            const href = `/o/${org}/vendors/${v.id}`;
            return (
              <Table.Tr key={v.id} className="clickable-row" onClick={() => void navigate(href)} data-testid="vendor-row">
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Anchor component={Link} to={href} size="sm" fw={500} onClick={(e) => e.stopPropagation()}>
                      {v.name}
                    </Anchor>
                    {v.archivedAt && (
                      <Badge size="xs" color="gray">
                        {t('common.archived')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{v.headquartersCountry ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {v.aiFeatures.join(', ') || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{v.systemCount}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(v.updatedAt, i18n.language)}
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
