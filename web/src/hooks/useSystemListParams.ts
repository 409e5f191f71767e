import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { dataCategories, lifecycleStages, systemSortKeys, systemTypes } from '@contracts/systems/schema.js';
import type { SystemListParams } from '../api/systems';

export const SYSTEMS_PAGE_SIZE = 50;

export interface SystemListState {
  q: string;
  type: string[];
  stage: string[];
  owner: string | null;
  vendor: string | null;
  dataCategory: string | null;
  archived: 'exclude' | 'include' | 'only';
  sort: (typeof systemSortKeys)[number];
  order: 'asc' | 'desc';
  page: number;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback;

/** The register's filters, sort and page live in the URL, so links and the back button keep them. */
export function useSystemListParams(): {
  state: SystemListState;
  query: SystemListParams;
  update: (patch: Partial<SystemListState>) => void;
  clear: () => void;
} {
  const [search, setSearch] = useSearchParams();

  const state = useMemo<SystemListState>(() => {
    const page = Number.parseInt(search.get('page') ?? '1', 10);
    return {
      q: search.get('q') ?? '',
      type: search.getAll('type').filter((v) => (systemTypes as readonly string[]).includes(v)),
      stage: search.getAll('stage').filter((v) => (lifecycleStages as readonly string[]).includes(v)),
      owner: search.get('owner'),
      vendor: search.get('vendor'),
      dataCategory: oneOf([...dataCategories, ''], search.get('dataCategory'), '') || null,
      archived: oneOf(['exclude', 'include', 'only'] as const, search.get('archived'), 'exclude'),
      sort: oneOf(systemSortKeys, search.get('sort'), 'name'),
      order: oneOf(['asc', 'desc'] as const, search.get('order'), 'asc'),
      page: Number.isFinite(page) && page > 0 ? page : 1,
    };
  }, [search]);

  const query = useMemo<SystemListParams>(
    () => ({
      q: state.q || undefined,
      type: state.type.length ? state.type : undefined,
      stage: state.stage.length ? state.stage : undefined,
      owner: state.owner ?? undefined,
      vendor: state.vendor ?? undefined,
      dataCategory: state.dataCategory ?? undefined,
      archived: state.archived,
      sort: state.sort,
      order: state.order,
      limit: SYSTEMS_PAGE_SIZE,
      offset: (state.page - 1) * SYSTEMS_PAGE_SIZE,
    }),
    [state],
  );

  const update = useCallback(
    (patch: Partial<SystemListState>) => {
      setSearch(
        (previous) => {
          const next: SystemListState = { ...readBack(previous), ...patch };
          // Any change other than paging starts again at page 1.
          if (!('page' in patch)) next.page = 1;
          return write(next);
        },
        { replace: true },
      );
    },
    [setSearch],
  );

  const clear = useCallback(() => setSearch(new URLSearchParams(), { replace: true }), [setSearch]);

  return { state, query, update, clear };
}

function readBack(search: URLSearchParams): SystemListState {
  return {
    q: search.get('q') ?? '',
    type: search.getAll('type'),
    stage: search.getAll('stage'),
    owner: search.get('owner'),
    vendor: search.get('vendor'),
    dataCategory: search.get('dataCategory'),
    archived: (search.get('archived') as SystemListState['archived'] | null) ?? 'exclude',
    sort: (search.get('sort') as SystemListState['sort'] | null) ?? 'name',
    order: (search.get('order') as SystemListState['order'] | null) ?? 'asc',
    page: Number.parseInt(search.get('page') ?? '1', 10) || 1,
  };
}

function write(state: SystemListState): URLSearchParams {
  const out = new URLSearchParams();
  if (state.q) out.set('q', state.q);
  for (const v of state.type) out.append('type', v);
  for (const v of state.stage) out.append('stage', v);
  if (state.owner) out.set('owner', state.owner);
  if (state.vendor) out.set('vendor', state.vendor);
  if (state.dataCategory) out.set('dataCategory', state.dataCategory);
  if (state.archived !== 'exclude') out.set('archived', state.archived);
  if (state.sort !== 'name') out.set('sort', state.sort);
  if (state.order !== 'asc') out.set('order', state.order);
  if (state.page > 1) out.set('page', String(state.page));
  return out;
}
