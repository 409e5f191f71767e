import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useAdoptControls, useStarterControls } from '../../hooks/useControls';
import { toLocale } from '../../i18n/labels';
import { QueryError } from '../common/QueryError';
import { pick } from '../frameworks/labels';

/** The starter library with a checkbox per suggestion; adopted ones are marked and cannot be chosen again. */
export function AdoptStarterModal({ org, adopted, onClose }: { org: string; adopted: ReadonlySet<string>; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const library = useStarterControls(true);
  const adopt = useAdoptControls(org);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = () =>
    adopt.mutate(
      { suggestionIds: [...chosen], language: toLocale(i18n.language) },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'teal',
            message: [
              t('compliance.controls.adoptDone', { count: result.created.length }),
              ...(result.skipped.length ? [t('compliance.controls.adoptSkipped', { count: result.skipped.length })] : []),
            ].join(' · '),
          });
          onClose();
        },
      },
    );

  return (
    <Modal opened onClose={onClose} size="xl" title={t('compliance.controls.adoptTitle')} data-testid="adopt-modal">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('compliance.controls.adoptIntro')}
        </Text>
        {library.isError && <QueryError error={library.error} />}
        <ScrollArea.Autosize mah="60vh">
          <Stack gap="sm">
            {(library.data?.items ?? []).map((s) => {
              const isAdopted = adopted.has(s.id);
              return (
                <Checkbox
                  key={s.id}
                  checked={isAdopted || chosen.has(s.id)}
                  disabled={isAdopted}
                  onChange={() => toggle(s.id)}
                  data-testid={`starter-${s.id}`}
                  label={
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Text size="sm" fw={600}>
                          {pick(s.name, i18n.language)}
                        </Text>
                        <Badge size="xs" variant="light" color="gray" tt="none">
                          {s.id}
                        </Badge>
                        <Badge size="xs" variant="light">
                          {t(`compliance.frequency.${s.frequency}`)}
                        </Badge>
                        {isAdopted && (
                          <Badge size="xs" color="teal">
                            {t('compliance.controls.adopted')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {pick(s.description, i18n.language)}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {s.requirements.map((r) => r.id).join(', ')}
                      </Text>
                    </Stack>
                  }
                />
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
        {adopt.error ? <QueryError error={adopt.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} disabled={chosen.size === 0} loading={adopt.isPending} data-testid="adopt-submit">
            {t('compliance.controls.adoptSubmit', { count: chosen.size })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
