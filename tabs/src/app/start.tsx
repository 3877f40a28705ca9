import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient, type TeamsApp } from '@diarium/core';
import { loadTabsConfig } from '../config/runtime-config.ts';
import { createBrowserHost } from '../host/browser-host.ts';
import type { TabHost } from '../host/tab-host.ts';
import { localeOf, translator, type Translate } from '../messages.ts';
import { TabShell } from './TabShell.tsx';

/**
 * Starts a tab page: reads `config.json`, connects to Teams (or, with the dev issuer, to the
 * plain browser), and renders `page` inside the shell.
 */
export async function startTab(page: (host: TabHost) => ReactNode): Promise<void> {
  const element = document.getElementById('root')!;
  let config;
  try {
    config = await loadTabsConfig();
  } catch (error) {
    showStartMessage(element, (t) => t('app.config.failed', { reason: String(error) }));
    return;
  }
  let host: TabHost;
  if (config.auth === 'dev') {
    host = createBrowserHost({ apiBaseUrl: config.apiBaseUrl });
  } else {
    // teams-js is loaded only where Teams is expected.
    const teams = await import('../host/teams-host.ts');
    try {
      await teams.initializeTeams();
    } catch {
      showStartMessage(element, (t) => t('app.outsideTeams'));
      return;
    }
    host = await teams.createTeamsHost();
  }
  const locale = localeOf(host.context().locale);
  const client = createApiClient({ baseUrl: config.apiBaseUrl, getToken: () => host.tokens.getToken(), locale });
  const teamsApp: TeamsApp | null = config.teamsAppId ? { appId: config.teamsAppId, baseUrl: window.location.origin } : null;
  createRoot(element).render(
    <TabShell host={host} client={client} teamsApp={teamsApp}>
      {page(host)}
    </TabShell>,
  );
}

/** A message for when a tab cannot start at all; plain DOM, since React may be what failed. */
export function showStartMessage(element: HTMLElement, message: (t: Translate) => string) {
  const paragraph = document.createElement('p');
  paragraph.setAttribute('role', 'alert');
  paragraph.style.font = '14px/1.5 "Segoe UI", system-ui, sans-serif';
  paragraph.style.padding = '12px';
  paragraph.textContent = message(translator(localeOf(navigator.language)));
  element.replaceChildren(paragraph);
}

export function startOrExplain(page: (host: TabHost) => ReactNode) {
  startTab(page).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    showStartMessage(document.getElementById('root')!, (t) => t('app.failed', { reason }));
  });
}
