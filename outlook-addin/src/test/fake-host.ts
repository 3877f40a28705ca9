import type { ComposeMail, HostTheme, MailAttachment, MailHost, MailItem, ReadMail } from '../host/mail-host.ts';

/** A received mail as the host gives it; tests change what they are about. */
export function readMail(overrides: Partial<ReadMail> & { body?: string; shared?: string | null } = {}): ReadMail {
  const { body = '', shared = null, ...rest } = overrides;
  return {
    mode: 'read',
    itemId: 'AAMkAGI2-rest-id',
    subject: 'Ansökan om bygglov, Björkhagen 15:79',
    from: { name: 'Anna Svensson', email: 'anna.svensson@example.se' },
    to: [{ name: 'Johan Berg', email: 'johan.berg@ekby.se' }],
    cc: [],
    receivedAt: new Date('2026-11-23T08:12:34Z'),
    internetMessageId: '<abc@example.se>',
    conversationId: 'conv-1',
    attachments: [],
    bodyText: async () => body,
    sharedMailbox: async () => shared,
    ...rest,
  };
}

export const attachment = (n: number, name: string, extra: Partial<MailAttachment> = {}): MailAttachment => ({
  id: `att-${n}`,
  name,
  size: 120_000,
  isInline: false,
  contentType: 'application/pdf',
  kind: 'file',
  ...extra,
});

/** A mail being written, with what the pane did to it recorded. */
export function composeMail(overrides: Omit<Partial<ComposeMail>, 'subject' | 'bodyText'> & { subject?: string; body?: string } = {}) {
  const { subject = 'Svar på er fråga', body = '', ...rest } = overrides;
  const done: string[] = [];
  const mail: ComposeMail = {
    mode: 'compose',
    conversationId: 'conv-2',
    subject: async () => subject,
    bodyText: async () => body,
    saveDraft: async () => {
      done.push('saveDraft');
      return 'draft-rest-id';
    },
    setCaseHeader: async (caseNumber) => {
      done.push(`header:${caseNumber}`);
    },
    sharedMailbox: async () => null,
    ...rest,
  };
  return { mail, done };
}

/** A host with the item and language given; the test can move to another item or theme. */
export function fakeHost(options: { item?: MailItem | null; displayLanguage?: string; userEmail?: string | null; theme?: HostTheme } = {}) {
  let item = options.item === undefined ? readMail() : options.item;
  let theme = options.theme ?? { dark: false, highContrast: false };
  const itemListeners = new Set<() => void>();
  const themeListeners = new Set<(theme: HostTheme) => void>();
  const opened: string[] = [];
  const host: MailHost = {
    displayLanguage: options.displayLanguage ?? 'sv-SE',
    userEmail: options.userEmail === undefined ? 'johan.berg@ekby.se' : options.userEmail,
    currentItem: () => item,
    onItemChanged(listener) {
      itemListeners.add(listener);
      return () => itemListeners.delete(listener);
    },
    theme: () => theme,
    onThemeChanged(listener) {
      themeListeners.add(listener);
      return () => themeListeners.delete(listener);
    },
    openUrl: (url) => opened.push(url),
  };
  return {
    host,
    opened,
    selectItem(next: MailItem | null) {
      item = next;
      for (const listener of itemListeners) listener();
    },
    changeTheme(next: HostTheme) {
      theme = next;
      for (const listener of themeListeners) listener(next);
    },
  };
}
