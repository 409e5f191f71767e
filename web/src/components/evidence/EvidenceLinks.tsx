import { ActionIcon, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { EvidenceLinkView } from '@contracts/evidence/schema.js';
import { useUnlinkEvidence } from '../../hooks/useEvidence';
import { QueryError } from '../common/QueryError';

/** Where a link's target lives in the app, when it has a page of its own. */
function targetHref(org: string, link: EvidenceLinkView): string | null {
  switch (link.targetType) {
    case 'system':
      return `/o/${org}/systems/${link.targetKey}`;
    case 'requirement': {
      const at = link.targetKey.indexOf(':');
      return at > 0 ? `/o/${org}/frameworks/${encodeURIComponent(link.targetKey.slice(0, at))}` : null;
    }
    case 'control':
      return `/o/${org}/controls`;
    case 'assessment_item':
      return null;
  }
}

export function EvidenceLinks({
  org,
  evidenceId,
  links,
  canEdit,
}: {
  org: string;
  evidenceId: string;
  links: EvidenceLinkView[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const unlink = useUnlinkEvidence(org);
  if (links.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('evidenceSoa.evidence.noLinks')}
      </Text>
    );
  return (
    <Stack gap={6} data-testid="evidence-links">
      {unlink.error ? <QueryError error={unlink.error} /> : null}
      {links.map((l) => {
        const href = targetHref(org, l);
        return (
          <Group key={`${l.targetType}:${l.targetKey}`} gap="xs" wrap="nowrap" data-testid="evidence-link">
            <Badge variant="light" color="gray" tt="none" miw={110}>
              {t(`evidenceSoa.evidence.targetTypes.${l.targetType}`)}
            </Badge>
            {href ? (
              <Anchor component={Link} to={href} size="sm">
                {l.label}
              </Anchor>
            ) : (
              <Text size="sm">{l.label}</Text>
            )}
            {canEdit && (
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                aria-label={t('evidenceSoa.evidence.removeLink', { label: l.label })}
                loading={unlink.isPending && unlink.variables?.link.targetKey === l.targetKey}
                onClick={() =>
                  unlink.mutate(
                    { id: evidenceId, link: { targetType: l.targetType, targetKey: l.targetKey } },
                    { onSuccess: () => notifications.show({ color: 'teal', message: t('evidenceSoa.evidence.linkRemoved') }) },
                  )
                }
                data-testid="remove-link"
              >
                <IconX size={14} />
              </ActionIcon>
            )}
          </Group>
        );
      })}
    </Stack>
  );
}
