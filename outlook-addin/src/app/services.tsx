import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ApiClient } from '@diarium/core';
import type { MailHost } from '../host/mail-host.ts';
import { translator, type Locale, type Translate } from '../messages.ts';
import type { CaseLinks } from './links.ts';

/** What every part of the pane may use: the API, Outlook, where cases open, and the language. */
export interface PaneServices {
  client: ApiClient;
  host: MailHost;
  links: CaseLinks;
  locale: Locale;
  t: Translate;
}

const ServicesContext = createContext<PaneServices | null>(null);

export function ServicesProvider(props: Omit<PaneServices, 't'> & { children: ReactNode }) {
  const { client, host, links, locale, children } = props;
  const value = useMemo(() => ({ client, host, links, locale, t: translator(locale) }), [client, host, links, locale]);
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function useServices(): PaneServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

export const useT = (): Translate => useServices().t;
