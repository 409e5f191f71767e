import { useEffect } from 'react';
import { Anchor, AppShell, Center, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useParams } from 'react-router-dom';
import { OrgContext } from '../../hooks/orgContext';
import { useOrgQuery } from '../../hooks/useOrg';
import { rememberOrg } from '../../lib/lastOrg';
import { FullPageLoader } from '../common/FullPageLoader';
import { QueryError } from '../common/QueryError';
import { AppHeader } from './AppHeader';
import { AppNavbar } from './AppNavbar';

/** The frame of every organisation page: header, the ISO/IEC 42001 navigation, and the page. */
export function OrgLayout() {
  const { t } = useTranslation();
  const { org: slug = '' } = useParams();
  const org = useOrgQuery(slug);
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();

  useEffect(() => {
    if (org.data) rememberOrg(org.data.slug);
  }, [org.data]);
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      {...(org.data ? { navbar: { width: 290, breakpoint: 'sm', collapsed: { mobile: !navOpened } } } : {})}
      padding="lg"
    >
      <AppHeader navOpened={navOpened} onToggleNav={toggle} currentSlug={slug} />
      {org.data && (
        <OrgContext.Provider value={org.data}>
          <AppNavbar />
        </OrgContext.Provider>
      )}
      <AppShell.Main>
        {org.isPending && <FullPageLoader />}
        {org.isError && (
          <Center>
            <Stack maw={560} w="100%">
              <QueryError error={org.error} />
              <Anchor component={Link} to="/">
                {t('common.goHome')}
              </Anchor>
            </Stack>
          </Center>
        )}
        {org.data && (
          <OrgContext.Provider value={org.data}>
            <Outlet />
          </OrgContext.Provider>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
