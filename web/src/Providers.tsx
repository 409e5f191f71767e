import 'dayjs/locale/zh-hk';
import { useEffect, type ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { setUnauthenticatedHandler } from './api/client';
import { sessionKey } from './hooks/useSession';
import { useLanguage } from './hooks/useLanguage';
import { queryClient } from './queryClient';
import { theme } from './theme';

function LocalisedDates({ children }: { children: ReactNode }) {
  const { language } = useLanguage();
  return <DatesProvider settings={{ locale: language === 'zh-HK' ? 'zh-hk' : 'en', firstDayOfWeek: 0 }}>{children}</DatesProvider>;
}

/** When any request answers 401, the session is over: forget it, and the router sends the user to sign in. */
function SessionExpiry() {
  useEffect(() => {
    setUnauthenticatedHandler(() => queryClient.setQueryData(sessionKey, null));
    return () => setUnauthenticatedHandler(null);
  }, []);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <LocalisedDates>
          <Notifications position="top-right" />
          <SessionExpiry />
          <BrowserRouter>{children}</BrowserRouter>
        </LocalisedDates>
      </MantineProvider>
    </QueryClientProvider>
  );
}
