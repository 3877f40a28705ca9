import type { Readable } from 'node:stream';
import type { RoutableMessage } from '@diarium/core';

/** A message as a mail source reports it: enough to route it and to find it again. */
export interface IncomingMessage {
  /** Where to read it again: Graph's immutable id, or the file's name for a directory source. */
  sourceId: string;
  /** The message's own id, the same in every copy of it: what makes it one queue item. */
  internetMessageId: string;
  subject: string;
  from: { address: string; name?: string } | null;
  to: string[];
  cc: string[];
  receivedAt: Date;
  bodyPreview: string;
  /** What routing reads for case numbers: the body where the source has it cheaply, else the preview. */
  bodyText: string;
  hasAttachments: boolean;
  headers: RoutableMessage['headers'];
}

/** One step of a sync: the messages it brought, and where the next step starts. */
export interface SyncPage {
  messages: IncomingMessage[];
  /** Where to go on from (Graph: the next link mid-round, the delta link at its end). */
  cursor: string;
  /** The round is complete: `cursor` waits for what comes next. */
  done: boolean;
}

/**
 * Where a function mailbox's mail comes from: Microsoft Graph's delta query, or a folder of
 * `.eml` files (npm start, and e-service platforms that deliver to a folder). Reading a page
 * has no effect; the caller stores the cursor with what the page produced.
 */
export interface MailSource {
  /** Graph's ids are kept beside a registered mail (to find it again); a file's name is not. */
  readonly kind: 'graph' | 'directory';
  /** The page after `cursor`; null starts a full round. Throws SyncStateLost when the cursor has expired. */
  page(mailbox: string, cursor: string | null): Promise<SyncPage>;
  /** The message's MIME as the source holds it, to register. AppError `mail_not_found` when it is gone. */
  open(mailbox: string, sourceId: string): Promise<Readable>;
  /** Marks a handled message in the mailbox: a category, then a move to the handled folder when one is named. */
  mark(mailbox: string, sourceId: string, mark: MailMark): Promise<void>;
}

/** How a handled message is marked where it lies: `Diarieförd KS 2026/0042-3`, or `Hanterad`. */
export interface MailMark {
  category: string;
  /** Outlook's preset colour for the category. */
  color: string;
  /** The folder to move it to (made when missing); null leaves it in the inbox. */
  moveTo: string | null;
}

/** The source no longer knows the cursor (Graph: 410 Gone, syncStateNotFound): sync again from the start. */
export class SyncStateLost extends Error {
  override readonly name = 'SyncStateLost';
}
