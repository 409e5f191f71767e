import { useCallback, useMemo, useState } from 'react';
import { Anchor, Badge, Box, Button, Center, Checkbox, Group, Loader, Paper, Select, Switch, Text } from '@mantine/core';
import { IconArrowLeft, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { aimsComponents, type AimsComponent, type Requirement } from '@contracts/frameworks/schema.js';
import { ApiError } from '../../api/client';
import type { RequirementQuery } from '../../api/frameworks';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { SearchInput } from '../../components/common/SearchInput';
import { CoveragePanel } from '../../components/compliance/CoveragePanel';
import { RequirementNode, type TreeContext } from '../../components/frameworks/RequirementNode';
import { isPackKind, pick } from '../../components/frameworks/labels';
import { useOrg } from '../../hooks/useOrg';
import { useCrosswalksOf, useFramework, useFrameworkList } from '../../hooks/useFrameworks';

const isComponent = (value: string | null): value is AimsComponent => (aimsComponents as readonly string[]).includes(value ?? '');

/** Children of each requirement and the top-level requirements, in catalogue order. */
function buildTree(requirements: readonly Requirement[]) {
  const ids = new Set(requirements.map((r) => r.id));
  const children = new Map<string, Requirement[]>();
  const roots: Requirement[] = [];
  for (const r of requirements) {
    if (r.parent && ids.has(r.parent)) {
      const list = children.get(r.parent) ?? [];
      list.push(r);
      children.set(r.parent, list);
    } else {
      roots.push(r);
    }
  }
  return { children, roots };
}

/** One framework's requirements; a new framework starts with fresh tree state. */
export function FrameworkDetailPage() {
  const { framework = '' } = useParams();
  return <FrameworkDetail key={framework} frameworkId={framework} />;
}

function FrameworkDetail({ frameworkId }: { frameworkId: string }) {
  const { t, i18n } = useTranslation();
  const org = useOrg();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const componentParam = params.get('component');
  const component = isComponent(componentParam) ? componentParam : undefined;
  const assessableOnly = params.get('assessable') === 'true';
  const filtering = q !== '' || component !== undefined || assessableOnly;

  const query: RequirementQuery = {
    ...(q ? { q } : {}),
    ...(component ? { component } : {}),
    ...(assessableOnly ? { assessable: 'true' as const } : {}),
  };
  const full = useFramework(frameworkId);
  const filtered = useFramework(frameworkId, query);
  const frameworks = useFrameworkList();
  const crosswalks = useCrosswalksOf(frameworkId);
  const [both, setBoth] = useState(false);

  const tree = useMemo(() => buildTree(full.data?.requirements ?? []), [full.data]);
  const byId = useMemo(() => new Map((full.data?.requirements ?? []).map((r) => [r.id, r])), [full.data]);
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  // Until the reader opens or closes something, the top level is open.
  const openSet = useMemo(() => expanded ?? new Set(tree.roots.map((r) => r.id)), [expanded, tree]);
  const toggle = useCallback(
    (id: string) =>
      setExpanded(() => {
        const next = new Set(openSet);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [openSet],
  );

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const ancestorsOf = (r: Requirement): string[] => {
    const chain: string[] = [];
    const seen = new Set<string>();
    let parent = r.parent;
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      chain.unshift(parent);
      parent = byId.get(parent)?.parent ?? null;
    }
    return chain;
  };

  const ctx: TreeContext = {
    org: org.slug,
    frameworkId,
    children: tree.children,
    expanded: openSet,
    toggle,
    both,
    crosswalks: crosswalks.crosswalks,
    crosswalksLoading: crosswalks.isPending,
    frameworks: frameworks.data?.items ?? [],
  };

  const fw = full.data;
  if (full.isError) {
    const missing = full.error instanceof ApiError && full.error.status === 404;
    return (
      <>
        <Anchor component={Link} to={`/o/${org.slug}/frameworks`} size="sm">
          <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('frameworks.backToList')}
        </Anchor>
        <Box mt="md">
          {missing ? (
            <Text data-testid="framework-not-found">{t('frameworks.notFound')}</Text>
          ) : (
            <QueryError error={full.error} onRetry={() => void full.refetch()} />
          )}
        </Box>
      </>
    );
  }
  if (!fw) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }

  const matches = filtered.data?.requirements ?? [];
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const colon = t('frameworks.colon');

  return (
    <>
      <Anchor component={Link} to={`/o/${org.slug}/frameworks`} size="sm" mb="xs" display="inline-block">
        <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('frameworks.backToList')}
      </Anchor>
      <PageHeader
        title={pick(fw.title, i18n.language)}
        badge={<Badge variant="light">{isPackKind(fw.kind) ? t(`frameworks.packKinds.${fw.kind}`) : fw.kind}</Badge>}
        intro={
          <>
            {t('frameworks.publisher')}
            {colon}
            {fw.publisher} · {t('frameworks.version')}
            {colon}
            {fw.version} · {t('frameworks.requirements')}
            {colon}
            {number(fw.requirementCount)} · {t('frameworks.assessable')}
            {colon}
            {number(fw.assessableCount)} ·{' '}
            {/^https?:/.test(fw.source.url) ? (
              <Anchor href={fw.source.url} target="_blank" rel="noopener noreferrer" size="sm">
                {fw.source.title} <IconExternalLink size={12} style={{ verticalAlign: 'middle' }} />
              </Anchor>
            ) : (
              // an imported framework names its file, not a web page
              fw.source.title
            )}
          </>
        }
      />
      <Paper withBorder radius="md" p="sm" mb="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <Box style={{ flex: '1 1 320px' }}>
            <SearchInput
              value={q}
              onChange={(value) => update({ q: value || null })}
              label={t('frameworks.searchLabel')}
              placeholder={t('frameworks.searchPlaceholder')}
              testId="requirement-search"
            />
          </Box>
          <Select
            label={t('frameworks.componentFilter')}
            placeholder={t('frameworks.anyComponent')}
            data={aimsComponents.map((c) => ({ value: c, label: t(`frameworks.components.${c}`) }))}
            value={component ?? null}
            onChange={(value) => update({ component: value })}
            clearable
            w={240}
            data-testid="requirement-component-filter"
          />
          <Checkbox
            label={t('frameworks.assessableOnly')}
            checked={assessableOnly}
            onChange={(e) => update({ assessable: e.currentTarget.checked ? 'true' : null })}
            mb={8}
            data-testid="requirement-assessable-filter"
          />
          <Switch
            label={t('frameworks.bothLanguages')}
            checked={both}
            onChange={(e) => setBoth(e.currentTarget.checked)}
            mb={8}
            data-testid="requirement-both-languages"
          />
        </Group>
        {filtering && (
          <Group mt="xs" gap="xs">
            <Button variant="subtle" size="xs" onClick={() => update({ q: null, component: null, assessable: null })}>
              {t('common.clearFilters')}
            </Button>
          </Group>
        )}
      </Paper>

      {filtered.isError && filtering && <QueryError error={filtered.error} onRetry={() => void filtered.refetch()} />}

      {filtering ? (
        <Paper withBorder radius="md" p="xs" aria-busy={filtered.isFetching}>
          <Group justify="space-between" px="xs" pb="xs">
            <Text size="sm" fw={500} data-testid="requirement-match-count" data-count={matches.length}>
              {t('frameworks.matches', { count: matches.length })}
            </Text>
            {filtered.isFetching && <Loader size="xs" />}
          </Group>
          {matches.length === 0 && !filtered.isFetching ? (
            <Text c="dimmed" ta="center" py="xl" data-testid="requirement-no-matches">
              {t('frameworks.noMatches')}
            </Text>
          ) : (
            <Box component="ul" m={0} p={0} data-testid="requirement-results">
              {matches.map((r) => (
                <RequirementNode key={r.id} requirement={r} ctx={ctx} ancestors={ancestorsOf(r)} />
              ))}
            </Box>
          )}
        </Paper>
      ) : (
        <Paper withBorder radius="md" p="xs">
          <Group justify="flex-end" gap="xs" pb="xs">
            <Button
              variant="subtle"
              size="xs"
              onClick={() => setExpanded(new Set(tree.children.keys()))}
              data-testid="requirement-expand-all"
            >
              {t('frameworks.expandAll')}
            </Button>
            <Button variant="subtle" size="xs" onClick={() => setExpanded(new Set())} data-testid="requirement-collapse-all">
              {t('frameworks.collapseAll')}
            </Button>
          </Group>
          <Box component="ul" m={0} p={0} data-testid="requirement-tree">
            {tree.roots.map((r) => (
              <RequirementNode key={r.id} requirement={r} ctx={ctx} />
            ))}
          </Box>
        </Paper>
      )}
      {/* crosswalks link built-in frameworks only: an organisation's own framework has no coverage to show */}
      {!frameworks.data?.items.some((f) => f.id === frameworkId && f.custom) && (
        <CoveragePanel
          frameworkId={frameworkId}
          frameworks={(frameworks.data?.items ?? []).filter((f) => !f.custom)}
          requirements={fw.requirements}
        />
      )}
    </>
  );
}
