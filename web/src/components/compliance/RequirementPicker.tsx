import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RequirementRef } from '@contracts/controls/schema.js';
import { useFramework, useFrameworkList } from '../../hooks/useFrameworks';
import { pick } from '../frameworks/labels';

interface Props {
  value: RequirementRef[];
  onChange: (value: RequirementRef[]) => void;
  error?: string | undefined;
  disabled?: boolean;
}

/** Linked requirements: pick a framework, then one of its assessable requirements, and add it to the list. */
export function RequirementPicker({ value, onChange, error, disabled = false }: Props) {
  const { t, i18n } = useTranslation();
  const frameworks = useFrameworkList();
  const [chosenFramework, setFramework] = useState<string | null>(null);
  // ISO/IEC 42001 first: most controls serve it.
  const framework =
    chosenFramework ?? frameworks.data?.items.find((f) => f.id === 'iso-iec-42001-2023')?.id ?? frameworks.data?.items[0]?.id ?? null;
  const [requirement, setRequirement] = useState<string | null>(null);
  const detail = useFramework(framework ?? '', {});
  const chosen = new Set(value.map((r) => `${r.framework}|${r.requirementId}`));
  const options = (framework ? (detail.data?.requirements ?? []) : [])
    .filter((r) => r.assessable && !chosen.has(`${framework}|${r.id}`))
    .map((r) => ({ value: r.id, label: `${r.id} ${pick(r.title, i18n.language)}` }));

  const add = () => {
    if (!framework || !requirement) return;
    onChange([...value, { framework, requirementId: requirement }]);
    setRequirement(null);
  };

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('compliance.controls.requirements')}
      </Text>
      {value.length > 0 && (
        <Group gap={6} data-testid="control-requirements">
          {value.map((r) => (
            <Badge
              key={`${r.framework}|${r.requirementId}`}
              variant="light"
              tt="none"
              rightSection={
                disabled ? null : (
                  <ActionIcon
                    size="xs"
                    variant="transparent"
                    aria-label={t('compliance.controls.removeRequirement', { id: r.requirementId })}
                    onClick={() => onChange(value.filter((v) => v !== r))}
                  >
                    <IconX size={12} />
                  </ActionIcon>
                )
              }
            >
              {r.requirementId} · {r.framework}
            </Badge>
          ))}
        </Group>
      )}
      {!disabled && (
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Select
            label={t('compliance.controls.selectFramework')}
            data={(frameworks.data?.items ?? []).map((f) => ({ value: f.id, label: pick(f.title, i18n.language) }))}
            value={framework}
            onChange={(v) => {
              setFramework(v);
              setRequirement(null);
            }}
            searchable
            w={220}
            data-testid="control-req-framework"
          />
          <Select
            label={t('compliance.controls.selectRequirement')}
            data={options}
            value={requirement}
            onChange={setRequirement}
            searchable
            clearable
            style={{ flex: 1 }}
            data-testid="control-req-requirement"
          />
          <Button variant="light" leftSection={<IconPlus size={14} />} onClick={add} disabled={!requirement} data-testid="control-req-add">
            {t('compliance.controls.addRequirement')}
          </Button>
        </Group>
      )}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
