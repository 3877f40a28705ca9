import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ApiClient, Locale, TeamsApp } from '@diarium/core';
import type { TabHost } from '../host/tab-host.ts';
import { translator, type Translate } from '../messages.ts';

/** What every part of a tab may use: the API, the host, the language, and the Teams app for links. */
export interface TabServices {
  client: ApiClient;
  host: TabHost;
  locale: Locale;
  t: Translate;
  /** Null outside a deployed Teams app: links then open the web view. */
  teamsApp: TeamsApp | null;
}

const ServicesContext = createContext<TabServices | null>(null);

export function ServicesProvider(props: Omit<TabServices, 't'> & { children: ReactNode }) {
  const { client, host, locale, teamsApp, children } = props;
  const value = useMemo(() => ({ client, host, locale, teamsApp, t: translator(locale) }), [client, host, locale, teamsApp]);
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function useServices(): TabServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

export const useT = (): Translate => useServices().t;
