import { useEffect, useState, type ReactNode } from 'react';
import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient, TeamsApp } from '@diarium/core';
import type { TabHost } from '../host/tab-host.ts';
import { localeOf } from '../messages.ts';
import { ServicesProvider } from './services.tsx';
import { fluentThemeOf } from './theme.ts';

const useStyles = makeStyles({
  provider: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
});

export interface TabShellProps {
  host: TabHost;
  client: ApiClient;
  teamsApp: TeamsApp | null;
  children: ReactNode;
}

/** Every tab's frame: Teams' theme (followed live) and language, and the services. */
export function TabShell({ host, client, teamsApp, children }: TabShellProps) {
  const styles = useStyles();
  const locale = localeOf(host.context().locale);
  const [theme, setTheme] = useState(() => host.context().theme);
  useEffect(() => {
    const stop = host.onThemeChange(setTheme);
    // The theme may have changed before the listener was in place.
    setTheme(host.context().theme);
    return stop;
  }, [host]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.theme = theme;
  }, [locale, theme]);
  return (
    <FluentProvider theme={fluentThemeOf(theme)} className={styles.provider}>
      <ServicesProvider client={client} host={host} locale={locale} teamsApp={teamsApp}>
        {children}
      </ServicesProvider>
    </FluentProvider>
  );
}
