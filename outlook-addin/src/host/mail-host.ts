/**
 * What the pane needs from Outlook, and nothing more. The one real implementation sits on
 * Office.js (office-host.ts); the simulated Outlook page and the tests drive the same code
 * through a fake Office.js or a fake host.
 */

export interface MailPerson {
  name: string;
  email: string;
}

export interface MailAttachment {
  id: string;
  name: string;
  size: number;
  isInline: boolean;
  contentType: string | null;
  /** `file` is in the mail's MIME; `item` is an attached mail; `cloud` is only a link. */
  kind: 'file' | 'item' | 'cloud';
}

/** A received (or sent) mail open for reading. */
export interface ReadMail {
  mode: 'read';
  /** The item's REST id (v2.0), as the API expects it. */
  itemId: string;
  subject: string;
  from: MailPerson | null;
  to: MailPerson[];
  cc: MailPerson[];
  /** When the mail reached the mailbox (Outlook's dateTimeCreated for a received item). */
  receivedAt: Date | null;
  internetMessageId: string;
  conversationId: string | null;
  attachments: MailAttachment[];
  bodyText(): Promise<string>;
  /** The shared or function mailbox the item lives in; null for the user's own. */
  sharedMailbox(): Promise<string | null>;
}

/** A mail being written. */
export interface ComposeMail {
  mode: 'compose';
  conversationId: string | null;
  subject(): Promise<string>;
  bodyText(): Promise<string>;
  /** Saves the draft and gives its REST id: the API can only find a saved item. */
  saveDraft(): Promise<string>;
  /** Stamps the case number on the mail being written, so its sent copy is recognised. */
  setCaseHeader(caseNumber: string): Promise<void>;
  sharedMailbox(): Promise<string | null>;
}

export type MailItem = ReadMail | ComposeMail;

export interface HostTheme {
  dark: boolean;
  highContrast: boolean;
}

export interface MailHost {
  /** Outlook's display language, e.g. `sv-SE`. */
  displayLanguage: string;
  /** The signed-in user's own address, when Outlook tells it. */
  userEmail: string | null;
  /** The item open now; null when nothing is selected (a pinned pane between mails). */
  currentItem(): MailItem | null;
  /** Calls back when a pinned pane moves to another item. Returns the way to stop. */
  onItemChanged(listener: () => void): () => void;
  theme(): HostTheme;
  onThemeChanged(listener: (theme: HostTheme) => void): () => void;
  /** Opens an address outside Outlook (Teams, the web view of a case). */
  openUrl(url: string): void;
}

/** The error a host call gives when Outlook refuses it, with Outlook's own words. */
export class HostError extends Error {
  readonly code: string | number | undefined;
  constructor(message: string, code?: string | number) {
    super(message);
    this.name = 'HostError';
    this.code = code;
  }
}
