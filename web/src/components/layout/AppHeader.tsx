import { AppShell, Anchor, Burger, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { OrgSwitcher } from './OrgSwitcher';
import { UserMenu } from './UserMenu';

interface Props {
  navOpened: boolean;
  onToggleNav: () => void;
  currentSlug: string;
}

export function AppHeader({ navOpened, onToggleNav, currentSlug }: Props) {
  const { t } = useTranslation();
  return (
    <AppShell.Header>
      <Group h="100%" px="md" justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label={t('nav.openMenu')} />
          <Anchor component={Link} to="/" underline="never" c="inherit" data-testid="product-name">
            <Text fw={700} size="lg">
              {t('app.name')}
            </Text>
          </Anchor>
          <Text size="xs" c="dimmed" visibleFrom="md">
            {t('app.tagline')}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap">
          <OrgSwitcher currentSlug={currentSlug} />
          <NotificationBell slug={currentSlug} />
          <LanguageSwitch />
          <UserMenu />
        </Group>
      </Group>
    </AppShell.Header>
  );
}
