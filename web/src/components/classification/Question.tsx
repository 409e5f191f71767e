import type { ReactNode } from 'react';
import { Stack, Title } from '@mantine/core';

/** One question of the wizard: its wording as a heading, the answers below. */
export function Question({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm">
      <Title order={4} fw={600} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
