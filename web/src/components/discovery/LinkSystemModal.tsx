import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { FindingView } from '@contracts/discovery/schema.js';
import { useLinkFinding } from '../../hooks/useDiscovery';
import { useSystemList } from '../../hooks/useSystems';
import { QueryError } from '../common/QueryError';

/** Says which registered AI system a discovered service is, or removes a link made by hand. */
export function LinkSystemModal({ org, finding, onClose }: { org: string; finding: FindingView; onClose: () => void }) {
  const { t } = useTranslation();
  const systems = useSystemList(org, { limit: 200, sort: 'name', order: 'asc' });
  const link = useLinkFinding(org);
  const linked = finding.system?.match === 'linked' ? finding.system : null;
  const [systemId, setSystemId] = useState<string | null>(finding.system?.id ?? null);

  const save = async (target: string | null) => {
    await link.mutateAsync({ catalogId: finding.catalogId, systemId: target });
    notifications.show({ color: 'teal', message: t(target ? 'discovery.link.linked' : 'discovery.link.unlinked') });
    onClose();
  };

  return (
    <Modal opened onClose={onClose} title={t('discovery.link.title', { service: finding.product ?? finding.catalogId })}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('discovery.link.intro')}
        </Text>
        <Select
          label={t('discovery.link.system')}
          placeholder={t('discovery.link.systemPlaceholder')}
          data={(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={systemId}
          onChange={setSystemId}
          searchable
          nothingFoundMessage={t('discovery.link.noSystems')}
          comboboxProps={{ withinPortal: false }}
          data-testid="link-system"
        />
        {systems.error ? <QueryError error={systems.error} /> : null}
        {link.error ? <QueryError error={link.error} /> : null}
        <Group justify="space-between">
          {linked ? (
            <Button variant="default" color="red" loading={link.isPending} onClick={() => void save(null)} data-testid="link-remove">
              {t('discovery.link.unlink')}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={() => systemId && void save(systemId)}
              disabled={!systemId || systemId === linked?.id}
              loading={link.isPending}
              data-testid="link-confirm"
            >
              {t('discovery.link.confirm')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
