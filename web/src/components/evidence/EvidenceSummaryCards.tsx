import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EvidenceExpirySummary } from '@contracts/evidence/schema.js';

/** Live evidence counted by expiry state; a card can filter the list by its state. */
export function EvidenceSummaryCards({
  summary,
  onFilter,
}: {
  summary: EvidenceExpirySummary;
  onFilter: (expiry: 'expired' | 'expiring' | 'valid' | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language);
  const cards = [
    { key: 'total', label: t('evidenceSoa.evidence.summary.total'), value: summary.total, color: undefined, filter: undefined },
    { key: 'expired', label: t('evidenceSoa.evidence.summary.expired'), value: summary.expired, color: 'red', filter: 'expired' as const },
    {
      key: 'expiringSoon',
      label: t('evidenceSoa.evidence.summary.expiringSoon', { days: summary.withinDays }),
      value: summary.expiringSoon,
      color: 'orange',
      filter: 'expiring' as const,
    },
    {
      key: 'valid',
      label: t('evidenceSoa.evidence.summary.valid'),
      value: summary.valid + summary.noExpiry,
      color: 'teal',
      filter: 'valid' as const,
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md" data-testid="evidence-summary">
      {cards.map((c) => (
        <Paper
          key={c.key}
          withBorder
          p="sm"
          radius="md"
          component="button"
          type="button"
          onClick={() => onFilter(c.filter)}
          style={{ textAlign: 'left', cursor: 'pointer', background: 'var(--mantine-color-body)' }}
          data-testid={`evidence-summary-${c.key}`}
        >
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {c.label}
          </Text>
          <Text size="xl" fw={700} c={c.color} data-testid="evidence-summary-value">
            {fmt.format(c.value)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
