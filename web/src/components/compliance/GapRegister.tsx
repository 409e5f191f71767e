import { Anchor, Badge, Center, Group, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useGaps } from '../../hooks/useRemediation';
import { formatCalendarDate } from '../../lib/dates';
import { QueryError } from '../common/QueryError';
import { pick } from '../frameworks/labels';
import { actionStatusColor, itemStatusColor, priorityColor } from './colors';

/** Requirements assessed as a gap or partly met, across every assessment, by priority. */
export function GapRegister({ org }: { org: string }) {
  const { t, i18n } = useTranslation();
  const gaps = useGaps(org);
  if (gaps.isError) return <QueryError error={gaps.error} onRetry={() => void gaps.refetch()} />;
  if (!gaps.data) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (gaps.data.items.length === 0) {
    return (
      <Text c="dimmed" ta="center" py="xl" data-testid="gaps-empty">
        {t('compliance.remediation.gapsEmpty')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" data-testid="gaps-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('compliance.remediation.priority')}</Table.Th>
            <Table.Th>{t('compliance.remediation.source')}</Table.Th>
            <Table.Th>{t('compliance.common.status')}</Table.Th>
            <Table.Th>{t('compliance.remediation.assessment')}</Table.Th>
            <Table.Th>{t('compliance.common.owner')}</Table.Th>
            <Table.Th>{t('compliance.common.dueDate')}</Table.Th>
            <Table.Th>{t('compliance.remediation.linkedActions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {gaps.data.items.map((g) => (
            <Table.Tr key={g.itemId} data-testid={`gap-${g.requirementId}`}>
              <Table.Td>
                <Badge miw="fit-content" color={priorityColor[g.priorityLevel]} variant="light">
                  {t('compliance.remediation.priorityValue', { level: t(`compliance.priorityLevel.${g.priorityLevel}`), n: g.priority })}
                </Badge>
              </Table.Td>
              <Table.Td maw={340}>
                <Text size="sm">
                  <Text span ff="monospace" fw={600} size="sm">
                    {g.requirementId}
                  </Text>{' '}
                  {pick(g.title, i18n.language)}
                </Text>
                {g.gapDescription && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {g.gapDescription}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge miw="fit-content" color={itemStatusColor[g.status]} variant="light">
                  {t(`compliance.itemStatus.${g.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/o/${org}/assessments/${g.assessment.id}`} size="sm">
                  {g.assessment.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {g.assessment.system ?? t('compliance.common.organisation')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{g.owner?.displayName ?? t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{g.dueDate ? formatCalendarDate(g.dueDate, i18n.language) : t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                {g.actions.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('compliance.remediation.noActions')}
                  </Text>
                ) : (
                  <Group gap={4}>
                    {g.actions.map((a) => (
                      <Badge miw="fit-content" key={a.id} size="sm" variant="dot" color={actionStatusColor[a.status]} tt="none">
                        {a.title} · {t(`compliance.actionStatus.${a.status}`)}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
