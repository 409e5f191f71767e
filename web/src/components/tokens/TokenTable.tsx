import { Badge, Button, Code, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TokenView } from '@contracts/tokens/schema.js';
import { formatDate, formatDateTime } from '../../lib/dates';

export function TokenTable({ tokens, onRevoke }: { tokens: TokenView[]; onRevoke: (token: TokenView) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const now = Date.now();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table verticalSpacing="sm" data-testid="token-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tokens.columns.name')}</Table.Th>
            <Table.Th>{t('tokens.columns.prefix')}</Table.Th>
            <Table.Th>{t('tokens.columns.role')}</Table.Th>
            <Table.Th>{t('tokens.columns.expires')}</Table.Th>
            <Table.Th>{t('tokens.columns.lastUsed')}</Table.Th>
            <Table.Th>{t('tokens.columns.state')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => {
            const expired = new Date(token.expiresAt).getTime() < now;
            const state = token.revokedAt ? 'revoked' : expired ? 'expired' : 'active';
            const role = token.role;
            return (
              <Table.Tr key={token.id} data-testid="token-row">
                <Table.Td>{token.name}</Table.Td>
                <Table.Td>
                  <Code>{token.prefix}</Code>
                </Table.Td>
                <Table.Td>{t(`roles.${role}`)}</Table.Td>
                <Table.Td>{formatDate(token.expiresAt, lang)}</Table.Td>
                <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, lang) : t('tokens.never')}</Table.Td>
                <Table.Td>
                  <Badge color={state === 'active' ? 'teal' : 'gray'} variant="light">
                    {t(`tokens.${state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {state === 'active' && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => onRevoke(token)}>
                      {t('tokens.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
