import { useEffect, type ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';

interface Props {
  title: ReactNode;
  intro?: ReactNode;
  actions?: ReactNode;
  badge?: ReactNode;
}

export function PageHeader({ title, intro, actions, badge }: Props) {
  useEffect(() => {
    if (typeof title === 'string') document.title = `${title} · OpenAIMS`;
  }, [title]);
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="md">
      <Stack gap={4} maw={760}>
        <Group gap="sm">
          <Title order={2} data-testid="page-title">
            {title}
          </Title>
          {badge}
        </Group>
        {intro && (
          <Text c="dimmed" size="sm">
            {intro}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
