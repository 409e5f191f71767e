import { Button, Group, MultiSelect, Paper, Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMemberOptions } from '../../hooks/useMembers';
import type { SystemListState } from '../../hooks/useSystemListParams';
import { useVendorOptions } from '../../hooks/useVendors';
import { enumOptions } from '../../i18n/labels';
import { SearchInput } from '../common/SearchInput';

interface Props {
  org: string;
  state: SystemListState;
  update: (patch: Partial<SystemListState>) => void;
  clear: () => void;
}

export function SystemFilters({ org, state, update, clear }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const members = useMemberOptions(org);
  const vendors = useVendorOptions(org);
  const any = t('systems.filters.any');
  const active =
    state.q || state.type.length || state.stage.length || state.owner || state.vendor || state.dataCategory || state.archived !== 'exclude';

  return (
    <Paper withBorder p="md" radius="md" mb="md" data-testid="system-filters">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <SearchInput
          label={t('common.search')}
          value={state.q}
          onChange={(q) => update({ q })}
          placeholder={t('systems.searchPlaceholder')}
          testId="filter-q"
        />
        <MultiSelect
          label={t('systems.filters.type')}
          placeholder={state.type.length ? undefined : any}
          data={enumOptions('type', lang)}
          value={state.type}
          onChange={(type) => update({ type })}
          clearable
          data-testid="filter-type"
        />
        <MultiSelect
          label={t('systems.filters.stage')}
          placeholder={state.stage.length ? undefined : any}
          data={enumOptions('lifecycleStage', lang)}
          value={state.stage}
          onChange={(stage) => update({ stage })}
          clearable
          data-testid="filter-stage"
        />
        <Select
          label={t('systems.filters.owner')}
          placeholder={any}
          data={members}
          value={state.owner}
          onChange={(owner) => update({ owner })}
          searchable
          clearable
          data-testid="filter-owner"
        />
        <Select
          label={t('systems.filters.vendor')}
          placeholder={any}
          data={vendors}
          value={state.vendor}
          onChange={(vendor) => update({ vendor })}
          searchable
          clearable
          data-testid="filter-vendor"
        />
        <Select
          label={t('systems.filters.dataCategory')}
          placeholder={any}
          data={enumOptions('dataCategory', lang)}
          value={state.dataCategory}
          onChange={(dataCategory) => update({ dataCategory })}
          clearable
          data-testid="filter-data-category"
        />
        <Select
          label={t('archivedFilter.label')}
          data={(['exclude', 'include', 'only'] as const).map((v) => ({ value: v, label: t(`archivedFilter.${v}`) }))}
          value={state.archived}
          onChange={(v) => update({ archived: (v as SystemListState['archived'] | null) ?? 'exclude' })}
          allowDeselect={false}
          data-testid="filter-archived"
        />
        <Group align="flex-end">
          <Button variant="subtle" onClick={clear} disabled={!active} data-testid="clear-filters">
            {t('common.clearFilters')}
          </Button>
        </Group>
      </SimpleGrid>
    </Paper>
  );
}
