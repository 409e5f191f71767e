import { useState } from 'react';
import { Anchor, Badge, Center, Checkbox, Group, Loader, Paper, SimpleGrid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { euTiers, type EuTier } from '@contracts/classification/schema.js';
import { TierBadge } from '../../components/classification/TierBadge';
import { PageHeader } from '../../components/common/PageHeader';
import { QueryError } from '../../components/common/QueryError';
import { useClassificationOverview } from '../../hooks/useClassification';
import { useOrg } from '../../hooks/useOrg';
import { formatCalendarDate, formatDate } from '../../lib/dates';

function Count({ label, value, testId, color }: { label: string; value: number; testId: string; color?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={value > 0 ? color : undefined} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** o/:org/classifications — every system's tier, basis, PCPD risk level and review date, with the overdue reviews. */
export function ClassificationsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const org = useOrg();
  const overview = useClassificationOverview(org.slug);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const data = overview.data;
  const items = data ? data.items.filter((i) => !overdueOnly || i.reviewOverdue) : [];

  return (
    <>
      <PageHeader title={t('classification.overview.title')} intro={t('classification.overview.intro')} />
      {overview.isError && <QueryError error={overview.error} onRetry={() => void overview.refetch()} />}
      {overview.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} spacing="sm" mb="lg" data-testid="classification-counts">
            <Count label={t('classification.overview.total')} value={data.items.length} testId="classification-count-total" />
            {euTiers.map((tier) => (
              <Count
                key={tier}
                label={t(`classification.tier.${tier}`)}
                value={data.counts[tier] ?? 0}
                testId={`classification-count-${tier}`}
              />
            ))}
            <Count label={t('classification.tier.unclassified')} value={data.unclassified} testId="classification-count-unclassified" />
            <Count label={t('classification.overview.overdue')} value={data.overdue} testId="classification-count-overdue" color="red" />
          </SimpleGrid>
          <Group mb="sm">
            <Checkbox
              label={t('classification.overview.overdueOnly')}
              checked={overdueOnly}
              onChange={(e) => setOverdueOnly(e.currentTarget.checked)}
              data-testid="classification-overdue-only"
            />
          </Group>
          <Paper withBorder radius="md" p="xs">
            {items.length === 0 ? (
              <Text c="dimmed" ta="center" py="xl" data-testid="classifications-empty">
                {overdueOnly ? t('classification.overview.noneOverdue') : t('classification.overview.empty')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={900}>
                <Table verticalSpacing="sm" highlightOnHover data-testid="classifications-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('classification.overview.system')}</Table.Th>
                      <Table.Th>{t('classification.overview.tier')}</Table.Th>
                      <Table.Th>{t('classification.overview.basis')}</Table.Th>
                      <Table.Th>{t('classification.overview.pcpd')}</Table.Th>
                      <Table.Th>{t('classification.overview.classified')}</Table.Th>
                      <Table.Th>{t('classification.overview.nextReview')}</Table.Th>
                      <Table.Th>{t('classification.overview.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((s) => (
                      <Table.Tr key={s.systemId} data-testid={`classification-row-${s.systemId}`}>
                        <Table.Td>
                          <Anchor component={Link} to={`/o/${org.slug}/systems/${s.systemId}`} fw={500}>
                            {s.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <TierBadge tier={s.tier} />
                          {s.tier === 'out_of_scope' && s.indicativeTier && (
                            <Text size="xs" c="dimmed" mt={2}>
                              {t('classification.card.indicative', {
                                tier: t(`classification.tier.${s.indicativeTier as Exclude<EuTier, 'out_of_scope'>}`),
                              })}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{s.basis.join(', ') || t('common.none')}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {s.pcpdRiskLevel
                              ? t(`classification.pcpdRisk.${s.pcpdRiskLevel as 'low' | 'medium' | 'high'}`)
                              : t('common.none')}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{s.classifiedAt ? formatDate(s.classifiedAt, lang) : t('common.none')}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Text size="sm">{s.nextReviewDate ? formatCalendarDate(s.nextReviewDate, lang) : t('common.none')}</Text>
                            {s.reviewOverdue && (
                              <Badge color="red" variant="light" size="sm" data-testid={`classification-overdue-${s.systemId}`}>
                                {t('classification.overview.overdueBadge')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/o/${org.slug}/systems/${s.systemId}/classify`} size="sm">
                            {s.tier ? t('classification.overview.review') : t('classification.overview.classify')}
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        </>
      )}
    </>
  );
}
