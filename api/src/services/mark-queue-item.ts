import { sql } from 'drizzle-orm';
import { t } from '@diarium/core';
import type { MailMark, MailSource } from '../ingest/mail-source.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { rowsOf, type Queryable } from '../store/database.ts';
import { appendQueueItemEvents } from '../store/function-mailboxes.ts';
import type { Deps } from './context.ts';
import { CATEGORY_COLOR, registeredCategory } from './mark-mail-registered.ts';

/** The job that marks a handled message in its function mailbox, as Diarium itself. */
export const MARK_QUEUE_ITEM_JOB = 'ingest.mark-item';

/**
 * Asks for the handled item's mail to be marked, in the transaction that handled it: the mark
 * follows the change or neither happens. Keyed by the item's new version, so each change
 * marks once however often it is retried.
 */
export async function requestQueueItemMark(tx: Queryable, item: { id: string; version: number }, now: Date): Promise<void> {
  await enqueueJob(tx, { kind: MARK_QUEUE_ITEM_JOB, key: `${item.id}:${item.version}`, payload: { itemId: item.id }, runAt: now }, now);
}

interface ItemToMark {
  status: 'waiting' | 'registered' | 'set_aside';
  mailbox_address: string;
  source_id: string;
  handled_folder: string | null;
  document_number: string | null;
}

/** The mark an item's mail carries now: `Diarieförd KS 2026/0042-3`, `Hanterad`, or none while it waits. */
export function markFor(item: Pick<ItemToMark, 'status' | 'document_number' | 'handled_folder'>): MailMark | null {
  if (item.status === 'waiting') return null;
  const category = item.status === 'registered' && item.document_number ? registeredCategory(item.document_number) : t('sv', 'mail.category.handled');
  return { category, color: CATEGORY_COLOR, moveTo: item.handled_folder };
}

/**
 * Marks the item's mail as it stands when the job runs (a later change may have overtaken the
 * one that asked). A mail gone from the mailbox has nothing left to mark.
 */
export async function markQueueItem(deps: Pick<Deps, 'db'>, source: MailSource, itemId: string): Promise<void> {
  const [item] = rowsOf<ItemToMark>(
    await deps.db.execute(sql`
      select i.status, i.source_id, mb.address as mailbox_address, mb.handled_folder, d.document_number
      from queue_items i join function_mailboxes mb on mb.id = i.mailbox_id left join documents d on d.id = i.document_id
      where i.id = ${itemId}`),
  );
  const mark = item ? markFor(item) : null;
  if (!item || !mark) return;
  await source.mark(item.mailbox_address, item.source_id, mark);
}

/** When the mail could not be marked after every retry: the item's history says so, for the registrar to see. */
export async function giveUpQueueItemMark(deps: Pick<Deps, 'db' | 'now'>, itemId: string, reason: string): Promise<void> {
  const [item] = rowsOf<{ org_id: string }>(await deps.db.execute(sql`select org_id from queue_items where id = ${itemId}`));
  if (!item) return;
  await appendQueueItemEvents(deps.db, [{ orgId: item.org_id, itemId, actorId: null, action: 'item.markFailed', detail: { reason: reason.slice(0, 300) }, at: deps.now() }]);
}
