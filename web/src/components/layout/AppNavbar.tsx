import { AppShell, Badge, Divider, NavLink, ScrollArea, Text } from '@mantine/core';
import { IconBooks, IconKey, IconLock, IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useOrg } from '../../hooks/useOrg';
import { complianceGroup, navLabelKey, navigation, type NavEntry } from './navigation';
import { OrgSwitcher } from './OrgSwitcher';

export function AppNavbar() {
  const { t } = useTranslation();
  const org = useOrg();
  const { pathname } = useLocation();
  const base = `/o/${org.slug}`;
  const allowed = (entry: NavEntry) => !entry.requires || entry.requires.some((c) => org.abilities[c] !== undefined);
  const isActive = (path: string) => pathname === `${base}/${path}` || pathname.startsWith(`${base}/${path}/`);
  const entryActive = (entry: NavEntry) => [entry.path, ...(entry.alsoActive ?? [])].some((p) => p !== undefined && isActive(p));
  const complianceEntries = complianceGroup.entries.filter(allowed);

  const comingLater = (
    <Text span size="xs" c="dimmed">
      {t('nav.comingLater')}
    </Text>
  );

  return (
    <AppShell.Navbar p="xs" aria-label={t('nav.mainLabel')} data-testid="navbar">
      <AppShell.Section hiddenFrom="xs">
        <OrgSwitcher currentSlug={org.slug} placement="navbar" />
      </AppShell.Section>
      <AppShell.Section grow component={ScrollArea}>
        {complianceEntries.length > 0 && (
          <NavLink
            label={t(`nav.${complianceGroup.key}`)}
            leftSection={<IconBooks size={18} aria-hidden />}
            defaultOpened
            childrenOffset={28}
            data-testid="nav-group-compliance"
          >
            {complianceEntries.map((entry) => (
              <NavLink
                key={entry.key}
                component={Link}
                to={`${base}/${entry.path ?? ''}`}
                label={t(navLabelKey(entry.key))}
                active={entryActive(entry)}
                data-testid={`nav-${entry.key}`}
              />
            ))}
          </NavLink>
        )}
        {navigation.map((component) => {
          const label = t(`nav.${component.key}`);
          const number = (
            <Badge size="sm" variant="light" circle aria-hidden>
              {component.n}
            </Badge>
          );
          const entries = component.entries.filter(allowed);
          if (entries.length === 0) {
            return (
              <NavLink
                key={component.key}
                label={label}
                leftSection={number}
                description={comingLater}
                disabled
                rightSection={<IconLock size={14} />}
                data-testid={`nav-component-${component.n}`}
                data-coming-later="true"
              />
            );
          }
          return (
            <NavLink
              key={component.key}
              label={label}
              leftSection={number}
              defaultOpened
              childrenOffset={28}
              data-testid={`nav-component-${component.n}`}
            >
              {entries.map((entry) =>
                entry.path ? (
                  <NavLink
                    key={entry.key}
                    component={Link}
                    to={`${base}/${entry.path}`}
                    label={t(navLabelKey(entry.key))}
                    active={entryActive(entry)}
                    data-testid={`nav-${entry.key}`}
                  />
                ) : (
                  <NavLink
                    key={entry.key}
                    label={t(navLabelKey(entry.key))}
                    description={comingLater}
                    disabled
                    data-testid={`nav-${entry.key}`}
                    data-coming-later="true"
                  />
                ),
              )}
            </NavLink>
          );
        })}
      </AppShell.Section>
      {(org.abilities['token.manage'] || org.abilities['assurance.read']) && (
        <AppShell.Section>
          <Divider my="xs" label={t('nav.settings')} labelPosition="left" />
          {org.abilities['token.manage'] && (
            <NavLink
              component={Link}
              to={`${base}/settings/tokens`}
              label={t('nav.apiTokens')}
              leftSection={<IconKey size={16} />}
              active={isActive('settings/tokens')}
              data-testid="nav-apiTokens"
            />
          )}
          {org.abilities['assurance.read'] && (
            <NavLink
              component={Link}
              to={`${base}/settings/fairness-profiles`}
              label={t('assurance.nav.fairnessProfiles')}
              leftSection={<IconScale size={16} />}
              active={isActive('settings/fairness-profiles')}
              data-testid="nav-fairnessProfiles"
            />
          )}
        </AppShell.Section>
      )}
    </AppShell.Navbar>
  );
}
