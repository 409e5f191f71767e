import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RowError } from '../../api/transfer';

/** Row problems as the spreadsheet user sees them: row number (header = 1), column header, message. */
export function ImportErrorsTable({ errors }: { errors: RowError[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={500} mah={480}>
      <Table striped withTableBorder stickyHeader data-testid="import-errors">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>{t('imports.columns.row')}</Table.Th>
            <Table.Th w={220}>{t('imports.columns.column')}</Table.Th>
            <Table.Th>{t('imports.columns.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((e, i) => (
            <Table.Tr key={`${e.row}-${e.column ?? ''}-${i}`} data-testid="import-error-row" data-row={e.row}>
              <Table.Td data-testid="import-error-rownum">{e.row === 0 ? t('imports.wholeFile') : e.row}</Table.Td>
              <Table.Td data-testid="import-error-column">{e.column ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" data-testid="import-error-message">
                  {e.message}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
