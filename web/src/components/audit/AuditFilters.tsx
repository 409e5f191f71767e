import { Paper, Select, SimpleGrid } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { SearchInput } from '../common/SearchInput';
import { actionLabel, entityTypeLabel, knownActions, knownEntityTypes } from './auditLabels';

export interface AuditFilterState {
  action: string | null;
  entityType: string | null;
  actor: string;
  range: [string | null, string | null];
}

interface Props {
  value: AuditFilterState;
  onChange: (patch: Partial<AuditFilterState>) => void;
}

export function AuditFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" mb="md" data-testid="audit-filters">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Select
          label={t('audit.filters.action')}
          placeholder={t('audit.filters.anyAction')}
          data={knownActions.map((a) => ({ value: a, label: `${actionLabel(a, t)} (${a})` }))}
          value={value.action}
          onChange={(action) => onChange({ action })}
          searchable
          clearable
          data-testid="audit-filter-action"
        />
        <Select
          label={t('audit.filters.entityType')}
          placeholder={t('audit.filters.anyType')}
          data={knownEntityTypes.map((e) => ({ value: e, label: entityTypeLabel(e, t) }))}
          value={value.entityType}
          onChange={(entityType) => onChange({ entityType })}
          clearable
          data-testid="audit-filter-entity-type"
        />
        <SearchInput
          label={t('audit.filters.actor')}
          placeholder={t('audit.filters.actorPlaceholder')}
          value={value.actor}
          onChange={(actor) => onChange({ actor })}
          testId="audit-filter-actor"
        />
        <DatePickerInput
          type="range"
          label={t('audit.filters.dateRange')}
          value={value.range}
          onChange={(range) => onChange({ range: [range[0] ?? null, range[1] ?? null] })}
          valueFormat="YYYY-MM-DD"
          clearable
          allowSingleDateInRange
          data-testid="audit-filter-dates"
        />
      </SimpleGrid>
    </Paper>
  );
}
