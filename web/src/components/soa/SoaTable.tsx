import { Fragment } from 'react';
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SoaEntryView } from '@contracts/soa/schema.js';
import { SoaRow } from './SoaRow';
import { groupByObjective, soaLang } from './soaUtils';

const COLUMNS = 9;

/** The working statement: every Annex A control under its objective, each row editable. */
export function SoaTable({ org, entries, members }: { org: string; entries: SoaEntryView[]; members: { value: string; label: string }[] }) {
  const { t, i18n } = useTranslation();
  const lang = soaLang(i18n.language);
  return (
    <Table.ScrollContainer minWidth={1500}>
      <Table verticalSpacing="sm" data-testid="soa-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('evidenceSoa.soa.columns.ref')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.columns.title')}</Table.Th>
            <Table.Th w={220}>{t('evidenceSoa.soa.columns.suggestion')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.columns.applicable')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.columns.justification')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.columns.status')}</Table.Th>
            <Table.Th>{t('evidenceSoa.soa.columns.owner')}</Table.Th>
            <Table.Th>
              {t('evidenceSoa.soa.columns.controls')} / {t('evidenceSoa.soa.columns.evidence')}
            </Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groupByObjective(entries).map((group) => (
            <Fragment key={group.objective.ref}>
              <Table.Tr bg="var(--mantine-color-default-hover)" data-testid="soa-objective">
                <Table.Td colSpan={COLUMNS}>
                  <Text size="sm" fw={700}>
                    {t('evidenceSoa.soa.objective', { ref: group.objective.ref, title: group.objective.title[lang] })}
                  </Text>
                </Table.Td>
              </Table.Tr>
              {group.entries.map((entry) => (
                <SoaRow key={entry.controlRef} org={org} entry={entry} members={members} />
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
