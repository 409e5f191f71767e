import { Anchor, Badge, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FrameworkSummary } from '@contracts/frameworks/schema.js';
import type { CrosswalkDetail, CrosswalkLink, CrosswalkRelation } from '../../api/frameworks';
import { pick, relationColor, reverseRelation } from './labels';

export interface RequirementLink {
  crosswalkId: string;
  otherFramework: string;
  otherRequirement: string;
  /** read from this requirement to the linked one */
  relation: CrosswalkRelation;
  link: CrosswalkLink;
}

/** Every link of one requirement across the crosswalks that touch its framework. */
export function linksOf(frameworkId: string, requirementId: string, crosswalks: readonly CrosswalkDetail[]): RequirementLink[] {
  const out: RequirementLink[] = [];
  for (const cw of crosswalks) {
    for (const link of cw.links) {
      if (cw.from === frameworkId && link.from === requirementId) {
        out.push({ crosswalkId: cw.id, otherFramework: cw.to, otherRequirement: link.to, relation: link.relation, link });
      } else if (cw.to === frameworkId && link.to === requirementId) {
        out.push({
          crosswalkId: cw.id,
          otherFramework: cw.from,
          otherRequirement: link.from,
          relation: reverseRelation(link.relation),
          link,
        });
      }
    }
  }
  return out;
}

interface Props {
  org: string;
  links: RequirementLink[];
  frameworks: readonly FrameworkSummary[];
  loading: boolean;
}

export function CrosswalkLinks({ org, links, frameworks, loading }: Props) {
  const { t, i18n } = useTranslation();
  const titleOf = (id: string) => {
    const fw = frameworks.find((f) => f.id === id);
    return fw ? pick(fw.title, i18n.language) : id;
  };
  if (loading) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          {t('frameworks.linksLoading')}
        </Text>
      </Group>
    );
  }
  if (links.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="crosswalk-links-empty">
        {t('frameworks.noLinks')}
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="crosswalk-links">
      {links.map((l) => (
        <Group key={`${l.crosswalkId}:${l.link.from}:${l.link.to}`} gap="xs" wrap="wrap" data-testid="crosswalk-link">
          <Tooltip label={t(`frameworks.relationHelp.${l.relation}`)} withArrow>
            <Badge variant="light" color={relationColor[l.relation]} leftSection={<IconArrowRight size={12} />}>
              {t(`frameworks.relations.${l.relation}`)}
            </Badge>
          </Tooltip>
          <Anchor
            component={Link}
            to={`/o/${org}/frameworks/${encodeURIComponent(l.otherFramework)}?q=${encodeURIComponent(l.otherRequirement)}`}
            size="sm"
            ff="monospace"
            fw={600}
          >
            {l.otherRequirement}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('frameworks.linkedIn', { framework: titleOf(l.otherFramework) })}
          </Text>
          <Tooltip label={t('frameworks.sourceOf', { source: l.link.source })} multiline maw={420} withArrow>
            <Badge
              size="sm"
              variant={l.link.provenance === 'published' ? 'filled' : 'outline'}
              color={l.link.provenance === 'published' ? 'green' : 'gray'}
              data-provenance={l.link.provenance}
            >
              {t(`frameworks.provenance.${l.link.provenance}`)}
            </Badge>
          </Tooltip>
          <Anchor component={Link} to={`/o/${org}/crosswalks/${encodeURIComponent(l.crosswalkId)}`} size="xs">
            {t('frameworks.openCrosswalk')}
          </Anchor>
          {l.link.note && (
            <Text size="xs" c="dimmed" w="100%" pl="md">
              {pick(l.link.note, i18n.language)}
            </Text>
          )}
        </Group>
      ))}
    </Stack>
  );
}
