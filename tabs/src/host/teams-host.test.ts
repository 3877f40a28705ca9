import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SignInError } from '@diarium/core';

// Teams itself is the far end here: teams-js is replaced by a stand-in that answers as Teams
// does (context, theme changes, the configuration page's Save and Remove, SSO tokens).
const teams = vi.hoisted(() => {
  const state = {
    themeHandler: null as ((theme: string) => void) | null,
    saveHandler: null as ((event: { notifySuccess(): void; notifyFailure(reason?: string): void }) => void) | null,
    removeHandler: null as ((event: { notifySuccess(): void; notifyFailure(reason?: string): void }) => void) | null,
    saved: [] as unknown[],
    valid: [] as boolean[],
    opened: [] as string[],
    token: Promise.resolve('sso-token') as Promise<string>,
    context: {
      app: { locale: 'sv-SE', theme: 'dark' },
      user: { loginHint: 'johan.berg@ekby.se' },
      team: { groupId: 'team-1', displayName: 'Ekby kommun – Projekt Sjövik' },
      channel: { id: '19:abc@thread.tacv2', displayName: 'Detaljplan Sjövik 2:14' },
      page: { id: 'diarium-case-c1', subPageId: 'KS 2026/0042' },
    },
  };
  return state;
});

vi.mock('@microsoft/teams-js', () => ({
  app: {
    initialize: () => Promise.resolve(),
    getContext: () => Promise.resolve(teams.context),
    registerOnThemeChangeHandler: (handler: (theme: string) => void) => {
      teams.themeHandler = handler;
    },
    openLink: (url: string) => {
      teams.opened.push(url);
      return Promise.resolve();
    },
  },
  authentication: { getAuthToken: () => teams.token },
  pages: {
    config: {
      setValidityState: (valid: boolean) => teams.valid.push(valid),
      setConfig: (config: unknown) => {
        teams.saved.push(config);
        return Promise.resolve();
      },
      registerOnSaveHandler: (handler: typeof teams.saveHandler) => {
        teams.saveHandler = handler;
      },
      registerOnRemoveHandler: (handler: typeof teams.removeHandler) => {
        teams.removeHandler = handler;
      },
    },
  },
}));

const { createTeamsHost } = await import('./teams-host.ts');

const outcome = () => {
  let settle: (value: string) => void = () => undefined;
  const done = new Promise<string>((resolve) => (settle = resolve));
  return { done, event: { notifySuccess: () => settle('success'), notifyFailure: (reason?: string) => settle(`failure: ${reason}`) } };
};

beforeEach(() => {
  teams.saved.length = 0;
  teams.valid.length = 0;
  teams.opened.length = 0;
  teams.token = Promise.resolve('sso-token');
});

describe('the tabs inside Teams', () => {
  it('take the team, channel, user, language, theme and deep link from Teams’ context', async () => {
    const host = await createTeamsHost();
    expect(host.kind).toBe('teams');
    expect(host.context()).toEqual({
      locale: 'sv-SE',
      theme: 'dark',
      loginHint: 'johan.berg@ekby.se',
      team: { id: 'team-1', name: 'Ekby kommun – Projekt Sjövik' },
      channel: { id: '19:abc@thread.tacv2', name: 'Detaljplan Sjövik 2:14' },
      subEntityId: 'KS 2026/0042',
    });
  });

  it('follow Teams’ theme as it changes', async () => {
    const host = await createTeamsHost();
    const seen: string[] = [];
    host.onThemeChange((theme) => seen.push(theme));
    teams.themeHandler!('contrast');
    teams.themeHandler!('default');
    expect(seen).toEqual(['contrast', 'light']);
    expect(host.context().theme).toBe('light');
  });

  it('sign in with Teams SSO, and say plainly when Teams refuses', async () => {
    const host = await createTeamsHost();
    expect(await host.tokens.getToken()).toBe('sso-token');
    teams.token = Promise.reject(new Error('CancelledByUser'));
    await expect(host.tokens.getToken()).rejects.toBeInstanceOf(SignInError);
  });

  it('save the configured tab when Teams’ Save is pressed, and tell Teams when it could not', async () => {
    const host = await createTeamsHost();
    const configurator = host.configurator();
    expect(configurator.saveButton).toBe('host');
    configurator.setValid(true);
    expect(teams.valid).toEqual([true]);
    const instance = { entityId: 'diarium-case-c1', contentUrl: 'https://d/tabs/channel.html', websiteUrl: 'https://d/tabs/case.html?case=KS', removeUrl: 'https://d/tabs/config.html?remove=1', suggestedDisplayName: 'Diarium KS 2026/0042' };
    let fail = false;
    configurator.onSave(() => (fail ? Promise.reject(new Error('Behörighet saknas')) : Promise.resolve(instance)));

    const first = outcome();
    teams.saveHandler!(first.event);
    expect(await first.done).toBe('success');
    expect(teams.saved).toEqual([instance]);

    fail = true;
    const second = outcome();
    teams.saveHandler!(second.event);
    expect(await second.done).toBe('failure: Behörighet saknas');
  });

  it('run the removal when the user removes the tab', async () => {
    const host = await createTeamsHost();
    const removed: string[] = [];
    host.configurator().onRemove(async () => {
      removed.push('unbound');
    });
    const result = outcome();
    teams.removeHandler!(result.event);
    expect(await result.done).toBe('success');
    expect(removed).toEqual(['unbound']);
  });

  it('open Teams deep links through Teams', async () => {
    const host = await createTeamsHost();
    await host.openLink('https://teams.microsoft.com/l/entity/app/mitt-arbete?context=%7B%7D');
    expect(teams.opened).toEqual(['https://teams.microsoft.com/l/entity/app/mitt-arbete?context=%7B%7D']);
  });
});
