import { Badge, List, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ActionView } from '@contracts/remediation/schema.js';
import { priorityColor } from './colors';

type Props = Pick<ActionView, 'priority' | 'priorityLevel' | 'computedPriority' | 'priorityOverride' | 'priorityBasis'> & {
  testId?: string;
};

/** "High (9)" as a badge; a click shows how the priority was reached (weight × system risk, and which systems). */
export function PriorityBadge({ priority, priorityLevel, computedPriority, priorityOverride, priorityBasis, testId }: Props) {
  const { t } = useTranslation();
  const level = t(`compliance.priorityLevel.${priorityLevel}`);
  return (
    <Popover width={340} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <UnstyledButton aria-label={`${t('compliance.remediation.priorityBasis')}: ${level} ${priority}`} data-testid={testId}>
          <Badge miw="fit-content" color={priorityColor[priorityLevel]} variant={priorityOverride === null ? 'light' : 'filled'}>
            {t('compliance.remediation.priorityValue', { level, n: priority })}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid={testId ? `${testId}-basis` : undefined}>
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('compliance.remediation.priorityBasis')}
          </Text>
          <Text size="sm">
            {t('compliance.remediation.basisFormula', {
              weight: priorityBasis.weight,
              risk: priorityBasis.systemRisk,
              computed: computedPriority,
            })}
          </Text>
          {priorityOverride !== null && (
            <Text size="sm" c="orange">
              {t('compliance.remediation.overridden', { n: priorityOverride, computed: computedPriority })}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t(`compliance.remediation.scope.${priorityBasis.scope}`)}
          </Text>
          {priorityBasis.systems.length > 0 && (
            <ScrollArea.Autosize mah={220} type="auto">
              <List size="xs" spacing={2}>
                {priorityBasis.systems.map((s) => (
                  <List.Item key={s.id}>
                    <Text size="xs" fw={500}>
                      {t('compliance.remediation.systemRisk', { name: s.name, risk: s.risk })}
                    </Text>
                    {s.reasons.length > 0 && (
                      <Text size="xs" c="dimmed">
                        {s.reasons.join('; ')}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </ScrollArea.Autosize>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
