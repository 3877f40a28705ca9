import { OfficeMockObject } from 'office-addin-mock';
import { attachmentKind, bodyText, type GraphMessage, type GraphRecipient } from './graph.ts';

/**
 * A fake Office.js for the simulated Outlook page, on office-addin-mock's data model: the
 * exact calls the pane's host makes, filled from an emulated Graph message.
 */

export interface ComposeState {
  subject: string;
  body: string;
  to: string[];
  conversationId: string | null;
}

export type FakeItem =
  | { mode: 'read'; message: GraphMessage; sharedMailbox: string | null }
  | { mode: 'compose'; compose: ComposeState; sharedMailbox: string | null };

export type FakeTheme = 'light' | 'dark' | 'highContrast';

export interface FakeOfficeOptions {
  user: { name: string; email: string };
  displayLanguage: string;
  theme?: FakeTheme;
  /** Saves a draft and gives its id, as Exchange would. */
  saveDraft: (compose: ComposeState & { headers: Record<string, string> }, sharedMailbox: string | null) => Promise<string>;
  /** Tells the page which internet headers the pane set on the mail being written. */
  onHeaders?: (headers: Record<string, string>) => void;
  /** Tells the page the draft's id once saved, so that it can be sent. */
  onSaved?: (id: string) => void;
  openUrl?: (url: string) => void;
}

type AsyncCallback = (result: { status: string; value?: unknown; error?: { code: number; message: string } }) => void;

const ok = (callback: AsyncCallback | undefined, value?: unknown) => callback?.({ status: 'succeeded', value });
const failed = (callback: AsyncCallback | undefined, message: string) => callback?.({ status: 'failed', error: { code: 9002, message } });

/** Office.js lets the options argument be left out: the callback is the last function given. */
const callbackOf = (...args: unknown[]) => args.reverse().find((a): a is AsyncCallback => typeof a === 'function');

const THEMES: Record<FakeTheme, Record<string, string | boolean>> = {
  light: { bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#242424', controlBackgroundColor: '#ffffff', controlForegroundColor: '#242424' },
  dark: { bodyBackgroundColor: '#292929', bodyForegroundColor: '#ffffff', controlBackgroundColor: '#1f1f1f', controlForegroundColor: '#ffffff' },
  highContrast: {
    bodyBackgroundColor: '#000000',
    bodyForegroundColor: '#ffffff',
    controlBackgroundColor: '#000000',
    controlForegroundColor: '#ffff00',
    isHighContrast: true,
  },
};

const details = (r: GraphRecipient) => ({ displayName: r.emailAddress.name ?? r.emailAddress.address ?? '', emailAddress: r.emailAddress.address ?? '' });

function sharedProperties(sharedMailbox: string | null) {
  // Outlook offers getSharedPropertiesAsync only for items in a shared folder or mailbox.
  if (!sharedMailbox) return {};
  return {
    getSharedPropertiesAsync: (...args: unknown[]) =>
      ok(callbackOf(...args), { targetMailbox: sharedMailbox, owner: sharedMailbox, targetRestUrl: '/dev/graph/v1.0', delegatePermissions: 1 }),
  };
}

function readItemData(message: GraphMessage, sharedMailbox: string | null) {
  return {
    host: 'outlook',
    itemType: 'message',
    itemId: message.id,
    subject: message.subject ?? '',
    ...(message.from ? { from: details(message.from) } : {}),
    to: message.toRecipients.map(details),
    cc: message.ccRecipients.map(details),
    dateTimeCreated: new Date(message.receivedDateTime ?? message.sentDateTime ?? Date.now()),
    internetMessageId: message.internetMessageId ?? '',
    conversationId: message.conversationId ?? '',
    attachments: message.attachments.map((a) => ({
      id: a.id,
      name: a.name ?? a.id,
      size: a.size,
      isInline: a.isInline,
      contentType: a.contentType ?? '',
      attachmentType: attachmentKind(a),
    })),
    body: { getAsync: (...args: unknown[]) => ok(callbackOf(...args), bodyText(message.body)) },
    ...sharedProperties(sharedMailbox),
  };
}

function composeItemData(state: ComposeState, sharedMailbox: string | null, options: FakeOfficeOptions) {
  const headers: Record<string, string> = {};
  let savedId: string | null = null;
  return {
    host: 'outlook',
    itemType: 'message',
    conversationId: state.conversationId ?? '',
    subject: {
      getAsync: (...args: unknown[]) => ok(callbackOf(...args), state.subject),
      setAsync: (subject: string, ...args: unknown[]) => {
        state.subject = subject;
        ok(callbackOf(...args));
      },
    },
    body: { getAsync: (...args: unknown[]) => ok(callbackOf(...args), state.body) },
    internetHeaders: {
      setAsync: (values: Record<string, string>, ...args: unknown[]) => {
        Object.assign(headers, values);
        options.onHeaders?.({ ...headers });
        ok(callbackOf(...args));
      },
      getAsync: (names: string[], ...args: unknown[]) =>
        ok(callbackOf(...args), Object.fromEntries(names.filter((n) => n in headers).map((n) => [n, headers[n]]))),
    },
    saveAsync: (...args: unknown[]) => {
      const callback = callbackOf(...args);
      options.saveDraft({ ...state, headers: { ...headers } }, sharedMailbox).then(
        (id) => {
          savedId = id;
          options.onSaved?.(id);
          ok(callback, id);
        },
        (error: unknown) => failed(callback, error instanceof Error ? error.message : String(error)),
      );
    },
    getItemIdAsync: (...args: unknown[]) => {
      const callback = callbackOf(...args);
      if (savedId) ok(callback, savedId);
      else failed(callback, 'The item has not been saved yet.');
    },
    ...sharedProperties(sharedMailbox),
  };
}

export interface FakeOffice {
  /** What the pane sees as the global `Office`. */
  office: typeof Office;
  /** Shows another item, as when the user selects another mail with the pane pinned. */
  setItem(item: FakeItem | null): void;
  /** The mail being written changed (subject or body typed on the page). */
  updateCompose(patch: Partial<ComposeState>): void;
  setTheme(theme: FakeTheme): void;
}

export function createFakeOffice(options: FakeOfficeOptions): FakeOffice {
  const handlers = new Map<string, (args: unknown) => void>();
  let compose: ComposeState | null = null;
  const mock = new OfficeMockObject({
    host: 'outlook',
    HostType: { Outlook: 'Outlook' },
    CoercionType: { Text: 'text', Html: 'html' },
    EventType: { ItemChanged: 'olkItemSelectedChanged', OfficeThemeChanged: 'officeThemeChanged' },
    MailboxEnums: { RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' } },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    onReady: async () => ({ host: 'Outlook', platform: 'OfficeOnline' }),
    context: {
      displayLanguage: options.displayLanguage,
      officeTheme: { ...THEMES[options.theme ?? 'light'] },
      ui: { openBrowserWindow: (url: string) => (options.openUrl ?? ((u: string) => window.open(u, '_blank', 'noopener')))(url) },
      mailbox: {
        userProfile: { displayName: options.user.name, emailAddress: options.user.email },
        // The emulated Graph hands out REST ids already.
        convertToRestId: (id: string) => id,
        addHandlerAsync: (type: string, handler: (args: unknown) => void, ...args: unknown[]) => {
          handlers.set(type, handler);
          ok(callbackOf(...args));
        },
        removeHandlerAsync: (type: string, ...args: unknown[]) => {
          handlers.delete(type);
          ok(callbackOf(...args));
        },
      },
    },
  });
  const office = mock as unknown as typeof Office;
  const context = mock.context as { mailbox: { item: unknown }; officeTheme: unknown };

  return {
    office,
    setItem(item) {
      compose = item?.mode === 'compose' ? { ...item.compose } : null;
      context.mailbox.item =
        item === null
          ? null
          : new OfficeMockObject(
              item.mode === 'read' ? readItemData(item.message, item.sharedMailbox) : composeItemData(compose!, item.sharedMailbox, options),
            );
      handlers.get('olkItemSelectedChanged')?.({ type: 'olkItemSelectedChanged' });
    },
    updateCompose(patch) {
      if (compose) Object.assign(compose, patch);
    },
    setTheme(theme) {
      context.officeTheme = { ...THEMES[theme] };
      handlers.get('officeThemeChanged')?.({ type: 'officeThemeChanged', officeTheme: context.officeTheme });
    },
  };
}
