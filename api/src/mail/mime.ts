import type { Readable } from 'node:stream';
import { simpleParser, type AddressObject, type Attachment, type EmailAddress, type ParsedMail as Mail } from 'mailparser';
import { CounterpartySchema, type Counterparty, type MailAddress } from '@diarium/core';

/** The longest body text kept for search; the search index reads this much of it. */
export const MAX_BODY_TEXT = 100_000;

/** A part of a mail other than its body: what Outlook lists as an attachment. */
export interface MailPart {
  /** The name Outlook and Graph show for it; RFC 2231 and 2047 names come out decoded. */
  name: string;
  /** Names a choice may use for it: for a forwarded mail, also its subject with `.eml`. */
  names: string[];
  /** Whether the sender gave it a name; Exchange makes one up otherwise. */
  named: boolean;
  mediaType: string;
  size: number;
  /** Without angle brackets, as Graph gives it. */
  contentId: string | null;
  /** Shown in the body (an image in multipart/related) rather than as an attachment. */
  inline: boolean;
  /** A forwarded mail (message/rfc822), which Outlook shows as an item attachment. */
  message: boolean;
  content: Buffer;
}

export interface ParsedMail {
  subject: string | null;
  /** The body as plain text (from the HTML when there is no text part), for search. */
  bodyText: string | null;
  from: Counterparty | null;
  to: Counterparty | null;
  date: Date | null;
  parts: MailPart[];
}

/**
 * Reads a mail's MIME. A mail too broken to parse still registers as its .eml (rule 6): it
 * comes back with no text and no parts.
 */
export async function parseMail(source: Readable | Buffer): Promise<ParsedMail> {
  const mail = await parse(source);
  if (!mail) return { subject: null, bodyText: null, from: null, to: null, date: null, parts: [] };
  const text = textOf(mail);
  return {
    subject: mail.subject?.trim() || null,
    bodyText: text ? text.slice(0, MAX_BODY_TEXT) : null,
    from: counterpartyOf(mail.from),
    to: counterpartyOf(Array.isArray(mail.to) ? mail.to[0] : mail.to),
    date: dateOf(mail.date),
    parts: await partsOf(mail.attachments),
  };
}

/** A mail as a reader sees it: every address, the HTML as sent (cid: links untouched) and the parts. */
export interface ReadMail {
  messageId: string | null;
  subject: string | null;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  date: Date | null;
  html: string | null;
  text: string | null;
  parts: MailPart[];
  /** What marks a mail as sent by a machine or to a list (RFC 2369, RFC 3834), for routing. */
  automatic: { listUnsubscribe?: boolean; precedence?: string; autoSubmitted?: string };
}

/** Reads a registered mail's MIME for showing it; a mail too broken to parse shows as empty. */
export async function readMail(source: Readable | Buffer): Promise<ReadMail> {
  const mail = await parse(source);
  if (!mail) return { messageId: null, subject: null, from: [], to: [], cc: [], date: null, html: null, text: null, parts: [], automatic: {} };
  const text = textOf(mail);
  return {
    messageId: mail.messageId ?? null,
    subject: mail.subject?.trim() || null,
    from: addressesOf(mail.from),
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    date: dateOf(mail.date),
    html: typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : null,
    text: text || null,
    parts: await partsOf(mail.attachments),
    automatic: automaticOf(mail),
  };
}

function automaticOf(mail: Mail): ReadMail['automatic'] {
  const header = (name: string) => {
    const value = mail.headers.get(name);
    return typeof value === 'string' ? value : value === undefined ? undefined : String((value as { value?: unknown }).value ?? value);
  };
  const precedence = header('precedence');
  const autoSubmitted = header('auto-submitted');
  return {
    // mailparser gathers the List-* headers under "list".
    ...(mail.headers.has('list-unsubscribe') || (mail.headers.get('list') as { unsubscribe?: unknown } | undefined)?.unsubscribe ? { listUnsubscribe: true } : {}),
    ...(precedence !== undefined ? { precedence } : {}),
    ...(autoSubmitted !== undefined ? { autoSubmitted } : {}),
  };
}

async function parse(source: Readable | Buffer): Promise<Mail | null> {
  try {
    return await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    return null;
  }
}

const textOf = (mail: Mail) => (mail.text ?? '').replaceAll('\u0000', '').trim();

async function partsOf(attachments: Attachment[]): Promise<MailPart[]> {
  const parts: MailPart[] = [];
  let unnamed = 0;
  for (const attachment of attachments) {
    const message = attachment.contentType === 'message/rfc822';
    const innerSubject = message ? await subjectOf(attachment.content) : null;
    const filename = attachment.filename?.trim() || null;
    const name = filename ?? innerSubject ?? generatedName(++unnamed, attachment.contentType);
    parts.push({
      name,
      names: [...new Set([name, ...(innerSubject ? [innerSubject, `${innerSubject}.eml`] : [])])],
      named: filename !== null,
      mediaType: attachment.contentType,
      size: attachment.size,
      contentId: attachment.cid ? attachment.cid.replace(/^<|>$/g, '') : null,
      inline: isInline(attachment),
      message,
      content: attachment.content,
    });
  }
  return parts;
}

const dateOf = (date: Date | undefined) => (date && !Number.isNaN(date.getTime()) ? date : null);

function addressesOf(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const flat = (list: EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flat(a.group) : [a]));
  return flat([field ?? []].flat().flatMap((a) => a.value))
    .map((a) => ({ name: a.name.replace(/\s+/g, ' ').trim() || null, address: a.address?.trim() || null }))
    .filter((a) => a.name !== null || a.address !== null);
}

function isInline(attachment: Attachment): boolean {
  return attachment.related === true || (attachment.contentDisposition === 'inline' && Boolean(attachment.cid));
}

async function subjectOf(content: Buffer): Promise<string | null> {
  try {
    return (await simpleParser(content, { skipHtmlToText: true, skipImageLinks: true })).subject?.trim() || null;
  } catch {
    return null;
  }
}

const EXTENSIONS: Record<string, string> = {
  'text/plain': '.txt',
  'text/html': '.htm',
  'text/calendar': '.ics',
  'message/rfc822': '.eml',
  'message/delivery-status': '.txt',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'application/pdf': '.pdf',
};

/** Exchange's name for an attachment the sender did not name: ATT00001.txt, ATT00002.bin… */
function generatedName(n: number, mediaType: string): string {
  return `ATT${String(n).padStart(5, '0')}${EXTENSIONS[mediaType] ?? '.bin'}`;
}

function counterpartyOf(address: AddressObject | undefined): Counterparty | null {
  const first = address?.value.find((a) => a.address || a.name);
  if (!first) return null;
  const name = (first.name || first.address || '').replace(/\s+/g, ' ').trim().slice(0, 200);
  const candidate = { name, ...(first.address ? { email: first.address } : {}) };
  // A name or address the register would refuse from a person is left out, not stored as it is.
  const parsed = CounterpartySchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const nameOnly = CounterpartySchema.safeParse({ name });
  return nameOnly.success ? nameOnly.data : null;
}
