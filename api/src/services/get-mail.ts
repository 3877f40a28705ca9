import { buffer } from 'node:stream/consumers';
import { AppError, type MailContent, type MailView } from '@diarium/core';
import { inlineImages } from '../mail/inline-images.ts';
import { readMail, type ReadMail } from '../mail/mime.ts';
import type { DocumentFileRow } from '../store/documents.ts';
import type { Actor, Deps } from './context.ts';
import { loadReadableDocument, openStoredFile, recordFileRead } from './read-file.ts';

/**
 * A registered mail as its reader sees it, read from the document's .eml (rule 6), for those
 * who may read the document's files; reading a confidential one is recorded as reading the
 * file. The HTML is not sanitised here: the viewer does that.
 */
export async function getMail(deps: Deps, actor: Actor, documentId: string): Promise<MailView> {
  const { doc, record } = await loadReadableDocument(deps, actor, documentId);
  // The mail's own .eml first: it is the main file unless an attachment was chosen as main.
  const candidates = doc.files.filter((f) => f.mediaType === 'message/rfc822').sort((a, b) => Number(b.main) - Number(a.main));
  if (candidates.length === 0) throw new AppError('not_a_mail', 'The document holds no .eml');

  let shown: { file: DocumentFileRow; mail: ReadMail } | null = null;
  for (const file of candidates) {
    const mail = await readMail(await buffer(await openStoredFile(deps, actor, record, doc, file)));
    shown ??= { file, mail };
    // A forwarded mail kept as an attachment is an .eml too: the registered one has the document's Message-ID.
    if (candidates.length === 1 || (doc.source === 'mail' && mail.messageId === doc.sourceRef)) {
      shown = { file, mail };
      break;
    }
  }
  const { file, mail } = shown!;
  await recordFileRead(deps, actor, record, doc, file);
  return { documentId: doc.id, ...mailContent(mail) };
}

/** What a reader sees of a mail; the HTML is not sanitised here: the viewer does that. */
export function mailContent(mail: ReadMail): MailContent {
  return {
    subject: mail.subject,
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    date: mail.date?.toISOString() ?? null,
    html: mail.html === null ? null : inlineImages(mail.html, mail.parts),
    text: mail.text,
    attachments: mail.parts.map((p) => ({ name: p.name, mediaType: p.mediaType, size: p.size, inline: p.inline })),
  };
}
