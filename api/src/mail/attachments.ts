import { AppError, MAX_FILE_NAME, type FieldError } from '@diarium/core';
import type { MailPart } from './mime.ts';

/** An attachment as the add-in names it (Outlook's attachment list). */
export interface AttachmentChoice {
  name: string;
  size?: number | undefined;
  contentId?: string | undefined;
  main: boolean;
}

const cid = (value: string) => value.replace(/^<|>$/g, '').trim().toLowerCase();
const sameName = (a: string, b: string) => a.normalize('NFC') === b.normalize('NFC');

/**
 * Finds the MIME part behind each chosen attachment: by content id when Outlook gave one,
 * else by name, with the size (and then the order Outlook lists them in) telling apart
 * parts of the same name; an unnamed part is found by its size alone. A choice that
 * matches nothing is refused, naming it (`attachments.2`), before anything is stored.
 */
export function matchAttachments(choices: AttachmentChoice[], parts: MailPart[]): { choice: AttachmentChoice; part: MailPart }[] {
  const taken = new Set<MailPart>();
  const matched: { choice: AttachmentChoice; part: MailPart }[] = [];
  const missing: FieldError[] = [];
  choices.forEach((choice, i) => {
    const free = parts.filter((p) => !taken.has(p));
    const part =
      (choice.contentId ? free.find((p) => p.contentId !== null && cid(p.contentId) === cid(choice.contentId!)) : undefined) ??
      byName(free, choice) ??
      (choice.size !== undefined ? only(free.filter((p) => !p.named && p.size === choice.size)) : undefined);
    if (!part) {
      missing.push({ field: `attachments.${i}`, message: 'field.attachments.unknown' });
      return;
    }
    taken.add(part);
    matched.push({ choice, part });
  });
  if (missing.length > 0) {
    throw new AppError('attachment_not_found', `${missing.length} chosen attachment(s) not in the mail`, { fields: missing });
  }
  return matched;
}

function byName(parts: MailPart[], choice: AttachmentChoice): MailPart | undefined {
  const named = parts.filter((p) => p.names.some((n) => sameName(n, choice.name)));
  if (named.length <= 1 || choice.size === undefined) return named[0];
  return named.find((p) => p.size === choice.size) ?? named[0];
}

function only<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

/**
 * A name the register keeps a file under (no path, no control characters, at most 255
 * characters, extension kept): a mail's subject or a sender's file name can be anything.
 */
export function fileNameFor(name: string, extension = ''): string {
  // eslint-disable-next-line no-control-regex
  let clean = name.replace(/[\u0000-\u001f\u007f/\\]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (clean === '' || /^\.+$/.test(clean)) clean = 'e-post';
  if (extension && !clean.toLowerCase().endsWith(extension)) clean += extension;
  if (clean.length <= MAX_FILE_NAME) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  // Cut on a whole character: a half surrogate pair is not text.
  return clean.slice(0, MAX_FILE_NAME - ext.length).replace(/[\uD800-\uDBFF]$/, '').trimEnd() + ext;
}
