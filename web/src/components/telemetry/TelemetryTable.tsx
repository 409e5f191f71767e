import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SubjectSummary } from '@contracts/telemetry/schema.js';
import { useLanguage } from '../../hooks/useLanguage';
import { formatCount, formatMs, formatRate } from './format';

interface Props {
  subjects: SubjectSummary[];
  selected: string | null;
  onSelect: (systemId: string) => void;
}

/** One row per AI system (or unregistered service): requests, error rate, latency percentiles, tokens and models. */
export function TelemetryTable({ subjects, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover data-testid="telemetry-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('telemetry.column.subject')}</Table.Th>
            <Table.Th ta="right">{t('telemetry.column.requests')}</Table.Th>
            <Table.Th ta="right">{t('telemetry.column.errorRate')}</Table.Th>
            <Table.Th ta="right">{t('telemetry.column.p50')}</Table.Th>
            <Table.Th ta="right">{t('telemetry.column.p95')}</Table.Th>
            <Table.Th ta="right">{t('telemetry.column.p99')}</Table.Th>
            <Table.Th ta="right">{t('telemetry.column.tokensIn')}</Table.Th>
            <Table.Th ta="right">{t('telemetry.column.tokensOut')}</Table.Th>
            <Table.Th>{t('telemetry.column.models')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {subjects.map((s) => (
            <Table.Tr
              key={s.subject}
              data-testid="telemetry-row"
              data-subject={s.subject}
              bg={s.systemId && s.systemId === selected ? 'var(--mantine-color-blue-light)' : undefined}
              style={s.systemId ? { cursor: 'pointer' } : undefined}
              onClick={() => s.systemId && onSelect(s.systemId)}
            >
              <Table.Td>
                <Text size="sm" fw={500}>
                  {s.systemName ?? s.serviceName}
                </Text>
                {s.systemId ? (
                  s.systemName !== s.serviceName && (
                    <Text size="xs" c="dimmed">
                      {s.serviceName}
                    </Text>
                  )
                ) : (
                  <Badge size="xs" color="orange" variant="light">
                    {t('telemetry.unregisteredService')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">{formatCount(s.requests, language)}</Table.Td>
              <Table.Td ta="right" c={s.errorRate && s.errorRate > 0.05 ? 'red' : undefined}>
                {formatRate(s.errorRate, language)}
              </Table.Td>
              <Table.Td ta="right">{formatMs(s.p50, language)}</Table.Td>
              <Table.Td ta="right">{formatMs(s.p95, language)}</Table.Td>
              <Table.Td ta="right">{formatMs(s.p99, language)}</Table.Td>
              <Table.Td ta="right">{formatCount(s.inputTokens, language)}</Table.Td>
              <Table.Td ta="right">{formatCount(s.outputTokens, language)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {s.models.slice(0, 4).map((m) => (
                    <Badge key={m.model} size="xs" variant="outline" tt="none">
                      {m.model} · {formatCount(m.requests, language)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
