import { useState } from 'react';
import { Anchor, Badge, Button, Group, Menu, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLink, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FindingView } from '@contracts/discovery/schema.js';
import { useAddToInventory, useDecideFinding } from '../../hooks/useDiscovery';
import { useLanguage } from '../../hooks/useLanguage';
import { formatDateTime } from '../../lib/dates';
import { QueryError } from '../common/QueryError';
import { LinkSystemModal } from './LinkSystemModal';

const decisionColor: Record<FindingView['decision'], string> = {
  unreviewed: 'gray',
  sanctioned: 'teal',
  tolerated: 'yellow',
  blocked: 'red',
  ignored: 'dark',
};
const decisions = ['sanctioned', 'tolerated', 'blocked', 'ignored'] as const;

/** Discovered services (unregistered first, as the server orders them) with add-to-inventory and decisions. */
export function FindingsTable({ org, findings }: { org: string; findings: FindingView[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const add = useAddToInventory(org);
  const decide = useDecideFinding(org);
  const [ignoring, setIgnoring] = useState<FindingView | null>(null);
  const [reason, setReason] = useState('');
  const [linking, setLinking] = useState<FindingView | null>(null);

  if (findings.length === 0) return <Text c="dimmed">{t('discovery.findings.none')}</Text>;

  const addToInventory = async (f: FindingView) => {
    await add.mutateAsync(f.catalogId);
    notifications.show({ color: 'teal', message: t('discovery.findings.added') });
  };
  const choose = async (f: FindingView, decision: (typeof decisions)[number]) => {
    if (decision === 'ignored') {
      setReason('');
      setIgnoring(f);
      return;
    }
    await decide.mutateAsync({ catalogId: f.catalogId, body: { decision } });
    notifications.show({ color: 'teal', message: t('discovery.findings.decided') });
  };
  const ignore = async () => {
    if (!ignoring) return;
    await decide.mutateAsync({ catalogId: ignoring.catalogId, body: { decision: 'ignored', reason } });
    setIgnoring(null);
    notifications.show({ color: 'teal', message: t('discovery.findings.decided') });
  };

  return (
    <>
      {add.error ? <QueryError error={add.error} /> : null}
      {decide.error && !ignoring ? <QueryError error={decide.error} /> : null}
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" data-testid="discovery-findings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('discovery.findings.service')}</Table.Th>
              <Table.Th>{t('discovery.findings.category')}</Table.Th>
              <Table.Th>{t('discovery.findings.country')}</Table.Th>
              <Table.Th>{t('discovery.findings.requests')}</Table.Th>
              <Table.Th>{t('discovery.findings.users')}</Table.Th>
              <Table.Th>{t('discovery.findings.lastSeen')}</Table.Th>
              <Table.Th>{t('discovery.findings.registered')}</Table.Th>
              <Table.Th>{t('discovery.findings.decision')}</Table.Th>
              <Table.Th>{t('discovery.findings.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {findings.map((f) => (
              <Table.Tr key={f.catalogId} data-testid={`finding-${f.catalogId}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {f.product ?? f.catalogId}
                  </Text>
                  {f.provider && (
                    <Text size="xs" c="dimmed">
                      {f.provider}
                    </Text>
                  )}
                  {f.dataUseNote && (
                    <Text size="xs" c="dimmed" maw={320}>
                      {f.dataUseNote}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{f.category ? t(`discovery.category.${f.category}`) : ''}</Table.Td>
                <Table.Td>{f.providerCountry ?? ''}</Table.Td>
                <Table.Td>{f.requests}</Table.Td>
                <Table.Td>{f.users}</Table.Td>
                <Table.Td>{formatDateTime(f.lastSeen, language)}</Table.Td>
                <Table.Td>
                  {f.system ? (
                    <Stack gap={0}>
                      <Anchor component={Link} to={`/o/${org}/systems/${f.system.id}`} size="sm">
                        {f.system.name}
                      </Anchor>
                      {f.system.match === 'auto' && (
                        <Text size="xs" c="dimmed">
                          {t('discovery.findings.autoMatch')}
                        </Text>
                      )}
                    </Stack>
                  ) : (
                    <Badge color="orange" variant="light" data-testid="unregistered">
                      {t('discovery.findings.unregistered')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={decisionColor[f.decision]} variant="light" title={f.reason ?? undefined}>
                    {t(`discovery.decision.${f.decision}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {f.can.addToInventory && (
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconPlus size={14} />}
                        loading={add.isPending && add.variables === f.catalogId}
                        onClick={() => void addToInventory(f)}
                        data-testid={`add-${f.catalogId}`}
                      >
                        {t('discovery.findings.addToInventory')}
                      </Button>
                    )}
                    {f.can.decide && (
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconLink size={14} />}
                        onClick={() => setLinking(f)}
                        data-testid={`link-${f.catalogId}`}
                      >
                        {f.system?.match === 'linked' ? t('discovery.link.change') : t('discovery.link.open')}
                      </Button>
                    )}
                    {f.can.decide && (
                      <Menu position="bottom-end">
                        <Menu.Target>
                          <Button
                            size="xs"
                            variant="default"
                            rightSection={<IconChevronDown size={14} />}
                            data-testid={`decide-${f.catalogId}`}
                          >
                            {t('discovery.findings.decide')}
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {decisions.map((d) => (
                            <Menu.Item key={d} onClick={() => void choose(f, d)}>
                              {t(`discovery.decision.${d}`)}
                            </Menu.Item>
                          ))}
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {linking && <LinkSystemModal org={org} finding={linking} onClose={() => setLinking(null)} />}
      <Modal opened={ignoring !== null} onClose={() => setIgnoring(null)} title={t('discovery.ignore.title')}>
        <Stack>
          <Textarea
            label={t('discovery.ignore.reason')}
            description={t('discovery.ignore.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            data-testid="ignore-reason"
          />
          {decide.error && ignoring ? <QueryError error={decide.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setIgnoring(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="dark"
              onClick={() => void ignore()}
              disabled={!reason.trim()}
              loading={decide.isPending}
              data-testid="ignore-confirm"
            >
              {t('discovery.ignore.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
