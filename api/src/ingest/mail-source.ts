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
  /** The page after `cursor`; null starts a full round. Throws SyncStateLost when the cursor has expired. */
  page(mailbox: string, cursor: string | null): Promise<SyncPage>;
}

/** The source no longer knows the cursor (Graph: 410 Gone, syncStateNotFound): sync again from the start. */
export class SyncStateLost extends Error {
  override readonly name = 'SyncStateLost';
}
