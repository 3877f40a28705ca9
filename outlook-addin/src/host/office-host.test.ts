import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it, vi } from 'vitest';
import { localeOf } from '../messages.ts';
import { HostError, type ComposeMail, type ReadMail } from './mail-host.ts';
import { createOfficeHost, themeOf } from './office-host.ts';

// Office.js's calls as the docs describe them: callbacks with { status, value | error }.
type Callback = (result: { status: string; value?: unknown; error?: { code: number; message: string } }) => void;
const succeed = (value?: unknown) => (callback: Callback) => callback({ status: 'succeeded', value });
const lastCallback = (args: unknown[]) => args.reverse().find((a): a is Callback => typeof a === 'function')!;

const ENUMS = {
  CoercionType: { Text: 'text', Html: 'html' },
  EventType: { ItemChanged: 'olkItemSelectedChanged', OfficeThemeChanged: 'officeThemeChanged' },
  MailboxEnums: { RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' } },
};

function officeWith(item: Record<string, unknown> | null, context: Record<string, unknown> = {}) {
  const calls: string[] = [];
  const handlers = new Map<string, (args: unknown) => void>();
  const office = new OfficeMockObject({
    host: 'outlook',
    ...ENUMS,
    context: {
      displayLanguage: 'sv-SE',
      officeTheme: { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000', controlBackgroundColor: '#FFFFFF', controlForegroundColor: '#000000' },
      ui: { openBrowserWindow: (url: string) => calls.push(`open:${url}`) },
      mailbox: {
        userProfile: { displayName: 'Johan Berg', emailAddress: 'johan.berg@ekby.se' },
        convertToRestId: (id: string, version: string) => {
          calls.push(`convertToRestId:${id}:${version}`);
          return `rest(${id})`;
        },
        addHandlerAsync: (type: string, handler: (args: unknown) => void, ...rest: unknown[]) => {
          calls.push(`addHandlerAsync:${type}`);
          handlers.set(type, handler);
          lastCallback(rest)?.({ status: 'succeeded' });
        },
        removeHandlerAsync: (type: string) => {
          calls.push(`removeHandlerAsync:${type}`);
          handlers.delete(type);
        },
      },
      ...context,
    },
  });
  const mock = office as unknown as { context: { mailbox: { item: unknown } } };
  mock.context.mailbox.item = item === null ? null : new OfficeMockObject({ host: 'outlook', ...item });
  return { office: office as unknown as typeof Office, calls, handlers, mock };
}

const readItem = (extra: Record<string, unknown> = {}) => ({
  itemType: 'message',
  itemId: 'AAMkAGI2EWS=',
  subject: 'Ansökan om bygglov',
  from: { displayName: 'Anna Svensson', emailAddress: 'anna.svensson@example.se' },
  to: [{ displayName: 'Johan Berg', emailAddress: 'johan.berg@ekby.se' }],
  cc: [{ displayName: '', emailAddress: 'bygglov@ekby.se' }],
  dateTimeCreated: new Date('2026-11-23T08:12:34Z'),
  internetMessageId: '<abc@example.se>',
  conversationId: 'AAQkAGI2conv=',
  attachments: [
    { id: 'a1', name: 'ritning.pdf', size: 250000, isInline: false, contentType: 'application/pdf', attachmentType: 'file' },
    { id: 'a2', name: 'image001.png', size: 4100, isInline: true, contentType: 'image/png', attachmentType: 'file' },
    { id: 'a3', name: 'Svar från grannen', size: 30000, isInline: false, contentType: 'message/rfc822', attachmentType: 'item' },
    { id: 'a4', name: 'Ritningar', size: 0, isInline: false, contentType: '', attachmentType: 'cloud' },
  ],
  body: {
    getAsync: (coercion: string, ...rest: unknown[]) => lastCallback(rest)({ status: 'succeeded', value: `body as ${coercion}: Ert dnr BN 2026/12` }),
  },
  ...extra,
});

const read = (office: typeof Office) => createOfficeHost(office).currentItem() as ReadMail;

describe('the Office.js host, reading a mail', () => {
  it('reads what the pane shows and sends, and converts the item id to a REST id (v2.0)', () => {
    const { office, calls } = officeWith(readItem());
    const mail = read(office);
    expect(mail).toMatchObject({
      mode: 'read',
      itemId: 'rest(AAMkAGI2EWS=)',
      subject: 'Ansökan om bygglov',
      from: { name: 'Anna Svensson', email: 'anna.svensson@example.se' },
      to: [{ name: 'Johan Berg', email: 'johan.berg@ekby.se' }],
      cc: [{ name: 'bygglov@ekby.se', email: 'bygglov@ekby.se' }],
      internetMessageId: '<abc@example.se>',
      conversationId: 'AAQkAGI2conv=',
    });
    expect(mail.receivedAt?.toISOString()).toBe('2026-11-23T08:12:34.000Z');
    expect(calls).toContain('convertToRestId:AAMkAGI2EWS=:v2.0');
  });

  it('lists the attachments with what the checklist needs: inline or not, and what kind', () => {
    const { office } = officeWith(readItem());
    expect(read(office).attachments).toEqual([
      { id: 'a1', name: 'ritning.pdf', size: 250000, isInline: false, contentType: 'application/pdf', kind: 'file' },
      { id: 'a2', name: 'image001.png', size: 4100, isInline: true, contentType: 'image/png', kind: 'file' },
      { id: 'a3', name: 'Svar från grannen', size: 30000, isInline: false, contentType: 'message/rfc822', kind: 'item' },
      { id: 'a4', name: 'Ritningar', size: 0, isInline: false, contentType: null, kind: 'cloud' },
    ]);
  });

  it('reads the body as text', async () => {
    const { office } = officeWith(readItem());
    expect(await read(office).bodyText()).toBe('body as text: Ert dnr BN 2026/12');
  });

  it('passes on Outlook’s own words when a call fails', async () => {
    const { office } = officeWith(
      readItem({ body: { getAsync: (...args: unknown[]) => lastCallback(args)({ status: 'failed', error: { code: 9030, message: 'Body too large' } }) } }),
    );
    const failure = await read(office).bodyText().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HostError);
    expect(failure).toMatchObject({ message: 'Body too large', code: 9030 });
  });
});

describe('the Office.js host, in a shared or function mailbox', () => {
  it('gives the shared mailbox’s address from getSharedPropertiesAsync', async () => {
    const getSharedPropertiesAsync = vi.fn(succeed({ targetMailbox: 'registrator@ekby.se', owner: 'registrator@ekby.se' }));
    const { office } = officeWith(readItem({ getSharedPropertiesAsync }));
    expect(await read(office).sharedMailbox()).toBe('registrator@ekby.se');
    expect(getSharedPropertiesAsync).toHaveBeenCalledOnce();
  });

  it('gives no mailbox (the user’s own) when Outlook has no shared properties, or refuses them', async () => {
    expect(await read(officeWith(readItem()).office).sharedMailbox()).toBeNull();
    const refusing = officeWith(
      readItem({ getSharedPropertiesAsync: (cb: Callback) => cb({ status: 'failed', error: { code: 5000, message: 'Not shared' } }) }),
    );
    expect(await read(refusing.office).sharedMailbox()).toBeNull();
  });
});

describe('the Office.js host, writing a mail', () => {
  function composeItem() {
    const done: string[] = [];
    const item = {
      itemType: 'message',
      conversationId: 'AAQkAGI2conv=',
      subject: { getAsync: (...args: unknown[]) => lastCallback(args)({ status: 'succeeded', value: 'SV: Lekplatsen' }) },
      body: { getAsync: (coercion: string, ...rest: unknown[]) => lastCallback(rest)({ status: 'succeeded', value: `quoted ${coercion}` }) },
      saveAsync: (...args: unknown[]) => {
        done.push('saveAsync');
        lastCallback(args)({ status: 'succeeded', value: 'AAMkDraftFromSave=' });
      },
      getItemIdAsync: (...args: unknown[]) => {
        done.push('getItemIdAsync');
        lastCallback(args)({ status: 'succeeded', value: 'AAMkDraft=' });
      },
      internetHeaders: {
        setAsync: (headers: Record<string, string>, ...rest: unknown[]) => {
          done.push(`setAsync:${JSON.stringify(headers)}`);
          lastCallback(rest)({ status: 'succeeded' });
        },
      },
    };
    return { item, done };
  }

  it('reads the subject and body through their async calls', async () => {
    const { item } = composeItem();
    const mail = createOfficeHost(officeWith(item).office).currentItem() as ComposeMail;
    expect(mail.mode).toBe('compose');
    expect(mail.conversationId).toBe('AAQkAGI2conv=');
    expect(await mail.subject()).toBe('SV: Lekplatsen');
    expect(await mail.bodyText()).toBe('quoted text');
  });

  it('saves the draft, asks for its id and converts it to a REST id', async () => {
    const { item, done } = composeItem();
    const { office, calls } = officeWith(item);
    const mail = createOfficeHost(office).currentItem() as ComposeMail;
    expect(await mail.saveDraft()).toBe('rest(AAMkDraft=)');
    expect(done).toEqual(['saveAsync', 'getItemIdAsync']);
    expect(calls).toContain('convertToRestId:AAMkDraft=:v2.0');
  });

  it('uses saveAsync’s id where Outlook has no getItemIdAsync', async () => {
    const { item } = composeItem();
    const { getItemIdAsync: _, ...older } = item;
    const mail = createOfficeHost(officeWith(older).office).currentItem() as ComposeMail;
    expect(await mail.saveDraft()).toBe('rest(AAMkDraftFromSave=)');
  });

  it('gives the shared mailbox of a draft written there, and none for the user’s own', async () => {
    const { item } = composeItem();
    const shared = { ...item, getSharedPropertiesAsync: succeed({ targetMailbox: 'bygglov@ekby.se' }) };
    expect(await (createOfficeHost(officeWith(shared).office).currentItem() as ComposeMail).sharedMailbox()).toBe('bygglov@ekby.se');
    expect(await (createOfficeHost(officeWith(item).office).currentItem() as ComposeMail).sharedMailbox()).toBeNull();
  });

  it('stamps the case number as the x-diarium-case internet header', async () => {
    const { item, done } = composeItem();
    const mail = createOfficeHost(officeWith(item).office).currentItem() as ComposeMail;
    await mail.setCaseHeader('KS 2026/0042');
    expect(done).toEqual(['setAsync:{"x-diarium-case":"KS 2026/0042"}']);
  });
});

describe('the Office.js host, around the item', () => {
  it('tells the pane when a pinned pane moves to another item, and stops when asked', () => {
    const { office, calls, handlers, mock } = officeWith(readItem());
    const host = createOfficeHost(office);
    const listener = vi.fn();
    const stop = host.onItemChanged(listener);
    expect(calls).toContain('addHandlerAsync:olkItemSelectedChanged');

    mock.context.mailbox.item = new OfficeMockObject({ host: 'outlook', ...readItem({ subject: 'Nästa mail' }) });
    handlers.get('olkItemSelectedChanged')!({ type: 'olkItemSelectedChanged' });
    expect(listener).toHaveBeenCalledOnce();
    expect((host.currentItem() as ReadMail).subject).toBe('Nästa mail');

    mock.context.mailbox.item = null;
    expect(host.currentItem()).toBeNull();
    stop();
    expect(calls).toContain('removeHandlerAsync:olkItemSelectedChanged');
  });

  it('gives Outlook’s display language and the user’s address', () => {
    const { office } = officeWith(readItem(), { displayLanguage: 'en-US' });
    const host = createOfficeHost(office);
    expect(host.displayLanguage).toBe('en-US');
    expect(host.userEmail).toBe('johan.berg@ekby.se');
    expect(localeOf(host.displayLanguage)).toBe('en');
    expect(localeOf('sv-SE')).toBe('sv');
    expect(localeOf('sv')).toBe('sv');
    expect(localeOf('fi-FI')).toBe('en');
    expect(localeOf('')).toBe('en');
  });

  it('reads the theme from the body background, and follows OfficeThemeChanged', () => {
    const { office, handlers, calls } = officeWith(readItem());
    const host = createOfficeHost(office, { open: vi.fn(), matchMedia: () => ({ matches: false }) as MediaQueryList });
    expect(host.theme()).toEqual({ dark: false, highContrast: false });

    const listener = vi.fn();
    host.onThemeChanged(listener);
    expect(calls).toContain('addHandlerAsync:officeThemeChanged');
    handlers.get('officeThemeChanged')!({ type: 'officeThemeChanged', officeTheme: { bodyBackgroundColor: '#262626' } });
    expect(listener).toHaveBeenCalledWith({ dark: true, highContrast: false });
  });

  it('knows high contrast from Outlook or from the system’s forced colours', () => {
    expect(themeOf({ bodyBackgroundColor: '#000000', isHighContrast: true } as Partial<Office.OfficeTheme>)).toEqual({ dark: true, highContrast: true });
    expect(themeOf({ bodyBackgroundColor: '#ffffff' }, true)).toEqual({ dark: false, highContrast: true });
    expect(themeOf(undefined)).toEqual({ dark: false, highContrast: false });
  });

  it('opens links outside Outlook with openBrowserWindow, or a new window where Outlook has none', () => {
    const { office, calls } = officeWith(readItem());
    createOfficeHost(office).openUrl('https://teams.microsoft.com/l/entity/x/case');
    expect(calls).toContain('open:https://teams.microsoft.com/l/entity/x/case');

    const older = officeWith(readItem(), { ui: {} });
    const open = vi.fn();
    createOfficeHost(older.office, { open, matchMedia: () => ({ matches: false }) as MediaQueryList }).openUrl('https://diarium.ekby.se/x');
    expect(open).toHaveBeenCalledWith('https://diarium.ekby.se/x', '_blank', 'noopener');
  });
});
