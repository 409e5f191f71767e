import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';

interface Props<K extends string> {
  label: string;
  sortKey: K;
  sort: string;
  order: 'asc' | 'desc';
  onSort: (key: K, order: 'asc' | 'desc') => void;
}

/** A column header that sorts the (server-side) list; a second click reverses the order. */
export function SortableTh<K extends string>({ label, sortKey, sort, order, onSort }: Props<K>) {
  const active = sort === sortKey;
  const Icon = active ? (order === 'asc' ? IconChevronUp : IconChevronDown) : IconSelector;
  return (
    <Table.Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(sortKey, active && order === 'asc' ? 'desc' : 'asc')} data-testid={`sort-${sortKey}`}>
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {label}
          </Text>
          <Icon size={14} stroke={1.5} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
