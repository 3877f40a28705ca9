import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { AppError, cleanMediaType, isAppError } from '@diarium/core';
import type { StoredBlob } from '../files/blob-store.ts';
import { formatBytes } from '../files/format-bytes.ts';
import { graphFailure } from '../graph/graph-errors.ts';
import type { MessageFacts } from '../graph/mail.ts';
import { fileNameFor, matchAttachments, type AttachmentChoice } from '../mail/attachments.ts';
import { parseMail, type ParsedMail } from '../mail/mime.ts';
import type { MailDeps } from './context.ts';
import { removeBlobs, type UploadedFile } from './register-document.ts';

/** Which attachments go in: those the user chose, or (a sent mail) all but the inline images. */
export type AttachmentSelection = AttachmentChoice[] | 'all-but-inline';

export interface FetchedMail {
  parsed: ParsedMail;
  /** The .eml (byte for byte as Exchange gave it) and the attachments, in the blob store. */
  files: UploadedFile[];
}

function tooLarge(maxBytes: number, cause?: unknown): AppError {
  const limit = formatBytes(maxBytes);
  return new AppError('payload_too_large', `The mail is larger than ${limit}`, {
    params: { limit },
    detail: 'mail.tooLarge',
    fields: [{ field: 'itemId', message: 'mail.tooLarge' }],
    cause,
  });
}

/** A mail where it lies (a mailbox through Graph, a function mailbox's folder), before it is fetched. */
export interface MailAtSource {
  facts: Pick<MessageFacts, 'internetMessageId' | 'conversationId' | 'size' | 'subject' | 'receivedAt' | 'sentAt'>;
  /** The shared or function mailbox it came from, or null for the registering user's own. */
  mailbox: string | null;
  /** Graph's immutable id, recorded beside the document; null when it did not come through Graph. */
  itemId: string | null;
  /** Its MIME exactly as the source holds it. */
  open(): Promise<Readable>;
}

/**
 * Fetches a mail's MIME into the blob store, reads it back, and stores the chosen attachments
 * beside it. A mail over the upload limit is refused before a byte is fetched (by the size
 * Exchange reports) or as soon as the limit is crossed; a choice that is not in the mail is
 * refused with nothing left stored.
 */
export async function fetchMail(deps: Pick<MailDeps, 'blobs' | 'maxUploadBytes'>, source: MailAtSource, selection: AttachmentSelection): Promise<FetchedMail> {
  const { facts } = source;
  if (facts.size !== null && facts.size > deps.maxUploadBytes) throw tooLarge(deps.maxUploadBytes);
  const mime = await source.open();
  const eml = await deps.blobs.put(mime, { maxBytes: deps.maxUploadBytes, mediaType: 'message/rfc822' }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'payload_too_large') throw tooLarge(deps.maxUploadBytes, error);
    throw isAppError(error) ? error : graphFailure(error, 'read $value');
  });
  return readStoredMail(deps, eml, facts.subject, selection);
}

/**
 * Reads a mail already in the blob store and stores the selected attachments beside it.
 * On any failure nothing of it is left stored, the .eml included.
 */
export async function readStoredMail(
  deps: Pick<MailDeps, 'blobs' | 'maxUploadBytes'>,
  eml: StoredBlob,
  subject: string | null,
  selection: AttachmentSelection,
): Promise<FetchedMail> {
  const stored: UploadedFile[] = [];
  try {
    // Read back what was stored, checking its digest: what is parsed is what the register keeps.
    const parsed = await parseMail(await buffer(await deps.blobs.get(eml.key, eml)));
    const chosen =
      selection === 'all-but-inline'
        ? parsed.parts.filter((p) => !p.inline).map((part) => ({ part, choice: { name: part.name, main: false } }))
        : matchAttachments(selection, parsed.parts);
    const anyMain = chosen.some((c) => c.choice.main);
    stored.push({
      name: fileNameFor(subject ?? parsed.subject ?? '', '.eml'),
      mediaType: 'message/rfc822',
      blob: eml,
      main: !anyMain,
    });
    for (const { part, choice } of chosen) {
      const blob = await deps.blobs.put(Readable.from([part.content]), { maxBytes: deps.maxUploadBytes, mediaType: part.mediaType });
      stored.push({
        name: fileNameFor(part.name, part.message ? '.eml' : ''),
        mediaType: cleanMediaType(part.mediaType),
        blob,
        main: choice.main,
      });
    }
    return { parsed, files: stored };
  } catch (error) {
    await removeBlobs(deps, [{ blob: eml }, ...stored]);
    throw error;
  }
}
