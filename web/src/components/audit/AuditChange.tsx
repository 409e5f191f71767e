import { Badge, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function Block({ title, value, testId }: { title: string; value: unknown; testId: string }) {
  const { t } = useTranslation();
  const empty = value === null || value === undefined;
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600} tt="uppercase" c="dimmed">
        {title}
      </Text>
      <Code block className="json-block" data-testid={testId}>
        {empty ? t('audit.nothing') : JSON.stringify(value, null, 2)}
      </Code>
    </Stack>
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Top-level keys whose values differ between the two snapshots. */
export function changedKeys(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** Before and after of an audit entry, side by side, with the changed fields named above them. */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const changed = changedKeys(before, after);
  return (
    <Stack gap="xs" py="xs">
      {changed.length > 0 && (
        <Group gap={4} data-testid="audit-changed-keys">
          <Text size="xs" c="dimmed" mr={4}>
            {t('audit.changedFields')}
          </Text>
          {changed.map((k) => (
            <Badge key={k} size="sm" variant="outline" tt="none">
              {k}
            </Badge>
          ))}
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Block title={t('audit.before')} value={before} testId="audit-before" />
        <Block title={t('audit.after')} value={after} testId="audit-after" />
      </SimpleGrid>
    </Stack>
  );
}
