import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Box, Group, Stack, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FrameworkSummary, Requirement } from '@contracts/frameworks/schema.js';
import type { CrosswalkDetail } from '../../api/frameworks';
import { BilingualText } from './BilingualText';
import { CrosswalkLinks, linksOf } from './CrosswalkLinks';
import { componentColor } from './labels';

export interface TreeContext {
  org: string;
  frameworkId: string;
  /** children of each requirement id, in catalogue order */
  children: ReadonlyMap<string, Requirement[]>;
  expanded: ReadonlySet<string>;
  toggle: (id: string) => void;
  both: boolean;
  crosswalks: readonly CrosswalkDetail[];
  crosswalksLoading: boolean;
  frameworks: readonly FrameworkSummary[];
}

interface Props {
  requirement: Requirement;
  ctx: TreeContext;
  depth?: number;
  /** flat (search) mode: the ids above this requirement, outermost first */
  ancestors?: string[];
}

export function RequirementNode({ requirement: r, ctx, depth = 0, ancestors }: Props) {
  const { t } = useTranslation();
  const [details, setDetails] = useState(false);
  const flat = ancestors !== undefined;
  const kids = flat ? [] : (ctx.children.get(r.id) ?? []);
  const open = ctx.expanded.has(r.id);
  const links = details ? linksOf(ctx.frameworkId, r.id, ctx.crosswalks) : [];

  return (
    <Box
      component="li"
      style={{ listStyle: 'none' }}
      data-testid="requirement-node"
      data-requirement-id={r.id}
      data-depth={depth}
      data-expanded={kids.length > 0 ? open : undefined}
    >
      <Box py={6} pl={4} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          {kids.length > 0 ? (
            <ActionIcon
              variant="subtle"
              size="sm"
              mt={2}
              onClick={() => ctx.toggle(r.id)}
              aria-expanded={open}
              aria-label={t('frameworks.toggleNode', { id: r.id })}
              data-testid="requirement-toggle"
            >
              <IconChevronRight size={16} style={{ transform: open ? 'rotate(90deg)' : undefined, transition: 'transform 120ms' }} />
            </ActionIcon>
          ) : (
            <Box w={22} style={{ flexShrink: 0 }} />
          )}
          <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
            {flat && (
              <Text size="xs" c="dimmed" data-testid="requirement-ancestors">
                {t('frameworks.within')}
                {t('frameworks.colon')}
                {ancestors.length > 0 ? ancestors.join(' › ') : t('frameworks.topLevel')}
              </Text>
            )}
            <Group gap="xs" wrap="wrap" align="baseline">
              <Text ff="monospace" fw={700} size="sm" data-testid="requirement-id">
                {r.id}
              </Text>
              <BilingualText value={r.title} both={ctx.both} fw={500} size="sm" testId="requirement-title" />
            </Group>
            {r.paraphrase && <BilingualText value={r.paraphrase} both={ctx.both} size="sm" c="dimmed" testId="requirement-paraphrase" />}
            <Group gap={6} wrap="wrap" mt={2}>
              <Badge size="xs" variant="outline" color="gray">
                {t(`frameworks.kinds.${r.kind}`)}
              </Badge>
              {r.assessable && (
                <Badge size="xs" variant="light" color="green">
                  {t('frameworks.assessableBadge')}
                </Badge>
              )}
              {r.components.map((c) => (
                <Badge key={c} size="xs" variant="light" color={componentColor[c]} data-component={c}>
                  {t(`frameworks.components.${c}`)}
                </Badge>
              ))}
              <Anchor
                component="button"
                type="button"
                size="xs"
                onClick={() => setDetails((d) => !d)}
                data-testid="requirement-details-toggle"
              >
                {details ? t('frameworks.hideDetails') : t('frameworks.details')}
              </Anchor>
            </Group>
            {details && (
              <Stack
                gap={6}
                mt={4}
                p="xs"
                bg="var(--mantine-color-default-hover)"
                style={{ borderRadius: 6 }}
                data-testid="requirement-details"
              >
                {r.guidance && (
                  <div>
                    <Text size="xs" fw={600} c="dimmed">
                      {t('frameworks.guidance')}
                    </Text>
                    <Text size="sm">{r.guidance}</Text>
                  </div>
                )}
                <Group gap="lg">
                  <Text size="xs">
                    <Text span fw={600} c="dimmed">
                      {t('frameworks.reference')}
                      {t('frameworks.colon')}
                    </Text>
                    {r.reference}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('frameworks.weight', { weight: r.weight })}
                  </Text>
                </Group>
                <div>
                  <Text size="xs" fw={600} c="dimmed" mb={4}>
                    {t('frameworks.crosswalkLinks')}
                  </Text>
                  <CrosswalkLinks org={ctx.org} links={links} frameworks={ctx.frameworks} loading={ctx.crosswalksLoading} />
                </div>
              </Stack>
            )}
          </Stack>
        </Group>
      </Box>
      {kids.length > 0 && open && (
        <Box component="ul" m={0} p={0} pl={24}>
          {kids.map((k) => (
            <RequirementNode key={k.id} requirement={k} ctx={ctx} depth={depth + 1} />
          ))}
        </Box>
      )}
    </Box>
  );
}
