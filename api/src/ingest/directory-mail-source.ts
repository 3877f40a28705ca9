import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '@diarium/core';
import { readMail } from '../mail/mime.ts';
import type { IncomingMessage, MailSource } from './mail-source.ts';

/**
 * A function mailbox as a folder of `.eml` files, `{root}/{address}/`: what `npm start` reads,
 * and what an e-service platform that delivers to a folder writes. Files are read in order of
 * modification time, then name; the cursor is the last file read. A file stays where it is until
 * its message is handled; then it moves to the mailbox's handled folder, a subfolder, when one is
 * named. A folder of files has no categories: that part of the mark is Outlook's alone.
 *
 * Whoever delivers writes each file under another name (or elsewhere) and renames it into the
 * folder when complete, keeping a current modification time: a file moved in with an old one
 * sorts behind the cursor and is not read.
 */
export function directoryMailSource(root: string, options: { pageSize?: number; settleMs?: number } = {}): MailSource {
  const pageSize = options.pageSize ?? 100;
  // A file is read once its modification time is this far behind: a file written in the same
  // tick of the file system's clock as the last one read, with a name sorting before it, would
  // otherwise fall behind the cursor and never be read.
  const settleMs = options.settleMs ?? 0;
  return {
    kind: 'directory',
    async page(mailbox, cursor) {
      const folder = mailboxFolder(root, mailbox);
      const after = cursor ? Cursor.read(cursor) : null;
      const settled = Date.now() - settleMs;
      const files = (await listEml(folder)).filter(
        (f) => (settleMs === 0 || f.mtimeMs < settled) && (!after || f.mtimeMs > after.mtimeMs || (f.mtimeMs === after.mtimeMs && f.name > after.name)),
      );
      const taken = files.slice(0, pageSize);
      const messages = await Promise.all(taken.map((f) => read(folder, f.name, f.mtimeMs)));
      const last = taken.at(-1);
      return {
        messages,
        cursor: last ? Cursor.write({ mtimeMs: last.mtimeMs, name: last.name }) : (cursor ?? Cursor.write({ mtimeMs: 0, name: '' })),
        done: files.length <= pageSize,
      };
    },
    async open(mailbox, sourceId) {
      const file = await locate(mailboxFolder(root, mailbox), sourceId);
      return createReadStream(file);
    },
    async mark(mailbox, sourceId, mark) {
      if (!mark.moveTo) return;
      const folder = mailboxFolder(root, mailbox);
      const file = await locate(folder, sourceId);
      const handled = join(folder, safeName(mark.moveTo));
      if (file === join(handled, sourceId)) return;
      await mkdir(handled, { recursive: true });
      await rename(file, join(handled, sourceId));
    },
  };
}

/** A name from the register as one path segment, never a way out of the mailbox's folder. */
function safeName(name: string): string {
  const safe = basename(name.replace(/[\\/]/gu, '_'));
  if (!safe || safe === '.' || safe === '..') throw new AppError('validation_failed', `Not a file or folder name: ${name}`);
  return safe;
}

/** The message's file: in the mailbox's folder, or in a subfolder it was moved to once handled. */
async function locate(folder: string, sourceId: string): Promise<string> {
  const name = safeName(sourceId);
  const candidates = [join(folder, name)];
  try {
    for (const entry of await readdir(folder, { withFileTypes: true })) if (entry.isDirectory()) candidates.push(join(folder, entry.name, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const candidate of candidates) {
    const found = await stat(candidate).then(
      (s) => s.isFile(),
      () => false,
    );
    if (found) return candidate;
  }
  throw new AppError('mail_not_found', `No file ${name} in the mailbox's folder`);
}

export function mailboxFolder(root: string, mailbox: string): string {
  return join(root, mailbox.toLowerCase());
}

const Cursor = {
  write: (at: { mtimeMs: number; name: string }) => `${at.mtimeMs}:${at.name}`,
  read(cursor: string): { mtimeMs: number; name: string } {
    const colon = cursor.indexOf(':');
    return { mtimeMs: Number(cursor.slice(0, colon)) || 0, name: cursor.slice(colon + 1) };
  },
};

async function listEml(folder: string): Promise<{ name: string; mtimeMs: number }[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.toLowerCase().endsWith('.eml'));
  } catch (error) {
    // No folder yet is an empty mailbox.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = await Promise.all(names.map(async (name) => ({ name, mtimeMs: Math.floor((await stat(join(folder, name))).mtimeMs) })));
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function read(folder: string, name: string, mtimeMs: number): Promise<IncomingMessage> {
  const bytes = await readFile(join(folder, name));
  const mail = await readMail(bytes);
  const text = mail.text ?? '';
  const addresses = (list: { address: string | null }[]) => list.flatMap((a) => (a.address ? [a.address.toLowerCase()] : []));
  const sender = mail.from.find((a) => a.address);
  const from = sender?.address ? { address: sender.address.toLowerCase(), name: sender.name ?? null } : null;
  return {
    sourceId: name,
    // A mail without a Message-ID is still one item: known by its bytes.
    internetMessageId: mail.messageId ?? `<sha256.${createHash('sha256').update(bytes).digest('hex')}@diarium>`,
    subject: mail.subject ?? '',
    from: from ? { address: from.address, ...(from.name ? { name: from.name } : {}) } : null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    receivedAt: mail.date ?? new Date(mtimeMs),
    bodyPreview: text.replace(/\s+/gu, ' ').trim().slice(0, 255),
    bodyText: text,
    hasAttachments: mail.parts.some((p) => !p.inline),
    headers: mail.automatic,
  };
}
