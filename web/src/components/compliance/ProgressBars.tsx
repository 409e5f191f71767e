import { Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProgressFigures } from '@contracts/assessments/schema.js';
import { percent } from './colors';

/** Completion (share assessed) and compliance (met + ½ partly met over applicable) as two labelled bars. */
export function ProgressBars({ figures, testId }: { figures: ProgressFigures; testId?: string }) {
  const { t } = useTranslation();
  const completion = percent(figures.completion);
  const compliance = figures.compliance === null ? null : percent(figures.compliance);
  return (
    <Stack gap={4} miw={160} data-testid={testId}>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {t('compliance.progress.completion')}
        </Text>
        <Text size="xs" fw={500} data-testid={testId ? `${testId}-completion` : undefined}>
          {completion}%
        </Text>
      </Group>
      <Progress value={completion} size="sm" color="blue" aria-label={`${t('compliance.progress.completion')} ${completion}%`} />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {t('compliance.progress.compliance')}
        </Text>
        <Text size="xs" fw={500} data-testid={testId ? `${testId}-compliance` : undefined}>
          {compliance === null ? t('compliance.progress.noneApplicable') : `${compliance}%`}
        </Text>
      </Group>
      <Progress
        value={compliance ?? 0}
        size="sm"
        color="teal"
        aria-label={`${t('compliance.progress.compliance')} ${compliance === null ? t('compliance.progress.noneApplicable') : `${compliance}%`}`}
      />
    </Stack>
  );
}
