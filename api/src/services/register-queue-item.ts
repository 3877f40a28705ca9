import { sql } from 'drizzle-orm';
import { AppError, canActOnQueueItem, type Document, type QueueItem, type QueueItemMail, type RegisterQueueItemSchema } from '@diarium/core';
import type { z } from 'zod';
import { formatBytes } from '../files/format-bytes.ts';
import type { MailSource } from '../ingest/mail-source.ts';
import { readMail } from '../mail/mime.ts';
import { rowsOf } from '../store/database.ts';
import { appendQueueItemEvents } from '../store/function-mailboxes.ts';
import type { Actor, Deps } from './context.ts';
import type { AttachmentSelection, MailAtSource } from './fetch-mail.ts';
import { mailContent } from './get-mail.ts';
import { requestQueueItemMark } from './mark-queue-item.ts';
import { getQueueItem, handleableQueue } from './queues.ts';
import type { Registered } from './register-case.ts';
import { planMailTarget, registerMailFrom } from './register-mail.ts';

/** As asked through the API; a bulk registration asks for every attachment but the images in the text. */
export type RegisterQueueItemInput = Omit<z.output<typeof RegisterQueueItemSchema>, 'attachments'> & { attachments: AttachmentSelection };

/** What registering from a queue needs: the register, the size limit, and where the function mailboxes' mail lies. */
export interface QueueMailDeps extends Deps {
  maxUploadBytes: number;
  /** Null when this server reads no function mailboxes: nothing can be fetched. */
  mailSource: MailSource | null;
}

export interface QueueItemRegistration {
  item: QueueItem;
  document: Document;
  alreadyRegistered: boolean;
}

interface ItemRow {
  org_id: string;
  queue_id: string;
  status: QueueItem['status'];
  version: number;
  source_id: string;
  internet_message_id: string;
  subject: string;
  received_at: Date | string;
  mailbox_address: string;
}

/**
 * Registers a function mailbox's message into an existing case or a new one, through the same
 * use case as the add-in (registerMailFrom), reading the mail as Diarium itself from where it
 * lies. The item is then registered, its history says by whom and as what, and its mail is
 * marked in the mailbox by a job. Two registrars at once: the mail's own rule decides (the
 * same case gives the same document; another case is refused unless asked), and the item
 * records the first.
 */
export async function registerQueueItem(
  deps: QueueMailDeps,
  actor: Actor,
  itemId: string,
  version: number | undefined,
  input: RegisterQueueItemInput,
): Promise<Registered<QueueItemRegistration>> {
  const row = await itemToHandle(deps, actor, itemId);
  if (version !== undefined && version !== row.version) {
    throw new AppError('precondition_failed', 'The item has changed since it was read', { fields: [{ field: 'If-Match', message: 'problem.precondition_failed.detail' }] });
  }
  if (!canActOnQueueItem(row.status, 'register')) {
    throw new AppError('conflict', `Cannot register an item that is ${row.status}`, { fields: [{ field: 'action', message: 'field.queueItem.state' }], params: { status: row.status } });
  }
  const source = sourceOf(deps);

  const target = await planMailTarget(deps, actor, input.target);
  const mail: MailAtSource = {
    facts: {
      internetMessageId: row.internet_message_id,
      conversationId: null,
      size: null,
      subject: row.subject || null,
      receivedAt: new Date(row.received_at).toISOString(),
      sentAt: null,
    },
    mailbox: row.mailbox_address,
    itemId: source.kind === 'graph' ? row.source_id : null,
    open: () => source.open(row.mailbox_address, row.source_id),
  };
  const registered = await registerMailFrom(deps, actor, target, mail, { ...input, direction: 'incoming' });
  const document = registered.value;

  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    // Another registrar may have registered it meanwhile: the item keeps the first registration.
    const [done] = rowsOf<{ version: number }>(
      await tx.execute(sql`
        update queue_items set status = 'registered', document_id = ${document.id}, assignee_id = coalesce(assignee_id, ${actor.user.id}),
          version = version + 1, updated_at = ${at.toISOString()}::timestamptz
        where id = ${itemId} and status = 'waiting'
        returning version`),
    );
    if (!done) return;
    await appendQueueItemEvents(tx, [
      {
        orgId: actor.orgId,
        itemId,
        actorId: actor.user.id,
        action: 'item.register',
        detail: { documentId: document.id, documentNumber: document.documentNumber, caseId: document.caseId, newCase: target.kind === 'newCase' },
        at,
      },
    ]);
    await requestQueueItemMark(tx, { id: itemId, version: done.version }, at);
  });
  const item = await getQueueItem(deps, actor, itemId);
  return { outcome: registered.outcome, value: { item, document, alreadyRegistered: registered.outcome === 'existing' } };
}

/** The item, in a queue the actor handles (else not_found: one they may not is not told apart from none). */
async function itemToHandle(deps: Pick<Deps, 'db'>, actor: Actor, itemId: string): Promise<ItemRow> {
  const [row] = rowsOf<ItemRow>(
    await deps.db.execute(sql`
      select i.org_id, i.queue_id, i.status, i.version, i.source_id, i.internet_message_id, i.subject, i.received_at, mb.address as mailbox_address
      from queue_items i join function_mailboxes mb on mb.id = i.mailbox_id
      where i.id = ${itemId} and i.org_id = ${actor.orgId}`),
  );
  if (!row) throw new AppError('not_found', 'No such queue item');
  await handleableQueue(deps.db, actor, row.queue_id);
  return row;
}

function sourceOf(deps: QueueMailDeps): MailSource {
  if (!deps.mailSource) throw new AppError('unavailable', 'No mail source on this server', { detail: 'mail.source.off' });
  return deps.mailSource;
}

/**
 * Opens a queue item's mail from where it lies, for its queue's members to read before they
 * decide: headers, body and attachments (the HTML is sanitised by the viewer). Recorded in the
 * item's history. A mail over the upload limit is not read.
 */
export async function readQueueItemMail(deps: QueueMailDeps, actor: Actor, itemId: string): Promise<QueueItemMail> {
  const row = await itemToHandle(deps, actor, itemId);
  const stream = await sourceOf(deps).open(row.mailbox_address, row.source_id);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > deps.maxUploadBytes) {
      stream.destroy();
      const limit = formatBytes(deps.maxUploadBytes);
      throw new AppError('payload_too_large', `The mail is larger than ${limit}`, { params: { limit }, detail: 'mail.tooLarge' });
    }
    chunks.push(chunk);
  }
  const mail = await readMail(Buffer.concat(chunks));
  await appendQueueItemEvents(deps.db, [{ orgId: actor.orgId, itemId, actorId: actor.user.id, action: 'item.open', detail: {}, at: deps.now() }]);
  return { itemId, ...mailContent(mail) };
}
