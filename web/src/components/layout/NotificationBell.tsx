import { ActionIcon, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { NotificationView } from '@contracts/notifications/schema.js';
import { useLanguage } from '../../hooks/useLanguage';
import { useMarkNotificationsRead, useNotifications } from '../../hooks/useNotifications';
import { formatDateTime } from '../../lib/dates';

/** The signed-in member's notifications in the header: unread count, the latest ones, mark read. */
export function NotificationBell({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const list = useNotifications(slug);
  const mark = useMarkNotificationsRead(slug);
  if (!slug || !list.data) return null;
  const { items, unread } = list.data;

  const open = (n: NotificationView) => {
    if (!n.readAt) mark.mutate([n.id]);
    if (n.link) void navigate(n.link);
  };

  return (
    <Popover width={360} position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} color="red" offset={4}>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('alerts.bell.label')}
            title={t('alerts.bell.unread', { count: unread })}
            data-testid="notification-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notification-list">
        <Group justify="space-between" px="sm" py="xs">
          <Text fw={600} size="sm">
            {t('alerts.bell.label')}
          </Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => mark.mutate('all')} data-testid="notifications-mark-all">
              {t('alerts.bell.markAllRead')}
            </Button>
          )}
        </Group>
        <Divider />
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {t('alerts.bell.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={380}>
            <Stack gap={0}>
              {items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  onClick={() => open(n)}
                  px="sm"
                  py="xs"
                  bg={n.readAt ? undefined : 'var(--mantine-color-blue-light)'}
                  data-testid="notification-item"
                  data-unread={n.readAt ? undefined : 'true'}
                >
                  <Text size="sm" fw={n.readAt ? 400 : 600}>
                    {n.title}
                  </Text>
                  <Text size="xs">{n.body}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(n.createdAt, language)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
