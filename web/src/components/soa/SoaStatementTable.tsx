import { Fragment } from 'react';
import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SoaStatementEntry } from '@contracts/soa/schema.js';
import { applicabilityLabel, implementationStatusLabels } from '@contracts/soa/labels.js';
import { applicabilityColor, groupByObjective, soaLang } from './soaUtils';

const COLUMNS = 7;

/** A statement as approved: read-only, every control under its objective. */
export function SoaStatementTable({ entries }: { entries: SoaStatementEntry[] }) {
  const { t, i18n } = useTranslation();
  const lang = soaLang(i18n.language);
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table verticalSpacing="sm" data-testid="soa-statement-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('evidenceSoa.soa.columns.ref')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.columns.title')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.columns.applicable')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.columns.justification')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.columns.status')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.columns.owner')}</Table.Th>
            <Table.Th>
              {t('evidenceSoa.soa.columns.controls')} / {t('evidenceSoa.soa.columns.evidence')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groupByObjective(entries).map((group) => (
            <Fragment key={group.objective.ref}>
              <Table.Tr bg="var(--mantine-color-default-hover)">
                <Table.Td colSpan={COLUMNS}>
                  <Text size="sm" fw={700}>
                    {t('evidenceSoa.soa.objective', { ref: group.objective.ref, title: group.objective.title[lang] })}
                  </Text>
                </Table.Td>
              </Table.Tr>
              {group.entries.map((e) => (
                <Table.Tr key={e.controlRef} data-testid="soa-statement-row" data-control-ref={e.controlRef}>
                  <Table.Td>
                    <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {e.controlRef}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.title[lang]}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={applicabilityColor(e.applicable)} tt="none">
                      {applicabilityLabel(e.applicable, lang)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {e.justification ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{implementationStatusLabels[e.implementationStatus][lang]}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.owner?.name ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {e.controls.map((c) => c.name).join(', ') || '—'} / {e.evidence.map((x) => x.title).join(', ') || '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
