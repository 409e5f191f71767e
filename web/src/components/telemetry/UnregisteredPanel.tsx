import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, Paper, SegmentedControl, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { UnregisteredView } from '@contracts/telemetry/schema.js';
import { useLanguage } from '../../hooks/useLanguage';
import { useResolveUnregistered, useUnregistered } from '../../hooks/useTelemetry';
import { formatDateTime } from '../../lib/dates';
import { QueryError } from '../common/QueryError';
import { formatCount } from './format';

type Action = { kind: 'bind' | 'ignore'; item: UnregisteredView } | null;
const statuses = ['open', 'registered', 'ignored', 'all'] as const;

interface Props {
  org: string;
  canManage: boolean;
  systems: { value: string; label: string }[];
}

/** AI seen in telemetry that the register does not know, with bind / ignore / add-to-register actions. */
export function UnregisteredPanel({ org, canManage, systems }: Props) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [status, setStatus] = useState<(typeof statuses)[number]>('open');
  const list = useUnregistered(org, status);
  const resolve = useResolveUnregistered(org);
  const [action, setAction] = useState<Action>(null);
  const [systemId, setSystemId] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const close = () => {
    setAction(null);
    setSystemId(null);
    setNote('');
    resolve.reset();
  };
  const submit = async () => {
    if (!action) return;
    if (action.kind === 'bind' && systemId) {
      await resolve.mutateAsync({ action: 'bind', serviceName: action.item.serviceName, systemId });
      notifications.show({ color: 'teal', message: t('telemetry.unregistered.bound') });
    } else if (action.kind === 'ignore') {
      await resolve.mutateAsync({ action: 'ignore', serviceName: action.item.serviceName, model: action.item.model, note });
      notifications.show({ color: 'teal', message: t('telemetry.unregistered.ignored') });
    }
    close();
  };

  return (
    <Paper withBorder p="md" radius="md" data-testid="unregistered-panel">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('telemetry.unregistered.title')}</Title>
        <SegmentedControl
          size="xs"
          value={status}
          onChange={(v) => setStatus(v as (typeof statuses)[number])}
          data={statuses.map((s) => ({ value: s, label: t(`telemetry.unregistered.status.${s}`) }))}
        />
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('telemetry.unregistered.intro')}
      </Text>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('telemetry.unregistered.none')}
        </Text>
      )}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table data-testid="unregistered-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('telemetry.column.service')}</Table.Th>
                <Table.Th>{t('telemetry.column.model')}</Table.Th>
                <Table.Th>{t('telemetry.column.reason')}</Table.Th>
                <Table.Th ta="right">{t('telemetry.column.spans')}</Table.Th>
                <Table.Th>{t('telemetry.column.lastSeen')}</Table.Th>
                <Table.Th>{t('telemetry.column.status')}</Table.Th>
                {canManage && <Table.Th>{t('telemetry.column.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((u) => (
                <Table.Tr key={`${u.serviceName}|${u.model}`} data-testid="unregistered-row" data-service={u.serviceName}>
                  <Table.Td>{u.serviceName}</Table.Td>
                  <Table.Td>{u.model || '—'}</Table.Td>
                  <Table.Td>{t(`telemetry.unregistered.reason.${u.reason}`)}</Table.Td>
                  <Table.Td ta="right">{formatCount(u.spans, language)}</Table.Td>
                  <Table.Td>{formatDateTime(u.lastSeen, language)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={u.status === 'open' ? 'orange' : 'gray'}>
                      {t(`telemetry.unregistered.status.${u.status}`)}
                    </Badge>
                    {u.note && (
                      <Text size="xs" c="dimmed">
                        {u.note}
                      </Text>
                    )}
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      {u.status === 'open' && (
                        <Group gap="xs" wrap="nowrap">
                          {u.reason === 'unknown_service' && (
                            <Button
                              size="compact-xs"
                              variant="light"
                              onClick={() => setAction({ kind: 'bind', item: u })}
                              data-testid="unregistered-bind"
                            >
                              {t('telemetry.unregistered.bind')}
                            </Button>
                          )}
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="gray"
                            onClick={() => setAction({ kind: 'ignore', item: u })}
                            data-testid="unregistered-ignore"
                          >
                            {t('telemetry.unregistered.ignore')}
                          </Button>
                          {u.reason === 'unknown_service' && (
                            <Anchor
                              size="xs"
                              component={Link}
                              to={`/o/${encodeURIComponent(org)}/systems/new?name=${encodeURIComponent(u.serviceName)}${u.model ? `&model=${encodeURIComponent(u.model)}` : ''}`}
                            >
                              {t('telemetry.unregistered.addToInventory')}
                            </Anchor>
                          )}
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal
        opened={action !== null}
        onClose={close}
        title={
          action &&
          (action.kind === 'bind'
            ? t('telemetry.unregistered.bindTitle', { service: action.item.serviceName })
            : t('telemetry.unregistered.ignoreTitle', { service: action.item.serviceName }))
        }
      >
        <Stack>
          {action?.kind === 'bind' ? (
            <>
              <Text size="sm">{t('telemetry.unregistered.bindHelp')}</Text>
              <Select
                label={t('telemetry.column.system')}
                data={systems}
                value={systemId}
                onChange={setSystemId}
                searchable
                data-testid="bind-system"
              />
            </>
          ) : (
            <Textarea
              label={t('telemetry.unregistered.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              required
              data-testid="ignore-note"
            />
          )}
          {resolve.isError && <QueryError error={resolve.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={() => void submit()}
              loading={resolve.isPending}
              disabled={action?.kind === 'bind' ? !systemId : note.trim() === ''}
              data-testid="unregistered-confirm"
            >
              {action?.kind === 'bind' ? t('telemetry.unregistered.bind') : t('telemetry.unregistered.ignore')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
