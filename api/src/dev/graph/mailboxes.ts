import { createHash, randomBytes } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail as MailparserMail } from 'mailparser';
import { parseMail } from '../../mail/mime.ts';

// The emulated Exchange behind the emulated Graph: mailboxes holding messages built from
// raw MIME, in folders. What Graph shows of a message (subject, addresses, attachments) is
// read from its MIME once, when it is added; `$value` gives the MIME back byte for byte.
// Every change is numbered per mailbox, so that delta rounds (mail-delta.ts) can tell what
// changed since a token was issued, and listeners (subscriptions.ts) hear of it.

/** Graph's well-known folder names this emulator knows. */
export type FolderName = 'inbox' | 'sentitems' | 'drafts' | 'deleteditems' | 'junkemail' | 'archive';

const WELL_KNOWN_FOLDERS: Record<FolderName, string> = {
  inbox: 'Inbox',
  drafts: 'Drafts',
  sentitems: 'Sent Items',
  deleteditems: 'Deleted Items',
  junkemail: 'Junk Email',
  archive: 'Archive',
};

export interface EmulatedFolder {
  id: string;
  displayName: string;
  /** null for a top-level folder (its parent is the mailbox's msgfolderroot). */
  parentFolderId: string | null;
  wellKnownName: FolderName | null;
}

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
  /** Where it is: a well-known folder's name, or a created folder's id (see `folderKey`). */
  folder: string;
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
  /** The mailbox's change number when it last changed (arrived, moved, updated). */
  changeSeq: number;
  /** The mailbox's change number when it came into its current folder. */
  folderSeq: number;
}

/** A message that left a folder (deleted or moved out), as delta reports it. */
export interface EmulatedRemoval {
  restId: string;
  immutableId: string;
  folder: string;
  seq: number;
}

/** What a listener hears: a message came into a folder, changed in it, or left it. */
export interface MailboxChange {
  box: EmulatedMailbox;
  message: EmulatedMessage;
  /** The folder concerned: for `deleted`, the one it left. */
  folder: string;
  changeType: 'created' | 'updated' | 'deleted';
  /** Its ids in that folder (a move gives a new REST id). */
  restId: string;
  immutableId: string;
}

/** A mail for the fast path `addMessages`: no MIME is parsed. */
export interface SyntheticMessage {
  subject: string;
  from: { name?: string; address: string };
  to?: { name?: string; address: string }[];
  text?: string;
  receivedDateTime?: string;
  internetMessageId?: string;
  isRead?: boolean;
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
  folders: EmulatedFolder[];
  /** The last change number given out. */
  changeSeq: number;
  removals: EmulatedRemoval[];
  /** Bumped by `expireSyncState`: delta tokens of an older generation answer 410. */
  syncGeneration: number;
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

const display = (r: { name?: string; address: string }) => ({ emailAddress: { name: r.name ?? r.address, address: r.address } });
const mimeText = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`);
const mimeAddress = (r: { name?: string; address: string }) => (r.name ? `${mimeText(r.name.replace(/["\\\r\n]/g, ''))} <${r.address}>` : r.address);

export class GraphMailboxes {
  readonly #boxes = new Map<string, EmulatedMailbox>();
  /** Each mailbox's messages by either id, so that lookups stay cheap with 50 000 of them. */
  readonly #index = new WeakMap<EmulatedMailbox, Map<string, EmulatedMessage>>();
  readonly #listeners = new Set<(change: MailboxChange) => void>();

  addMailbox(mailbox: { address: string; objectId?: string; displayName: string; kind?: 'user' | 'shared' }): EmulatedMailbox {
    const address = mailbox.address.toLowerCase();
    const box: EmulatedMailbox = {
      address,
      objectId: mailbox.objectId ?? null,
      displayName: mailbox.displayName,
      kind: mailbox.kind ?? 'user',
      messages: [],
      masterCategories: [],
      folders: Object.entries(WELL_KNOWN_FOLDERS).map(([name, displayName]) => ({
        // The id messages have always shown as parentFolderId.
        id: Buffer.from(`${address}/${name}`).toString('base64url'),
        displayName,
        parentFolderId: null,
        wellKnownName: name as FolderName,
      })),
      changeSeq: 0,
      removals: [],
      syncGeneration: 0,
    };
    this.#boxes.set(box.address, box);
    this.#index.set(box, new Map());
    return box;
  }

  /** A mailbox by its address (any case) or its owner's object id. */
  find(idOrAddress: string): EmulatedMailbox | undefined {
    const key = idOrAddress.toLowerCase();
    return this.#boxes.get(key) ?? [...this.#boxes.values()].find((b) => b.objectId?.toLowerCase() === key);
  }

  /** Hears every change to every mailbox; returns a function that stops listening. */
  onChange(listener: (change: MailboxChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Makes every delta token issued so far for this mailbox answer 410, as when Exchange drops a sync state. */
  expireSyncState(address: string): void {
    this.#box(address).syncGeneration += 1;
  }

  /** A folder by its well-known name (any case) or its id. */
  folder(box: EmulatedMailbox, idOrName: string): EmulatedFolder | undefined {
    const lower = idOrName.toLowerCase();
    return box.folders.find((f) => f.wellKnownName === lower || f.id === idOrName);
  }

  /** How messages name their folder: the well-known name, else the id. */
  folderKey(folder: EmulatedFolder): string {
    return folder.wellKnownName ?? folder.id;
  }

  /** The folder a message's `folder` names. */
  folderOf(box: EmulatedMailbox, key: string): EmulatedFolder {
    const folder = this.folder(box, key);
    if (!folder) throw new Error(`No folder ${key} in ${box.address}`);
    return folder;
  }

  /** Creates a folder under a parent (null: top level); null if a sibling has that name already. */
  addFolder(box: EmulatedMailbox, displayName: string, parentFolderId: string | null = null): EmulatedFolder | null {
    const taken = box.folders.some((f) => f.parentFolderId === parentFolderId && f.displayName.toLowerCase() === displayName.toLowerCase());
    if (taken) return null;
    const folder: EmulatedFolder = { id: exchangeId('AAMkAGF'), displayName, parentFolderId, wellKnownName: null };
    box.folders.push(folder);
    return folder;
  }

  /** Delivers a mail, given as its raw MIME, into a folder of a mailbox. */
  async addMessage(
    address: string,
    raw: Buffer,
    options: { folder?: FolderName | string; receivedDateTime?: string; isRead?: boolean } = {},
  ): Promise<EmulatedMessage> {
    const box = this.#box(address);
    const folder = this.folderKey(this.folderOf(box, options.folder ?? 'inbox'));
    const mail = await simpleParser(raw, { skipImageLinks: true });
    const { parts } = await parseMail(raw);
    // Exchange gives a mail without a Message-ID one of its own on delivery.
    const internetMessageId = mail.messageId ?? `<${randomBytes(12).toString('hex')}@emulated.graph>`;
    const sent = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null;
    const received = options.receivedDateTime ?? sent ?? new Date().toISOString();
    const text = (mail.text ?? '').replace(/\s+/g, ' ').trim();
    return this.#deliver(box, {
      restId: exchangeId('AAMkAD'),
      immutableId: exchangeId('AAkALg'),
      folder,
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
      sentDateTime: folder === 'drafts' ? null : sent,
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
      changeSeq: 0,
      folderSeq: 0,
    });
  }

  /**
   * Delivers many plain-text mails at once without parsing MIME (addMessage parses each,
   * about 2 ms a mail): for benchmarks with tens of thousands of messages. Each still has a
   * small MIME of its own for `$value`.
   */
  addMessages(address: string, mails: SyntheticMessage[], options: { folder?: FolderName | string } = {}): EmulatedMessage[] {
    const box = this.#box(address);
    const folder = this.folderKey(this.folderOf(box, options.folder ?? 'inbox'));
    const domain = box.address.split('@')[1] ?? 'emulated.graph';
    return mails.map((mail) => {
      const internetMessageId = mail.internetMessageId ?? `<${randomBytes(12).toString('hex')}@${domain}>`;
      const received = mail.receivedDateTime ?? new Date().toISOString();
      const to = mail.to ?? [{ address: box.address, name: box.displayName }];
      const text = mail.text ?? '';
      const raw = Buffer.from(
        [
          `From: ${mimeAddress(mail.from)}`,
          `To: ${to.map(mimeAddress).join(', ')}`,
          `Subject: ${mimeText(mail.subject)}`,
          `Date: ${new Date(received).toUTCString()}`,
          `Message-ID: ${internetMessageId}`,
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset="utf-8"',
          'Content-Transfer-Encoding: 8bit',
          '',
          text,
          '',
        ].join('\r\n'),
      );
      return this.#deliver(box, {
        restId: exchangeId('AAMkAD'),
        immutableId: exchangeId('AAkALg'),
        folder,
        raw,
        internetMessageId,
        conversationId: conversationIdFor(internetMessageId),
        subject: mail.subject,
        bodyPreview: text.replace(/\s+/g, ' ').trim().slice(0, 255),
        body: { contentType: 'text', content: text },
        from: display(mail.from),
        toRecipients: to.map(display),
        ccRecipients: [],
        bccRecipients: [],
        replyTo: [],
        sentDateTime: received,
        receivedDateTime: received,
        createdDateTime: received,
        lastModifiedDateTime: received,
        categories: [],
        isRead: mail.isRead ?? false,
        attachments: [],
        changeSeq: 0,
        folderSeq: 0,
      });
    });
  }

  /** A message by either of its ids; undefined once deleted. */
  message(box: EmulatedMailbox, id: string): EmulatedMessage | undefined {
    return this.#index.get(box)?.get(id);
  }

  /** Changes what a user can change on a message (Graph's PATCH), as a change delta and subscriptions see. */
  update(box: EmulatedMailbox, id: string, patch: { categories?: string[]; isRead?: boolean }, at = new Date()): EmulatedMessage | undefined {
    const message = this.message(box, id);
    if (!message) return undefined;
    if (patch.categories !== undefined) message.categories = patch.categories;
    if (patch.isRead !== undefined) message.isRead = patch.isRead;
    message.lastModifiedDateTime = at.toISOString();
    message.changeSeq = ++box.changeSeq;
    this.#emit({ box, message, folder: message.folder, changeType: 'updated', restId: message.restId, immutableId: message.immutableId });
    return message;
  }

  /**
   * Moves a message to another folder (a well-known name or a folder id), as Exchange does:
   * a new REST id, the same immutable id. With `folder: null` the message is deleted.
   */
  move(box: EmulatedMailbox, id: string, folder: FolderName | string | null): EmulatedMessage | undefined {
    const message = this.message(box, id);
    if (!message) return undefined;
    const destination = folder === null ? null : this.folderKey(this.folderOf(box, folder));
    const index = this.#index.get(box)!;
    const left = { restId: message.restId, immutableId: message.immutableId, folder: message.folder };
    box.removals.push({ ...left, seq: ++box.changeSeq });
    index.delete(message.restId);
    if (destination === null) {
      index.delete(message.immutableId);
      box.messages.splice(box.messages.indexOf(message), 1);
      this.#emit({ box, message, changeType: 'deleted', ...left });
      return undefined;
    }
    message.folder = destination;
    message.restId = exchangeId('AAMkAD');
    message.changeSeq = message.folderSeq = ++box.changeSeq;
    index.set(message.restId, message);
    this.#emit({ box, message, changeType: 'deleted', ...left });
    this.#emit({ box, message, folder: destination, changeType: 'created', restId: message.restId, immutableId: message.immutableId });
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

  #box(address: string): EmulatedMailbox {
    const box = this.find(address);
    if (!box) throw new Error(`No emulated mailbox ${address}`);
    return box;
  }

  #deliver(box: EmulatedMailbox, message: EmulatedMessage): EmulatedMessage {
    message.changeSeq = message.folderSeq = ++box.changeSeq;
    box.messages.push(message);
    const index = this.#index.get(box)!;
    index.set(message.restId, message);
    index.set(message.immutableId, message);
    this.#emit({ box, message, folder: message.folder, changeType: 'created', restId: message.restId, immutableId: message.immutableId });
    return message;
  }

  #emit(change: MailboxChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}
