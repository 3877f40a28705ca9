import { parseCaseNumber, routeMessage, RoutingRuleSchema, type RoutingRule } from '@diarium/core';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Deps } from '../services/context.ts';
import { findCaseByNumber } from '../store/cases.ts';
import {
  appendQueueItemEvents,
  diaryPrefixes,
  existingQueueIds,
  findFunctionMailbox,
  insertQueueItems,
  lockSyncCursor,
  setSyncState,
  type FunctionMailboxRow,
  type NewQueueItemRow,
} from '../store/function-mailboxes.ts';
import type { IncomingMessage, MailSource } from './mail-source.ts';
import { SyncStateLost } from './mail-source.ts';
import { addWorkingDays, warningTime } from './working-days.ts';

export interface SyncOutcome {
  /** Items added to queues by this sync. */
  added: number;
  /** Messages seen again (a resync, a retry, another process): already in a queue, so nothing was added. */
  known: number;
  pages: number;
  /** The source had lost the cursor, and the mailbox was read again from the start. */
  resynced: boolean;
  /** Another process stored a page first; this one left the rest to it. */
  overtaken: boolean;
}

const Rules = z.array(RoutingRuleSchema);

/**
 * Brings a function mailbox's new mail into its queues, page by page. Each page's items are
 * stored in one transaction with the cursor that follows them, so a sync killed at any point
 * resumes where the last stored page ended; and one item a message (unique on mailbox and
 * internetMessageId), so a resync or a second process adds nothing twice. The cursor is
 * compared before it is moved: when another process has moved it, this one stops.
 */
export async function syncMailbox(
  deps: Pick<Deps, 'db' | 'now'>,
  source: MailSource,
  mailboxId: string,
  options: { logger: Logger; maxPages?: number },
): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { added: 0, known: 0, pages: 0, resynced: false, overtaken: false };
  const mailbox = await findFunctionMailbox(deps.db, mailboxId);
  // A paused mailbox is not read; its cursor waits, so what arrives meanwhile comes in once it is resumed.
  if (!mailbox?.active) return outcome;
  const rules = parseRules(mailbox, options.logger);
  const context = { diaryPrefixes: await diaryPrefixes(deps.db, mailbox.orgId) };
  const queueIds = await existingQueueIds(deps.db, mailbox.orgId, [
    mailbox.defaultQueueId,
    ...rules.flatMap((r) => r.actions.flatMap((a) => (a.type === 'queue' ? [a.queueId] : []))),
  ]);
  let cursor = mailbox.syncCursor;
  // The next page is asked for while this one is stored: Graph's latency, not ours, sets the pace.
  const fetchFrom = (from: string | null) => {
    const promise = source.page(mailbox.address, from);
    promise.catch(() => undefined);
    return promise;
  };
  let next = fetchFrom(cursor);

  for (let n = 0; n < (options.maxPages ?? 1_000); n++) {
    let page;
    try {
      page = await next;
    } catch (error) {
      if (!(error instanceof SyncStateLost) || outcome.resynced) throw error;
      // Read everything again; what is already queued stays one item.
      options.logger.warn({ mailbox: mailbox.address }, 'sync state lost; reading the mailbox again from the start');
      outcome.resynced = true;
      const from = cursor;
      cursor = null;
      const moved = await deps.db.transaction(async (tx) => {
        if ((await lockSyncCursor(tx, mailbox.id)) !== from) return false;
        await setSyncState(tx, mailbox.id, { cursor: null });
        return true;
      });
      if (!moved) return { ...outcome, overtaken: true };
      next = fetchFrom(null);
      continue;
    }
    if (!page.done) next = fetchFrom(page.cursor);
    const at = deps.now();
    const stored = await deps.db.transaction(async (tx) => {
      if ((await lockSyncCursor(tx, mailbox.id)) !== cursor) return null;
      const rows: NewQueueItemRow[] = [];
      const routed: { rule: RoutingRule | null; outcome: ReturnType<typeof routeMessage> }[] = [];
      for (const message of page.messages) {
        const route = routeMessage(rules, routable(message), context);
        const suggested = route.suggestedCase ? parseCaseNumber(route.suggestedCase) : null;
        const suggestedCase = suggested ? await findCaseByNumber(tx, mailbox.orgId, suggested) : null;
        const deadline = addWorkingDays(message.receivedAt, mailbox.deadlineWorkingDays);
        const rule = rules.find((r) => r.id === route.ruleId) ?? null;
        routed.push({ rule, outcome: route });
        rows.push({
          orgId: mailbox.orgId,
          mailboxId: mailbox.id,
          queueId: route.queueId && queueIds.has(route.queueId) ? route.queueId : mailbox.defaultQueueId,
          internetMessageId: message.internetMessageId,
          sourceId: message.sourceId,
          subject: message.subject.slice(0, 1_000),
          fromAddress: message.from?.address ?? null,
          fromName: message.from?.name ?? null,
          bodyPreview: message.bodyPreview.slice(0, 1_000),
          hasAttachments: message.hasAttachments,
          receivedAt: message.receivedAt,
          deadlineAt: deadline,
          warnAt: warningTime(deadline, message.receivedAt),
          assigneeId: route.assigneeId,
          suggestedCaseId: suggestedCase?.id ?? null,
          ruleId: rule?.id ?? null,
          ruleName: rule?.name ?? null,
          unimportant: route.unimportant,
          createdAt: at,
          updatedAt: at,
        });
      }
      const added = await insertQueueItems(tx, rows);
      const byMessage = new Map(rows.map((row, i) => [row.internetMessageId, { row, ...routed[i]! }]));
      await appendQueueItemEvents(
        tx,
        added.map(({ id, internetMessageId }) => {
          const { row, rule } = byMessage.get(internetMessageId)!;
          return {
            orgId: mailbox.orgId,
            itemId: id,
            actorId: null,
            action: 'item.received',
            detail: { queueId: row.queueId, ruleId: rule?.id ?? null, ruleName: rule?.name ?? null, assigneeId: row.assigneeId ?? null, unimportant: row.unimportant ?? false },
            at,
          };
        }),
      );
      await setSyncState(tx, mailbox.id, { cursor: page.cursor, syncedAt: at, error: null });
      return { added: added.length, known: rows.length - added.length };
    });
    if (!stored) return { ...outcome, overtaken: true };
    outcome.pages++;
    outcome.added += stored.added;
    outcome.known += stored.known;
    cursor = page.cursor;
    if (page.done) break;
  }
  return outcome;
}

function parseRules(mailbox: FunctionMailboxRow, logger: Logger): RoutingRule[] {
  const parsed = Rules.safeParse(mailbox.rules);
  if (parsed.success) return parsed.data;
  // Rules are validated when saved; rules that no longer parse route nothing, and say so.
  logger.error({ mailbox: mailbox.address, issues: parsed.error.issues.length }, 'routing rules do not parse; mail goes to the default queue');
  return [];
}

function routable(message: IncomingMessage) {
  return { from: message.from, to: message.to, cc: message.cc, subject: message.subject, bodyText: message.bodyText, headers: message.headers };
}
