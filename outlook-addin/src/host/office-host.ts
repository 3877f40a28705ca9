import { HostError, type ComposeMail, type HostTheme, type MailAttachment, type MailHost, type MailItem, type MailPerson, type ReadMail } from './mail-host.ts';

/** The part of the Office global the host uses; the CDN's Office.js and the dev page's fake both fit. */
export type OfficeApi = typeof Office;

type Callback<T> = (result: Office.AsyncResult<T>) => void;

/** Turns one of Office.js's callback calls into a promise; a failed result becomes a HostError. */
function officeCall<T>(start: (callback: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((result) => {
      // Office.AsyncResultStatus.Succeeded is the string "succeeded"; fakes need not define the enum.
      if (String(result.status) === 'succeeded') resolve(result.value);
      else reject(new HostError(result.error?.message ?? 'Outlook refused the request', result.error?.code));
    });
  });
}

const person = (details: Office.EmailAddressDetails | undefined | null): MailPerson | null =>
  details?.emailAddress ? { name: details.displayName || details.emailAddress, email: details.emailAddress } : null;

const people = (list: Office.EmailAddressDetails[] | undefined | null): MailPerson[] =>
  (list ?? []).map(person).filter((p): p is MailPerson => p !== null);

function attachmentKind(type: unknown): MailAttachment['kind'] {
  const value = String(type ?? 'file').toLowerCase();
  return value === 'item' ? 'item' : value === 'cloud' ? 'cloud' : 'file';
}

/** Works in shared and function mailboxes; absent or refused means the user's own mailbox. */
async function sharedMailboxOf(item: { getSharedPropertiesAsync?: (callback: Callback<Office.SharedProperties>) => void }) {
  if (typeof item.getSharedPropertiesAsync !== 'function') return null;
  try {
    const shared = await officeCall<Office.SharedProperties>((cb) => item.getSharedPropertiesAsync!(cb));
    return shared?.targetMailbox || null;
  } catch {
    return null;
  }
}

function bodyTextOf(office: OfficeApi, body: Office.Body): Promise<string> {
  return officeCall<string>((cb) => body.getAsync(office.CoercionType.Text, cb));
}

/** Dark when the body background is dark: Outlook does not support officeTheme.isDarkTheme. */
export function themeOf(theme: Partial<Office.OfficeTheme> | undefined, forcedColors = false): HostTheme {
  const highContrast = forcedColors || Boolean((theme as { isHighContrast?: boolean } | undefined)?.isHighContrast);
  const rgb = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(theme?.bodyBackgroundColor?.trim() ?? '');
  if (!rgb) return { dark: false, highContrast };
  const [r, g, b] = rgb.slice(1, 4).map((hex) => parseInt(hex, 16) / 255) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return { dark: luminance < 0.5, highContrast };
}

function readMail(office: OfficeApi, item: Office.MessageRead): ReadMail {
  const mailbox = office.context.mailbox;
  const created = item.dateTimeCreated as Date | string | undefined;
  return {
    mode: 'read',
    itemId: mailbox.convertToRestId(item.itemId, office.MailboxEnums.RestVersion.v2_0),
    subject: item.subject ?? '',
    from: person(item.from),
    to: people(item.to),
    cc: people(item.cc),
    receivedAt: created ? new Date(created) : null,
    internetMessageId: item.internetMessageId,
    conversationId: item.conversationId || null,
    attachments: (item.attachments ?? []).map((a) => ({
      id: a.id,
      name: a.name,
      size: a.size,
      isInline: Boolean(a.isInline),
      contentType: a.contentType || null,
      kind: attachmentKind(a.attachmentType),
    })),
    bodyText: () => bodyTextOf(office, item.body),
    sharedMailbox: () => sharedMailboxOf(item),
  };
}

function composeMail(office: OfficeApi, item: Office.MessageCompose): ComposeMail {
  const mailbox = office.context.mailbox;
  return {
    mode: 'compose',
    conversationId: item.conversationId || null,
    subject: () => officeCall<string>((cb) => item.subject.getAsync(cb)),
    bodyText: () => bodyTextOf(office, item.body),
    async saveDraft() {
      const saved = await officeCall<string>((cb) => item.saveAsync(cb));
      // getItemIdAsync (Mailbox 1.8) gives the id the server knows; saveAsync's answer is the fallback.
      const id = typeof item.getItemIdAsync === 'function' ? await officeCall<string>((cb) => item.getItemIdAsync(cb)) : saved;
      return mailbox.convertToRestId(id, office.MailboxEnums.RestVersion.v2_0);
    },
    setCaseHeader: (caseNumber: string) =>
      officeCall<void>((cb) => item.internetHeaders.setAsync({ 'x-diarium-case': caseNumber }, cb)),
    sharedMailbox: () => sharedMailboxOf(item),
  };
}

/** A read item has its subject as a string; a compose item has an object with getAsync. */
function isCompose(item: Office.MessageRead | Office.MessageCompose): item is Office.MessageCompose {
  return typeof (item as { subject: unknown }).subject === 'object' && item.subject !== null;
}

function addHandler(office: OfficeApi, type: Office.EventType, handler: (args: unknown) => void): () => void {
  const mailbox = office.context.mailbox;
  mailbox.addHandlerAsync(type, handler);
  return () => mailbox.removeHandlerAsync(type);
}

/** The host on Office.js, after Office.onReady. */
export function createOfficeHost(office: OfficeApi, window_: Pick<Window, 'open' | 'matchMedia'> = window): MailHost {
  const mailbox = office.context.mailbox;
  const forcedColors = () => Boolean(window_.matchMedia?.('(forced-colors: active)').matches);
  return {
    displayLanguage: office.context.displayLanguage ?? '',
    userEmail: mailbox.userProfile?.emailAddress ?? null,
    currentItem(): MailItem | null {
      const item = mailbox.item as Office.MessageRead | Office.MessageCompose | null | undefined;
      if (!item) return null;
      return isCompose(item) ? composeMail(office, item) : readMail(office, item as Office.MessageRead);
    },
    onItemChanged: (listener) => addHandler(office, office.EventType.ItemChanged, () => listener()),
    theme: () => themeOf(office.context.officeTheme, forcedColors()),
    onThemeChanged: (listener) =>
      addHandler(office, office.EventType.OfficeThemeChanged, (args) => {
        const theme = (args as Partial<Office.OfficeThemeChangedEventArgs> | undefined)?.officeTheme ?? office.context.officeTheme;
        listener(themeOf(theme, forcedColors()));
      }),
    openUrl(url) {
      const ui = office.context.ui as Partial<Office.UI> | undefined;
      if (typeof ui?.openBrowserWindow === 'function') ui.openBrowserWindow(url);
      else window_.open(url, '_blank', 'noopener');
    },
  };
}
