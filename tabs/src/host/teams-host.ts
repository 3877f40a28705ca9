import { app, authentication, pages } from '@microsoft/teams-js';
import { SignInError } from '@diarium/core';
import { HostError, type HostTheme, type TabContext, type TabHost } from './tab-host.ts';

const themeOf = (theme: string | undefined): HostTheme => (theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'light');

/** The one module that speaks teams-js. Call after `app.initialize()` has resolved. */
export async function createTeamsHost(): Promise<TabHost> {
  const ctx = await app.getContext();
  const context: TabContext = {
    locale: ctx.app.locale,
    theme: themeOf(ctx.app.theme),
    loginHint: ctx.user?.loginHint ?? ctx.user?.userPrincipalName ?? null,
    team: ctx.team?.groupId ? { id: ctx.team.groupId, name: ctx.team.displayName ?? null } : null,
    channel: ctx.channel?.id ? { id: ctx.channel.id, name: ctx.channel.displayName ?? null } : null,
    subEntityId: ctx.page.subPageId || null,
  };
  const themeListeners = new Set<(theme: HostTheme) => void>();
  app.registerOnThemeChangeHandler((theme) => {
    context.theme = themeOf(theme);
    for (const listener of themeListeners) listener(context.theme);
  });

  return {
    kind: 'teams',
    context: () => context,
    onThemeChange(listener) {
      themeListeners.add(listener);
      return () => themeListeners.delete(listener);
    },
    tokens: {
      // Teams SSO: a token for our API (its audience is Diarium's app id URI); Teams caches and renews it.
      async getToken() {
        try {
          return await authentication.getAuthToken();
        } catch (error) {
          throw new SignInError(error instanceof Error ? error.message : String(error), { cause: error });
        }
      },
    },
    configurator() {
      return {
        saveButton: 'host',
        setValid: (valid) => pages.config.setValidityState(valid),
        onSave(save) {
          pages.config.registerOnSaveHandler((event) => {
            save()
              .then((instance) => pages.config.setConfig(instance))
              .then(
                () => event.notifySuccess(),
                (error: unknown) => event.notifyFailure(error instanceof Error ? error.message : String(error)),
              );
          });
        },
        onRemove(remove) {
          pages.config.registerOnRemoveHandler((event) => {
            remove().then(
              () => event.notifySuccess(),
              (error: unknown) => event.notifyFailure(error instanceof Error ? error.message : String(error)),
            );
          });
        },
      };
    },
    async openLink(url) {
      try {
        if (url.startsWith('https://teams.microsoft.com/l/')) await app.openLink(url);
        else window.open(url, '_blank', 'noopener');
      } catch (error) {
        throw new HostError(error instanceof Error ? error.message : String(error), { cause: error });
      }
    },
  };
}

/** Starts teams-js; rejects when the page is not inside Teams (no parent window) within `timeoutMs`. */
export async function initializeTeams(timeoutMs = 5000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HostError('Teams did not answer')), timeoutMs);
  });
  try {
    await Promise.race([app.initialize(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
