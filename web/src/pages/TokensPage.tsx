import { useState } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import type { CreatedToken, TokenView } from '@contracts/tokens/schema.js';
import { ConfirmModal } from '../components/common/ConfirmModal';
import { FullPageLoader } from '../components/common/FullPageLoader';
import { PageHeader } from '../components/common/PageHeader';
import { QueryError } from '../components/common/QueryError';
import { CreatedTokenAlert } from '../components/tokens/CreatedTokenAlert';
import { CreateTokenForm } from '../components/tokens/CreateTokenForm';
import { TokenTable } from '../components/tokens/TokenTable';
import { useCan, useOrg } from '../hooks/useOrg';
import { useCreateToken, useRevokeToken, useTokens } from '../hooks/useTokens';

export function TokensPage() {
  const { t } = useTranslation();
  const org = useOrg();
  const allowed = useCan('token.manage');
  const tokens = useTokens(org.slug, allowed);
  const create = useCreateToken(org.slug);
  const revoke = useRevokeToken(org.slug);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  if (!allowed) return <Navigate to={`/o/${org.slug}/systems`} replace />;

  return (
    <>
      <PageHeader title={t('tokens.title')} intro={t('tokens.intro')} />
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <Title order={4} mb="md">
            {t('tokens.new')}
          </Title>
          <CreateTokenForm
            onCreate={async (values) => {
              const token = await create.mutateAsync(values);
              setCreated(token);
              return token;
            }}
          />
        </Paper>
        {created && <CreatedTokenAlert token={created} onClose={() => setCreated(null)} />}
        <Paper withBorder p="xs" radius="md">
          {tokens.isPending && <FullPageLoader />}
          {tokens.isError && <QueryError error={tokens.error} />}
          {tokens.data &&
            (tokens.data.items.length === 0 ? (
              <Text c="dimmed" ta="center" py="lg">
                {t('tokens.empty')}
              </Text>
            ) : (
              <TokenTable
                tokens={tokens.data.items}
                onRevoke={(token) => {
                  revoke.reset();
                  setRevoking(token);
                }}
              />
            ))}
        </Paper>
      </Stack>
      <ConfirmModal
        opened={revoking !== null}
        title={t('tokens.revokeTitle')}
        body={t('tokens.revokeBody')}
        confirmLabel={t('tokens.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}
