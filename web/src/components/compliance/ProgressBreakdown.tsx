import { SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProgressView } from '@contracts/assessments/schema.js';
import { pick } from '../frameworks/labels';
import { ProgressBars } from './ProgressBars';

/** Progress of one framework by clause (top-level requirement) and by AIMS component. */
export function ProgressBreakdown({ progress, testId }: { progress: ProgressView; testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" data-testid={testId}>
      <Stack gap="xs">
        <Title order={5}>{t('compliance.progress.byClause')}</Title>
        <Table striped withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            {progress.byClause.map((c) => (
              <Table.Tr key={c.id} data-testid={`progress-clause-${c.id}`}>
                <Table.Td>
                  <Text size="sm">
                    <Text span ff="monospace" size="sm" fw={600}>
                      {c.id}
                    </Text>{' '}
                    {pick(c.title, i18n.language)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('compliance.progress.assessed', { assessed: c.total - c.counts.not_assessed, total: c.total })}
                  </Text>
                </Table.Td>
                <Table.Td w={200}>
                  <ProgressBars figures={c} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      <Stack gap="xs">
        <Title order={5}>{t('compliance.progress.byComponent')}</Title>
        <Table striped withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            {progress.byComponent.map((c) => (
              <Table.Tr key={c.component} data-testid={`progress-component-${c.component}`}>
                <Table.Td>
                  <Text size="sm">{t(`frameworks.components.${c.component}`)}</Text>
                  <Text size="xs" c="dimmed">
                    {t('compliance.progress.assessed', { assessed: c.total - c.counts.not_assessed, total: c.total })}
                  </Text>
                </Table.Td>
                <Table.Td w={200}>
                  <ProgressBars figures={c} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </SimpleGrid>
  );
}
