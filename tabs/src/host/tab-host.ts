import type { TokenSource } from '@diarium/core';

/** Teams' three themes. */
export type HostTheme = 'light' | 'dark' | 'contrast';

/** Where the tab is and who is looking, as the host tells it. */
export interface TabContext {
  /** The host's display language, e.g. `sv-SE`. */
  locale: string;
  theme: HostTheme;
  /** The signed-in user's address, a hint for sign-in. */
  loginHint: string | null;
  team: { id: string; name: string | null } | null;
  channel: { id: string; name: string | null } | null;
  /** What a deep link asked to open: a case number. */
  subEntityId: string | null;
}

/** The tab as saved on the configuration page: what Teams stores and shows. */
export interface TabInstance {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  /** The page Teams shows when the tab is removed. */
  removeUrl: string;
  suggestedDisplayName: string;
}

/** The configuration page's part of the host: Save is enabled when the choice is valid. */
export interface TabConfigurator {
  /** `host`: the host shows Save (Teams does). `page`: the page shows its own (a plain browser). */
  readonly saveButton: 'host' | 'page';
  setValid(valid: boolean): void;
  /** `save` runs when the user presses Save; what it returns is the tab Teams keeps. */
  onSave(save: () => Promise<TabInstance>): void;
  /** `remove` runs when the user confirms removing the tab (on the tab's removeUrl page). */
  onRemove(remove: () => Promise<void>): void;
}

/** Everything the tabs take from Teams, behind one interface: teams-js lives in one module. */
export interface TabHost {
  /** Teams itself, or a plain browser (`npm start`, tests). */
  readonly kind: 'teams' | 'browser';
  context(): TabContext;
  onThemeChange(listener: (theme: HostTheme) => void): () => void;
  tokens: TokenSource;
  configurator(): TabConfigurator;
  /** Opens a link: a Teams deep link through Teams, anything else in a new window. */
  openLink(url: string): Promise<void>;
}

export class HostError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HostError';
  }
}
