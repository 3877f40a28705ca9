import { createRoot } from 'react-dom/client';
import { createApiClient } from '@diarium/core';
import type { TokenSource } from '@diarium/core';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import type { MailHost } from '../host/mail-host.ts';
import { localeOf, translator, type Translate } from '../messages.ts';
import { caseLinks } from './links.ts';
import { Pane } from './Pane.tsx';

export interface StartOptions {
  host: MailHost;
  tokens: TokenSource;
  config: RuntimeConfig;
  element: HTMLElement;
}

/** Mounts the pane. Both the real task pane and the simulated Outlook's pane start here. */
export function startPane({ host, tokens, config, element }: StartOptions) {
  const locale = localeOf(host.displayLanguage);
  const client = createApiClient({ baseUrl: config.apiBaseUrl, getToken: () => tokens.getToken(), locale });
  const links = caseLinks(config, window.location.origin);
  createRoot(element).render(<Pane host={host} client={client} links={links} />);
}

/** A message for when the pane cannot start at all; plain DOM, since React may be what failed. */
export function showStartMessage(element: HTMLElement, displayLanguage: string, message: (t: Translate) => string) {
  const paragraph = document.createElement('p');
  paragraph.setAttribute('role', 'alert');
  paragraph.style.font = '14px/1.5 "Segoe UI", system-ui, sans-serif';
  paragraph.style.padding = '12px';
  paragraph.textContent = message(translator(localeOf(displayLanguage)));
  element.replaceChildren(paragraph);
}
