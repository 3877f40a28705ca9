import { createHash, randomBytes } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail as MailparserMail } from 'mailparser';
import { parseMail } from '../../mail/mime.ts';

// The emulated Exchange behind the emulated Graph: mailboxes holding messages built from
// raw MIME. What Graph shows of a message (subject, addresses, attachments) is read from its
// MIME once, when it is added; `$value` gives the MIME back byte for byte.

export type FolderName = 'inbox' | 'sentitems' | 'drafts';

export interface GraphRecipient {
  emailAddress: { name: string; address: string };
}

/** An attachment as Graph lists it (without contentBytes). */
export interface GraphAttachment {
  '@odata.type': '#microsoft.graph.fileAttachment' | '#microsoft.graph.itemAttachment';
  id: string;
  lastModifiedDateTime: string;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId: string | null;
}

export interface EmulatedMessage {
  /** The id Outlook's REST API and the add-in use; changes when Exchange moves the item. */
  restId: string;
  /** The id Graph gives with `Prefer: IdType="ImmutableId"`; survives moves. */
  immutableId: string;
  folder: FolderName;
  raw: Buffer;
  internetMessageId: string;
  conversationId: string;
  subject: string;
  bodyPreview: string;
  body: { contentType: 'html' | 'text'; content: string };
  from: GraphRecipient | null;
  toRecipients: GraphRecipient[];
  ccRecipients: GraphRecipient[];
  bccRecipients: GraphRecipient[];
  replyTo: GraphRecipient[];
  sentDateTime: string | null;
  receivedDateTime: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  categories: string[];
  isRead: boolean;
  attachments: GraphAttachment[];
}

export interface MasterCategory {
  id: string;
  displayName: string;
  color: string;
}

export interface EmulatedMailbox {
  address: string;
  objectId: string | null;
  displayName: string;
  /** A user's own mailbox opens only for its owner; a shared one for anyone (delegated) and for apps. */
  kind: 'user' | 'shared';
  messages: EmulatedMessage[];
  masterCategories: MasterCategory[];
}

const exchangeId = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}AAA=`;

/**
 * Exchange's conversationId, the same in every mailbox for every mail of one thread: here
 * derived from the thread's first Message-ID (the first of References, else In-Reply-To,
 * else the mail's own).
 */
export function conversationIdFor(threadRoot: string): string {
  return `AAQkAD${createHash('sha256').update(threadRoot.trim().toLowerCase()).digest('base64url').slice(0, 40)}=`;
}

/** The Message-ID a thread is known by, from a parsed mail's headers. */
export function threadRootOf(mail: Pick<MailparserMail, 'references' | 'inReplyTo' | 'messageId'>): string | null {
  const references = Array.isArray(mail.references) ? mail.references : mail.references ? mail.references.split(/\s+/) : [];
  return references[0] ?? mail.inReplyTo?.split(/\s+/)[0] ?? mail.messageId ?? null;
}

function recipients(address: AddressObject | AddressObject[] | undefined): GraphRecipient[] {
  const list = Array.isArray(address) ? address : address ? [address] : [];
  return list.flatMap((a) => a.value).map((a) => ({ emailAddress: { name: a.name || a.address || '', address: a.address ?? '' } }));
}

export class GraphMailboxes {
  readonly #boxes = new Map<string, EmulatedMailbox>();

  addMailbox(mailbox: { address: string; objectId?: string; displayName: string; kind?: 'user' | 'shared' }): EmulatedMailbox {
    const box: EmulatedMailbox = {
      address: mailbox.address.toLowerCase(),
      objectId: mailbox.objectId ?? null,
      displayName: mailbox.displayName,
      kind: mailbox.kind ?? 'user',
      messages: [],
      masterCategories: [],
    };
    this.#boxes.set(box.address, box);
    return box;
  }

  /** A mailbox by its address (any case) or its owner's object id. */
  find(idOrAddress: string): EmulatedMailbox | undefined {
    const key = idOrAddress.toLowerCase();
    return this.#boxes.get(key) ?? [...this.#boxes.values()].find((b) => b.objectId?.toLowerCase() === key);
  }

  /** Delivers a mail, given as its raw MIME, into a folder of a mailbox. */
  async addMessage(
    address: string,
    raw: Buffer,
    options: { folder?: FolderName; receivedDateTime?: string; isRead?: boolean } = {},
  ): Promise<EmulatedMessage> {
    const box = this.find(address);
    if (!box) throw new Error(`No emulated mailbox ${address}`);
    const mail = await simpleParser(raw, { skipImageLinks: true });
    const { parts } = await parseMail(raw);
    // Exchange gives a mail without a Message-ID one of its own on delivery.
    const internetMessageId = mail.messageId ?? `<${randomBytes(12).toString('hex')}@emulated.graph>`;
    const sent = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null;
    const received = options.receivedDateTime ?? sent ?? new Date().toISOString();
    const text = (mail.text ?? '').replace(/\s+/g, ' ').trim();
    const message: EmulatedMessage = {
      restId: exchangeId('AAMkAD'),
      immutableId: exchangeId('AAkALg'),
      folder: options.folder ?? 'inbox',
      raw,
      internetMessageId,
      conversationId: conversationIdFor(threadRootOf(mail) ?? internetMessageId),
      subject: mail.subject ?? '',
      bodyPreview: text.slice(0, 255),
      body: typeof mail.html === 'string' ? { contentType: 'html', content: mail.html } : { contentType: 'text', content: mail.text ?? '' },
      from: recipients(mail.from)[0] ?? null,
      toRecipients: recipients(mail.to),
      ccRecipients: recipients(mail.cc),
      bccRecipients: recipients(mail.bcc),
      replyTo: recipients(mail.replyTo),
      sentDateTime: options.folder === 'drafts' ? null : sent,
      receivedDateTime: received,
      createdDateTime: received,
      lastModifiedDateTime: received,
      categories: [],
      isRead: options.isRead ?? false,
      attachments: parts.map((part, i) => ({
        '@odata.type': part.message ? '#microsoft.graph.itemAttachment' : '#microsoft.graph.fileAttachment',
        id: `${Buffer.from(`${internetMessageId}#${i}`).toString('base64url')}`,
        lastModifiedDateTime: received,
        name: part.name,
        contentType: part.mediaType,
        size: part.size,
        isInline: part.inline,
        contentId: part.contentId,
      })),
    };
    box.messages.push(message);
    return message;
  }

  /** A message by either of its ids; undefined once deleted. */
  message(box: EmulatedMailbox, id: string): EmulatedMessage | undefined {
    return box.messages.find((m) => m.restId === id || m.immutableId === id);
  }

  /**
   * Moves a message to another folder, as Exchange does: a new REST id, the same immutable
   * id. With `folder: null` the message is deleted.
   */
  move(box: EmulatedMailbox, id: string, folder: FolderName | null): EmulatedMessage | undefined {
    const message = this.message(box, id);
    if (!message) return undefined;
    if (folder === null) {
      box.messages.splice(box.messages.indexOf(message), 1);
      return undefined;
    }
    message.folder = folder;
    message.restId = exchangeId('AAMkAD');
    return message;
  }

  /** Sends a draft: it lands in Sent Items with the same internetMessageId, as Exchange keeps it. */
  send(box: EmulatedMailbox, id: string, at = new Date()): EmulatedMessage | undefined {
    const message = this.move(box, id, 'sentitems');
    if (message) {
      message.sentDateTime = at.toISOString();
      message.lastModifiedDateTime = at.toISOString();
    }
    return message;
  }
}
