import { useState } from 'react';
import { Badge, Group, Paper, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FrameworkSummary, Requirement } from '@contracts/frameworks/schema.js';
import { useCoverage } from '../../hooks/useCoverage';
import { useOrg } from '../../hooks/useOrg';
import { QueryError } from '../common/QueryError';
import { pick, relationColor } from '../frameworks/labels';

const coverageKinds = ['covered', 'partly_covered', 'linked', 'not_linked'] as const;
const coverageColor = { covered: 'teal', partly_covered: 'yellow', linked: 'blue', not_linked: 'gray' } as const;

interface Props {
  frameworkId: string;
  frameworks: FrameworkSummary[];
  requirements: readonly Requirement[];
}

/** How another framework's requirements reach this one's through the crosswalks: a summary and one row per requirement. */
export function CoveragePanel({ frameworkId, frameworks, requirements }: Props) {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const org = useOrg();
  const coverage = useCoverage(org.slug, frameworkId, from);
  const titles = new Map(requirements.map((r) => [r.id, r.title]));
  const rows = (coverage.data?.rows ?? []).filter((r) => showAll || r.coverage !== 'not_linked');

  return (
    <Paper withBorder radius="md" p="md" mt="lg" data-testid="coverage-panel">
      <Stack gap="sm">
        <Title order={4}>{t('compliance.coverage.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('compliance.coverage.intro')}
        </Text>
        <Group align="flex-end">
          <Select
            label={t('compliance.coverage.from')}
            placeholder={t('compliance.coverage.pick')}
            data={frameworks.filter((f) => f.id !== frameworkId).map((f) => ({ value: f.id, label: pick(f.title, i18n.language) }))}
            value={from}
            onChange={setFrom}
            clearable
            w={320}
            data-testid="coverage-from"
          />
          {from && (
            <Switch
              label={t('compliance.coverage.showAll')}
              checked={showAll}
              onChange={(e) => setShowAll(e.currentTarget.checked)}
              mb={6}
            />
          )}
        </Group>
        {coverage.isError && <QueryError error={coverage.error} />}
        {coverage.data && (
          <>
            <Group gap="xs" data-testid="coverage-summary">
              {coverageKinds.map((k) => (
                <Badge miw="fit-content" key={k} color={coverageColor[k]} variant="light" size="lg" tt="none" data-testid={`coverage-${k}`}>
                  {t(`compliance.coverage.summary.${k}`)}: {coverage.data.summary[k]}
                </Badge>
              ))}
            </Group>
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing={6} striped data-testid="coverage-rows">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('compliance.common.requirement')}</Table.Th>
                    <Table.Th>{t('compliance.common.status')}</Table.Th>
                    <Table.Th>{t('compliance.coverage.links')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => {
                    const title = titles.get(r.requirementId);
                    return (
                      <Table.Tr key={r.requirementId} data-testid={`coverage-row-${r.requirementId}`}>
                        <Table.Td maw={360}>
                          <Text size="sm">
                            <Text span ff="monospace" fw={600} size="sm">
                              {r.requirementId}
                            </Text>{' '}
                            {title ? pick(title, i18n.language) : ''}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge miw="fit-content" color={coverageColor[r.coverage]} variant="light" tt="none">
                            {t(`compliance.coverage.summary.${r.coverage}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {r.links.length === 0 ? (
                            <Text size="xs" c="dimmed">
                              {t('compliance.coverage.none')}
                            </Text>
                          ) : (
                            <Group gap={4}>
                              {r.links.map((l) => (
                                <Badge
                                  miw="fit-content"
                                  key={`${l.crosswalk}|${l.sourceId}|${l.relation}`}
                                  size="sm"
                                  variant="outline"
                                  color={relationColor[l.relation]}
                                  tt="none"
                                  title={`${t(`frameworks.provenance.${l.provenance}`)} · ${l.crosswalk}`}
                                >
                                  {l.sourceId} · {t(`frameworks.relations.${l.relation}`)}
                                  {l.sourceStatus ? ` · ${l.sourceStatus}` : ''}
                                </Badge>
                              ))}
                            </Group>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
