import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { createApiClient, type TeamsApp, type TokenSource } from '@diarium/core';
import { TabShell } from '../app/TabShell.tsx';
import type { HostTheme, TabConfigurator, TabContext, TabHost, TabInstance } from '../host/tab-host.ts';

/** A host whose context the test sets, and whose configurator and links it can inspect. */
export interface FakeHost extends TabHost {
  setTheme(theme: HostTheme): void;
  valid: boolean | null;
  save: (() => Promise<TabInstance>) | null;
  remove: (() => Promise<void>) | null;
  opened: string[];
}

export function fakeHost(context: Partial<TabContext> = {}, saveButton: TabConfigurator['saveButton'] = 'host', kind: TabHost['kind'] = 'browser'): FakeHost {
  const ctx: TabContext = { locale: 'sv-SE', theme: 'light', loginHint: 'johan.berg@ekby.se', team: null, channel: null, subEntityId: null, ...context };
  const listeners = new Set<(theme: HostTheme) => void>();
  const tokens: TokenSource = { getToken: async () => 'test-token' };
  const host: FakeHost = {
    kind,
    valid: null,
    save: null,
    remove: null,
    opened: [],
    context: () => ctx,
    onThemeChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setTheme(theme) {
      ctx.theme = theme;
      for (const listener of listeners) listener(theme);
    },
    tokens,
    configurator: () => ({
      saveButton,
      setValid: (valid) => {
        host.valid = valid;
      },
      onSave: (save) => {
        host.save = save;
      },
      onRemove: (remove) => {
        host.remove = remove;
      },
    }),
    async openLink(url) {
      host.opened.push(url);
    },
  };
  return host;
}

/** Renders a tab's part inside the real shell, over a fake host and the real API client (msw answers). */
export function renderTab(ui: ReactElement, options: { host?: FakeHost; teamsApp?: TeamsApp | null } = {}) {
  const host = options.host ?? fakeHost();
  const client = createApiClient({ baseUrl: 'http://diarium.test', getToken: () => host.tokens.getToken(), locale: host.context().locale.slice(0, 2) });
  const result = render(
    <TabShell host={host} client={client} teamsApp={options.teamsApp ?? null}>
      {ui}
    </TabShell>,
  );
  return { ...result, host, client };
}
