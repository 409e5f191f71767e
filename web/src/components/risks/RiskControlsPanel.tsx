import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, MultiSelect, Stack, Text, Title } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RiskView } from '@contracts/risks/schema.js';
import { useControlList } from '../../hooks/useControls';
import { useLinkRiskControls } from '../../hooks/useRisks';
import { QueryError } from '../common/QueryError';

/** The applied controls that treat a risk: link more, unlink one. */
export function RiskControlsPanel({ org, risk, canManage }: { org: string; risk: RiskView; canManage: boolean }) {
  const { t } = useTranslation();
  const controls = useControlList(org, { limit: 500 });
  const link = useLinkRiskControls(org);
  const [adding, setAdding] = useState<string[]>([]);
  const linked = new Set(risk.controls.map((c) => c.id));
  const options = (controls.data?.items ?? []).filter((c) => !linked.has(c.id)).map((c) => ({ value: c.id, label: c.name }));

  return (
    <Stack gap="xs" data-testid="risk-controls">
      <Title order={5}>{t('risk.controls.title')}</Title>
      {risk.controls.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('risk.controls.empty')}
        </Text>
      )}
      {risk.controls.map((c) => (
        <Group key={c.id} justify="space-between" wrap="nowrap" data-testid={`risk-control-${c.id}`}>
          <Group gap="xs">
            <Text size="sm">{c.name}</Text>
            <Badge size="xs" variant="light" color="gray">
              {t(`compliance.controlStatus.${c.status as 'planned'}`, { defaultValue: c.status })}
            </Badge>
          </Group>
          {canManage && (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('risk.controls.remove', { name: c.name })}
              loading={link.isPending && link.variables.remove === c.id}
              onClick={() => link.mutate({ id: risk.id, remove: c.id })}
              data-testid={`risk-control-unlink-${c.id}`}
            >
              <IconX size={14} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {canManage && (
        <Group align="flex-end" wrap="nowrap">
          <MultiSelect
            style={{ flex: 1 }}
            label={t('risk.controls.add')}
            data={options}
            value={adding}
            onChange={setAdding}
            searchable
            clearable
            comboboxProps={{ withinPortal: true }}
            data-testid="risk-controls-add"
          />
          <Button
            disabled={adding.length === 0}
            loading={link.isPending && !link.variables.remove}
            onClick={() => link.mutate({ id: risk.id, add: adding }, { onSuccess: () => setAdding([]) })}
            data-testid="risk-controls-link"
          >
            {t('risk.controls.addButton')}
          </Button>
        </Group>
      )}
      {link.error ? <QueryError error={link.error} /> : null}
    </Stack>
  );
}
