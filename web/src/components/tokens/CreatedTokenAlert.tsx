import { Alert, Button, Code, CopyButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CreatedToken } from '@contracts/tokens/schema.js';

/** The secret, shown this once. */
export function CreatedTokenAlert({ token, onClose }: { token: CreatedToken; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={t('tokens.createdTitle')} withCloseButton onClose={onClose} data-testid="token-created">
      <Text size="sm" mb="xs">
        {t('tokens.createdBody')}
      </Text>
      <Group gap="sm" wrap="nowrap">
        <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="token-secret">
          {token.token}
        </Code>
        <CopyButton value={token.token}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" color={copied ? 'teal' : 'yellow'} onClick={copy}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Alert>
  );
}
