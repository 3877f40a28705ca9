import { devTokenSource, type TokenSource } from '@diarium/core';
import type { HostTheme, TabConfigurator, TabContext, TabHost, TabInstance } from './tab-host.ts';

/**
 * What the simulated Teams of `npm start` (dev-teams.html, the parent frame) and a tab say to
 * each other, as Teams does through teams-js: the theme changed; Save was pressed; the tab was
 * saved or could not be; the choice became valid or not.
 */
export type DevTeamsMessage =
  | { diarium: 'theme'; theme: HostTheme }
  | { diarium: 'save' }
  | { diarium: 'saved'; instance: TabInstance }
  | { diarium: 'saveFailed'; reason: string }
  | { diarium: 'valid'; valid: boolean }
  | { diarium: 'remove' }
  | { diarium: 'removed' }
  | { diarium: 'removeFailed'; reason: string };

const THEMES: readonly HostTheme[] = ['light', 'dark', 'contrast'];

/**
 * The tabs in a plain browser: `npm start` and the browser tests. The context comes from the
 * address (`?user=…&team=…&channel=…&case=…&theme=dark&lang=en`), tokens from the dev issuer.
 */
export function createBrowserHost(options: { location?: Location; tokens?: TokenSource; apiBaseUrl?: string } = {}): TabHost {
  const params = new URL((options.location ?? window.location).href).searchParams;
  const get = (name: string) => params.get(name)?.trim() || null;
  const themeParam = get('theme');
  const context: TabContext = {
    locale: get('lang') ?? navigator.language,
    theme: THEMES.includes(themeParam as HostTheme) ? (themeParam as HostTheme) : 'light',
    loginHint: get('user'),
    team: get('team') ? { id: get('team')!, name: get('teamName') } : null,
    channel: get('channel') ? { id: get('channel')!, name: get('channelName') } : null,
    subEntityId: get('case'),
  };
  const inFrame = window.parent !== window;
  const toParent = (message: DevTeamsMessage) => {
    if (inFrame) window.parent.postMessage(message, window.location.origin);
  };
  const fromParent = (listener: (message: DevTeamsMessage) => void) => {
    const handle = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || event.source !== window.parent) return;
      const data = event.data as Partial<DevTeamsMessage> | null;
      if (data && typeof data.diarium === 'string') listener(data as DevTeamsMessage);
    };
    window.addEventListener('message', handle);
    return () => window.removeEventListener('message', handle);
  };

  return {
    kind: 'browser',
    context: () => context,
    onThemeChange(listener) {
      return fromParent((message) => {
        if (message.diarium !== 'theme' || !THEMES.includes(message.theme)) return;
        context.theme = message.theme;
        listener(message.theme);
      });
    },
    tokens: options.tokens ?? devTokenSource(context.loginHint ?? '', { baseUrl: options.apiBaseUrl ?? '' }),
    configurator(): TabConfigurator {
      return {
        saveButton: inFrame ? 'host' : 'page',
        setValid: (valid) => toParent({ diarium: 'valid', valid }),
        onSave(save) {
          fromParent((message) => {
            if (message.diarium !== 'save') return;
            save().then(
              (instance) => toParent({ diarium: 'saved', instance }),
              (error: unknown) => toParent({ diarium: 'saveFailed', reason: error instanceof Error ? error.message : String(error) }),
            );
          });
        },
        onRemove(remove) {
          fromParent((message) => {
            if (message.diarium !== 'remove') return;
            remove().then(
              () => toParent({ diarium: 'removed' }),
              (error: unknown) => toParent({ diarium: 'removeFailed', reason: error instanceof Error ? error.message : String(error) }),
            );
          });
        },
      };
    },
    async openLink(url) {
      window.open(url, '_blank', 'noopener');
    },
  };
}
